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

    /**
     * What the mock's {@code handleGet} answers for a collection path (with an optional
     * {@code ?fieldSelector=}): the same items in the same order and the same body, but found without
     * running the mock's attribute matching on every stored object. That matching streams over each
     * object's attributes with {@code containsValue}, under the mock's lock on the one event-loop
     * thread; at 10,000 objects it took about 14 ms per LIST and capped the emulator at about 70
     * LISTs a second. Here objects are first narrowed by namespace and plural (two hash lookups) and
     * only those left are matched in full. An empty answer goes to the mock, which may answer API
     * discovery for the path instead.
     */
    io.fabric8.mockwebserver.http.MockResponse handleCollectionGet(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        if (query.getAttribute(KubernetesAttributesExtractor.NAME) != null) {
            return handleGet(path);
        }
        String ns = attr(query, KubernetesAttributesExtractor.NAMESPACE);
        String plural = attr(query, KubernetesAttributesExtractor.PLURAL);
        List<String> items = new ArrayList<>();
        java.util.concurrent.locks.Lock read = mockReadLock();
        read.lock();
        try {
            synchronized (map) {
                for (Map.Entry<AttributeSet, String> e : map.entrySet()) {
                    AttributeSet key = e.getKey();
                    if (ns != null && !ns.equals(attr(key, KubernetesAttributesExtractor.NAMESPACE))) {
                        continue;
                    }
                    if (plural != null && !plural.equals(attr(key, KubernetesAttributesExtractor.PLURAL))) {
                        continue;
                    }
                    if (key.matches(query)) {
                        items.add(e.getValue());
                    }
                }
            }
        } finally {
            read.unlock();
        }
        if (items.isEmpty()) {
            return handleGet(path);
        }
        return new io.fabric8.mockwebserver.http.MockResponse().setResponseCode(200)
                .setBody(((io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer) responseComposer)
                        .compose(items, String.valueOf(lastResourceVersion())));
    }

    private java.util.concurrent.locks.Lock readLock;

    /** The mock's own read lock (private in KubernetesCrudDispatcher), so reads never see a write half done. */
    private synchronized java.util.concurrent.locks.Lock mockReadLock() {
        if (readLock == null) {
            try {
                java.lang.reflect.Field f = KubernetesCrudDispatcher.class.getDeclaredField("lock");
                f.setAccessible(true);
                readLock = ((java.util.concurrent.locks.ReadWriteLock) f.get(this)).readLock();
            } catch (ReflectiveOperationException | RuntimeException e) {
                readLock = new java.util.concurrent.locks.ReentrantLock(); // writes still go through map's monitor
            }
        }
        return readLock;
    }

    /** Number of stored objects. */
    int size() {
        return map.size();
    }
}
