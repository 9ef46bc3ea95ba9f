package dev.lockstep.state.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.codec.Json;
import java.io.IOException;
import java.time.Instant;

/** {@code lock.json}: the holder info of the local lock, pretty-printed for people who look. */
final class LockInfoJson {

    private LockInfoJson() {
    }

    static byte[] encode(LockInfo i) {
        return Json.write(true, g -> {
            g.writeStartObject();
            g.writeStringField("id", i.id());
            g.writeStringField("who", i.who());
            g.writeStringField("operation", i.operation());
            g.writeStringField("created", i.created().toString());
            g.writeStringField("path", i.path());
            g.writeStringField("version", i.version());
            g.writeNumberField("pid", i.pid());
            g.writeStringField("expires", i.expires().toString());
            g.writeEndObject();
        });
    }

    /** The info, or null when the bytes are not a complete holder record. */
    static LockInfo decode(byte[] data) {
        try {
            JsonNode n = Json.parse(data);
            if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("pid").canConvertToLong()) {
                return null;
            }
            return new LockInfo(n.get("id").asText(), n.path("who").asText("unknown"),
                    n.path("operation").asText("unknown"), Instant.parse(n.path("created").asText()),
                    n.path("path").asText(""), n.path("version").asText("unknown"), n.get("pid").asLong(),
                    Instant.parse(n.path("expires").asText()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
