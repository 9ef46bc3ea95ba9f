package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** API-server defaults the mock does not apply, on create/replace/merge-patch bodies. */
final class Defaults {
  private Defaults() {}

  static RecordedRequest apply(RecordedRequest request, ApiPath p) {
    boolean secret = p.group().isEmpty() && "secrets".equals(p.resource());
    boolean namespace = p.group().isEmpty() && "namespaces".equals(p.resource()) && p.namespace() == null;
    if (!secret && !namespace || request.getBody() == null || request.getBody().size() == 0) {
      return request;
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(request.getBody().getBytes());
    } catch (IOException e) {
      return request;
    }
    if (!parsed.isObject()) {
      return request;
    }
    ObjectNode o = (ObjectNode) parsed;
    boolean patch = request.getMethod().equals("PATCH");
    if (secret) {
      foldStringData(o);
      if (!patch && !o.has("type")) {
        o.put("type", "Opaque");
      }
    } else if (!patch) {
      String name = o.path("metadata").path("name").asText("");
      object(object(o, "metadata"), "labels").put("kubernetes.io/metadata.name", name);
      if (!o.path("spec").has("finalizers")) {
        object(o, "spec").putArray("finalizers").add("kubernetes");
      }
      if (!o.path("status").has("phase")) {
        object(o, "status").put("phase", "Active");
      }
    }
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
        new Buffer(Json.bytes(o)));
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    return existing != null && existing.isObject() ? (ObjectNode) existing : parent.putObject(field);
  }

  /** stringData entries become base64 data entries (stringData wins), as the API server does. */
  private static void foldStringData(ObjectNode o) {
    JsonNode sd = o.remove("stringData");
    if (sd == null || !sd.isObject()) {
      return;
    }
    ObjectNode data = object(o, "data");
    sd.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        data.putNull(e.getKey());
      } else {
        data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
    });
  }
}
