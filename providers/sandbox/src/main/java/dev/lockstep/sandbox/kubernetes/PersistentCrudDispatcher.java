package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.utils.Utils;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's CRUD dispatcher with what the sandbox adds underneath: export and import of every
 * stored object (each with the collection path it lives under, so that a reloaded object gets the
 * same lookup key and a reloaded CustomResourceDefinition registers its kind again), a
 * resourceVersion counter that continues where the saved state left off, and removal of a deleted
 * namespace's contents.
 */
final class PersistentCrudDispatcher extends KubernetesCrudDispatcher {
  private final AtomicLong lastResourceVersion = new AtomicLong();

  @Override
  public long requestResourceVersion() {
    long v = super.requestResourceVersion();
    lastResourceVersion.accumulateAndGet(v, Math::max);
    return v;
  }

  /** The highest resourceVersion handed out so far. */
  long lastResourceVersion() {
    return lastResourceVersion.get();
  }

  /** Moves the counter forward to at least {@code rv} (after a reload). */
  void advanceResourceVersion(long rv) {
    while (lastResourceVersion.get() < rv) {
      requestResourceVersion();
    }
  }

  private static String attr(AttributeSet key, String name) {
    Attribute a = key.getAttribute(name);
    return a == null || a.getValues().isEmpty() ? null : a.getValues().iterator().next().toString();
  }

  /** The collection path an object with this key lives under, e.g. {@code /api/v1/namespaces/x/secrets}. */
  static String collectionPath(AttributeSet key) {
    String api = attr(key, KubernetesAttributesExtractor.API);
    String version = attr(key, KubernetesAttributesExtractor.VERSION);
    String ns = attr(key, KubernetesAttributesExtractor.NAMESPACE);
    String plural = attr(key, KubernetesAttributesExtractor.PLURAL);
    return (api == null ? "/api/" + version : "/apis/" + api + "/" + version)
        + (ns == null ? "" : "/namespaces/" + ns) + "/" + plural;
  }

  /** Every stored object as {@code {"path": collection path, "object": {...}}}. */
  ArrayNode export() {
    ArrayNode out = Json.array();
    synchronized (map) {
      for (Map.Entry<AttributeSet, String> e : map.entrySet()) {
        ObjectNode item = out.addObject();
        item.put("path", collectionPath(e.getKey()));
        try {
          item.set("object", Json.parse(e.getValue().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
    return out;
  }

  /**
   * Stores an object under a collection path as a create would, keeping its metadata as is. The
   * mock gives new objects uids from a process-wide counter ({@code 00000000-0000-0000-0000-N});
   * the counter is moved past every reloaded uid so that uids stay unique across restarts.
   */
  void load(String collectionPath, String json) {
    GenericKubernetesResource r = Serialization.unmarshal(json, GenericKubernetesResource.class);
    String uid = r.getMetadata().getUid();
    if (uid != null) {
      try {
        UUID u = UUID.fromString(uid);
        if (u.getMostSignificantBits() == 0) {
          while (Utils.generateId().getLeastSignificantBits() < u.getLeastSignificantBits()) {
            // advance the mock's uid counter
          }
        }
      } catch (IllegalArgumentException e) {
        // not a UUID: nothing to advance
      }
    }
    AttributeSet pathAttributes = getKey(collectionPath)
        .add(new Attribute(KubernetesAttributesExtractor.NAME, r.getMetadata().getName()));
    processEvent(collectionPath, pathAttributes, null, r, json);
  }

  /** Removes every object of a namespace (watchers see DELETED events); returns how many. */
  int removeNamespaceContents(String namespace) {
    List<AttributeSet> keys = new ArrayList<>();
    synchronized (map) {
      for (AttributeSet k : map.keySet()) {
        if (namespace.equals(attr(k, KubernetesAttributesExtractor.NAMESPACE))) {
          keys.add(k);
        }
      }
    }
    for (AttributeSet k : keys) {
      processEvent(collectionPath(k), k, k, null, null);
    }
    return keys.size();
  }

  /** Number of stored objects. */
  int size() {
    return map.size();
  }
}
