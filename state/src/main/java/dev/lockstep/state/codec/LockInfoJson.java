package dev.lockstep.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.state.backend.LockInfo;
import java.io.IOException;
import java.time.Instant;

/**
 * A lock holder's info as JSON: the local lock's {@code lock.json} (pretty-printed for people who
 * look) and the Kubernetes Lease's annotation (compact), with the same field names.
 */
public final class LockInfoJson {

    private LockInfoJson() {
    }

    /** Pretty-printed, as {@code lock.json} holds it. */
    public static byte[] encode(LockInfo i) {
        return encode(i, true);
    }

    /** The info as JSON, pretty-printed or on one line. */
    public static byte[] encode(LockInfo i, boolean pretty) {
        return Json.write(pretty, g -> {
            g.writeStartObject();
            g.writeStringField("id", i.id());
            g.writeStringField("who", i.who());
            g.writeStringField("operation", i.operation());
            g.writeStringField("created", i.created().toString());
            g.writeStringField("path", i.path());
            g.writeStringField("version", i.version());
            g.writeNumberField("pid", i.pid());
            g.writeStringField("expires", i.expires().toString());
            if (i.planDigest() != null) {
                g.writeStringField("plan_digest", i.planDigest());
            }
            g.writeEndObject();
        });
    }

    /** The info, or null when the bytes are not a complete holder record. */
    public static LockInfo decode(byte[] data) {
        try {
            JsonNode n = Json.parse(data);
            if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("pid").canConvertToLong()) {
                return null;
            }
            return new LockInfo(n.get("id").asText(), n.path("who").asText("unknown"),
                    n.path("operation").asText("unknown"), Instant.parse(n.path("created").asText()),
                    n.path("path").asText(""), n.path("version").asText("unknown"), n.get("pid").asLong(),
                    Instant.parse(n.path("expires").asText()),
                    n.path("plan_digest").isTextual() ? n.get("plan_digest").asText() : null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
