package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The API server's validation of the objects a state backend writes, which the CRUD mock does not
 * do: Secrets and ConfigMaps hold at most 1,048,576 bytes of data; once {@code immutable: true},
 * their data (and the flag itself) never change again, and a Secret's {@code type} never changes;
 * a Lease's {@code leaseDurationSeconds} must be positive. A refused write is 422 {@code Invalid}
 * with the API server's field path and wording, and nothing is stored.
 */
final class ObjectRules {
    /** The API server's limit on the data of one Secret or ConfigMap ({@code MaxSecretSize}). */
    static final int MAX_DATA_BYTES = 1024 * 1024;

    private ObjectRules() {}

    /** True for the kinds these rules check (Secrets, ConfigMaps, Leases); other writes skip the work. */
    static boolean applies(ApiPath p) {
        return p.isResource() && p.subresource() == null && kind(p) != null;
    }

    private static String kind(ApiPath p) {
        if (p.group() == null) {
            return null;
        }
        if (p.group().isEmpty() && "secrets".equals(p.resource())) {
            return "Secret";
        }
        if (p.group().isEmpty() && "configmaps".equals(p.resource())) {
            return "ConfigMap";
        }
        if (p.group().equals("coordination.k8s.io") && "leases".equals(p.resource())) {
            return "Lease.coordination.k8s.io";
        }
        return null;
    }

    /**
     * Checks the object a write would store ({@code next}) against the stored one ({@code current},
     * null for a create); returns the 422 answer, or null when the write is valid.
     */
    static MockResponse check(ApiPath p, JsonNode current, JsonNode next) {
        String kind = kind(p);
        if (kind == null || next == null || !next.isObject()) {
            return null;
        }
        String name = next.path("metadata").path("name").asText(p.name() == null ? "" : p.name());
        if (kind.startsWith("Lease")) {
            JsonNode d = next.path("spec").path("leaseDurationSeconds");
            if (d.isNumber() && d.asLong() <= 0) {
                return invalid(kind, p, name, "spec.leaseDurationSeconds: Invalid value: " + d.asLong()
                        + ": must be greater than 0");
            }
            return null;
        }
        boolean secret = kind.equals("Secret");
        if (current != null && current.isObject()) {
            if (secret) {
                String was = current.path("type").asText("Opaque");
                String now = next.path("type").asText("Opaque");
                if (!was.equals(now)) {
                    return invalid(kind, p, name, "type: Invalid value: \"" + now + "\": field is immutable");
                }
            }
            if (current.path("immutable").asBoolean(false)) {
                if (!next.path("immutable").asBoolean(false)) {
                    return invalid(kind, p, name, "immutable: Forbidden: field is immutable when `immutable` is set");
                }
                for (String field : secret ? new String[] {"data"} : new String[] {"data", "binaryData"}) {
                    if (!Objects.equals(entries(current.get(field)), entries(next.get(field)))) {
                        return invalid(kind, p, name, field + ": Forbidden: field is immutable when `immutable` is set");
                    }
                }
            }
        }
        long size = secret ? decodedSize(next.get("data"))
                : textSize(next.get("data")) + decodedSize(next.get("binaryData"));
        if (size > MAX_DATA_BYTES) {
            return invalid(kind, p, name, (secret ? "data" : "[]") + ": Too long: must have at most " + MAX_DATA_BYTES
                    + " bytes");
        }
        return null;
    }

    /** An absent or null map counts as empty, as the API server compares them. */
    private static JsonNode entries(JsonNode m) {
        return m == null || m.isNull() || m.isObject() && m.isEmpty() ? null : m;
    }

    private static long decodedSize(JsonNode data) {
        long total = 0;
        if (data != null && data.isObject()) {
            for (JsonNode v : (Iterable<JsonNode>) data::elements) {
                try {
                    total += Base64.getDecoder().decode(v.asText("")).length;
                } catch (IllegalArgumentException e) {
                    total += v.asText("").length();
                }
            }
        }
        return total;
    }

    private static long textSize(JsonNode data) {
        long total = 0;
        if (data != null && data.isObject()) {
            for (JsonNode v : (Iterable<JsonNode>) data::elements) {
                total += v.asText("").getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return total;
    }

    private static MockResponse invalid(String kind, ApiPath p, String name, String cause) {
        return Statuses.status(422, "Invalid", kind + " \"" + name + "\" is invalid: " + cause,
                Statuses.details(name, p.resource()));
    }
}
