package dev.lockstep.state.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.backend.SnapshotInfo;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The format of {@code snapshots/<serial>.meta.json}. Version 2 (written now) has a
 * {@code "format": 2} field and {@code restored_from}; version 1 files (no {@code format} field,
 * no {@code restored_from}) are still read. One reader per version.
 */
public final class SnapshotMeta {

    /** The format version {@link #encode} writes. */
    public static final int CURRENT = 2;

    /** Why a metadata file cannot be read (the message has no file name; the caller adds it). */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private SnapshotMeta() {
    }

    public static byte[] encode(SnapshotInfo i, String lineage) {
        return Json.write(true, g -> write(i, lineage, g));
    }

    private static void write(SnapshotInfo i, String lineage, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("format", CURRENT);
        g.writeNumberField("serial", i.serial());
        g.writeStringField("lineage", lineage);
        g.writeStringField("time", i.time() == null ? null : i.time().toString());
        g.writeStringField("user", i.user());
        g.writeStringField("command", i.command());
        g.writeStringField("plan_digest", i.planDigest());
        g.writeStringField("git_commit", i.gitCommit());
        g.writeStringField("lockstep_version", i.version());
        if (i.restoredFrom() == null) {
            g.writeNullField("restored_from");
        } else {
            g.writeNumberField("restored_from", i.restoredFrom());
        }
        g.writeEndObject();
    }

    /** Decodes a metadata file of any supported version. */
    public static SnapshotInfo decode(byte[] bytes) throws Unreadable {
        JsonNode n;
        try {
            n = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new Unreadable("it is not valid JSON (" + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ")");
        } catch (IOException e) {
            throw new Unreadable(FileProblem.reason(e));
        }
        if (n == null || !n.isObject()) {
            throw new Unreadable("it is not a JSON object");
        }
        JsonNode format = n.get("format");
        if (format == null) {
            return readV1(n);
        }
        if (!format.canConvertToInt()) {
            throw new Unreadable("\"format\" is not a number");
        }
        return switch (format.intValue()) {
            case 2 -> readV2(n);
            default -> throw new Unreadable(format.intValue() > CURRENT
                    ? "it has format " + format.intValue() + ", written by a newer lockstep (this one reads up to "
                            + CURRENT + ")"
                    : "it has format " + format.intValue() + ", which no lockstep wrote");
        };
    }

    /** Version 1: serial, lineage, time, user, command, plan_digest, git_commit, lockstep_version. */
    private static SnapshotInfo readV1(JsonNode n) throws Unreadable {
        return new SnapshotInfo(serial(n), instant(n.get("time")), text(n, "user"), text(n, "command"),
                text(n, "plan_digest"), text(n, "git_commit"), text(n, "lockstep_version"), null);
    }

    /** Version 2: version 1 plus format and restored_from. */
    private static SnapshotInfo readV2(JsonNode n) throws Unreadable {
        JsonNode from = n.get("restored_from");
        Long restoredFrom = null;
        if (from != null && !from.isNull()) {
            if (!from.isIntegralNumber() || !from.canConvertToLong()) {
                throw new Unreadable("\"restored_from\" is not a serial");
            }
            restoredFrom = from.longValue();
        }
        SnapshotInfo v1 = readV1(n);
        return restoredFrom == null ? v1 : v1.withRestoredFrom(restoredFrom);
    }

    private static long serial(JsonNode n) throws Unreadable {
        JsonNode s = n.get("serial");
        if (s == null || !s.isIntegralNumber() || !s.canConvertToLong()) {
            throw new Unreadable("\"serial\" is missing or not a number");
        }
        return s.longValue();
    }

    private static String text(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Unreadable("\"" + field + "\" is not a string");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n) throws Unreadable {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeException e) {
            throw new Unreadable("\"time\" is not a time (" + e.getMessage() + ")");
        }
    }
}
