package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;

/** Kubernetes {@code Status} answers ({@code kind: Status}, {@code reason}, {@code code}) as mock responses. */
final class Statuses {
    private Statuses() {}

    static MockResponse status(int code, String reason, String message, ObjectNode details) {
        ObjectNode o = Json.object();
        o.put("kind", "Status");
        o.put("apiVersion", "v1");
        o.putObject("metadata");
        o.put("status", "Failure");
        o.put("message", message);
        o.put("reason", reason);
        if (details != null) {
            o.set("details", details);
        }
        o.put("code", code);
        return new MockResponse().setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(new String(Json.bytes(o), StandardCharsets.UTF_8));
    }

    static ObjectNode details(String name, String kind) {
        ObjectNode d = Json.object();
        if (name != null) {
            d.put("name", name);
        }
        d.put("kind", kind);
        return d;
    }

    /** 404 {@code secrets "x" not found}. */
    static MockResponse notFound(ApiPath p) {
        String what = p.name() != null ? p.name() : p.namespace();
        String kind = p.name() != null ? p.resource() : "namespaces";
        String group = p.group() == null || p.group().isEmpty() ? "" : "." + p.group();
        return status(404, "NotFound", kind + group + " \"" + what + "\" not found", details(what, kind));
    }

    static MockResponse badRequest(String message) {
        return status(400, "BadRequest", message, null);
    }

    static MockResponse conflict(ApiPath p, String message) {
        return status(409, "Conflict", message, details(p.name(), p.resource()));
    }
}
