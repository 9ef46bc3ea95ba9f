package dev.lockstep.secrets.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.remote.LeaseRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON of the two small records an S3 state keeps. The pointer object
 * {@code {"lockstep":"pointer","write":ID,"fields":{...}}} and the lock object, whose members are
 * Terraform's lock info names ({@code ID}, {@code Operation}, {@code Info}, {@code Who},
 * {@code Version}, {@code Created}, {@code Path}) plus the lease ({@code Pid}, {@code Expires},
 * {@code Duration}, {@code Acquired}, {@code Renewed}). Each write carries a random {@code write}
 * id, so that two writes never have the same bytes (an ETag is the MD5 of the bytes: equal bytes
 * would give a compare-and-swap an old version back) and a writer can recognise its own write when
 * a retry finds the record already changed.
 */
final class S3Records {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Records() {}

    static byte[] pointer(Map<String, String> fields) {
        ObjectNode o = JSON.createObjectNode();
        o.put("lockstep", "pointer");
        o.put("write", UUID.randomUUID().toString());
        ObjectNode f = o.putObject("fields");
        new TreeMap<>(fields).forEach(f::put);
        return bytes(o);
    }

    /** The fields of a pointer object; null when the bytes are not one. */
    static Map<String, String> pointerFields(byte[] bytes) {
        JsonNode o = parse(bytes);
        if (o == null || !"pointer".equals(o.path("lockstep").asText()) || !o.path("fields").isObject()) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        o.get("fields").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static byte[] lease(LeaseRecord r) {
        LockInfo i = r.info();
        ObjectNode o = JSON.createObjectNode();
        o.put("ID", i.id());
        o.put("Operation", i.operation());
        o.put("Info", i.planDigest() == null ? "" : i.planDigest()); // Terraform's free-form info: the plan applied
        o.put("Who", i.who());
        o.put("Version", i.version());
        o.put("Created", i.created().toString());
        o.put("Path", i.path());
        o.put("Pid", i.pid());
        o.put("Expires", i.expires() == null ? null : i.expires().toString());
        o.put("Duration", r.duration().toString());
        o.put("Acquired", r.acquired().toString());
        o.put("Renewed", r.renewed().toString());
        o.put("write", UUID.randomUUID().toString());
        return bytes(o);
    }

    /**
     * The lease in a lock object, with {@code version}; null when the bytes are not a lockstep
     * lock (for instance Terraform's own lock file, which has no lease members).
     */
    static LeaseRecord leaseOf(byte[] bytes, String version) {
        JsonNode o = parse(bytes);
        if (o == null || !o.hasNonNull("ID") || !o.hasNonNull("Duration") || !o.hasNonNull("Renewed")) {
            return null;
        }
        try {
            LockInfo info = new LockInfo(o.get("ID").asText(), o.path("Who").asText(), o.path("Operation").asText(),
                    Instant.parse(o.path("Created").asText()), o.path("Path").asText(), o.path("Version").asText(),
                    o.path("Pid").asLong(), o.hasNonNull("Expires") ? Instant.parse(o.get("Expires").asText()) : null,
                    o.path("Info").asText("").isEmpty() ? null : o.path("Info").asText());
            return new LeaseRecord(info, Duration.parse(o.get("Duration").asText()),
                    Instant.parse(o.path("Acquired").asText()), Instant.parse(o.get("Renewed").asText()), version);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Who holds a foreign lock object (Terraform's), for the message that refuses it. */
    static String holder(byte[] bytes) {
        JsonNode o = parse(bytes);
        return o == null ? "unreadable" : o.path("Who").asText("?") + ", lock id " + o.path("ID").asText("?");
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
