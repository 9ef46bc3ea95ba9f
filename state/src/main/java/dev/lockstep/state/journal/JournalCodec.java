package dev.lockstep.state.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.FormatException;
import dev.lockstep.state.codec.Json;
import dev.lockstep.state.codec.ResourceJson;
import dev.lockstep.state.codec.StateCodec;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The journal's line format: one compact JSON object per line, ending with
 * {@code ,"crc":"xxxxxxxx"}} where the CRC-32 covers the line's bytes without that suffix (with
 * the closing brace). Every entry names the state it applies to (lineage and base serial) and the
 * state format version of the resource it carries. The first line of a journal is a {@code begin}
 * entry that also carries the state's hash key, so that a journal started before any state was
 * ever persisted can still be recovered.
 */
public final class JournalCodec {

    /** What an entry records. */
    public enum Op {
        BEGIN, PENDING, PUT, REMOVE
    }

    /** One decoded entry; {@code resource} for pending/put, {@code address} for remove, {@code hashKey} for begin. */
    public record Entry(Op op, String lineage, long baseSerial, long seq, Instant time, ResourceInstance resource,
            ResourceAddress address, byte[] hashKey) {
    }

    /** The entries of a journal file, and what was skipped. */
    public record Parsed(List<Entry> entries, List<String> warnings) {
    }

    private static final byte[] CRC_PREFIX = ",\"crc\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SUFFIX = CRC_PREFIX.length + 8 + 2;

    private JournalCodec() {
    }

    /**
     * The line of {@code e}, newline included; with encryption, the line (checksum included) sealed
     * as one envelope, which holds no newline, followed by one.
     */
    public static byte[] encode(Entry e, Encryption encryption) {
        byte[] line = encode(e);
        if (!encryption.encrypts()) {
            return line;
        }
        try {
            byte[] sealed = encryption.seal(Map.of("journal", 1), java.util.Arrays.copyOf(line, line.length - 1));
            byte[] out = java.util.Arrays.copyOf(sealed, sealed.length + 1);
            out[sealed.length] = '\n';
            return out;
        } catch (EncryptionException ex) {
            throw new IllegalStateException("cannot encrypt a journal entry: " + ex.getMessage(), ex);
        }
    }

    /** The line of {@code e}, newline included. */
    public static byte[] encode(Entry e) {
        byte[] body = Json.write(false, g -> body(e, g));
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] hex = String.format(Locale.ROOT, "%08x", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[body.length - 1 + SUFFIX + 1];
        System.arraycopy(body, 0, line, 0, body.length - 1);
        int p = body.length - 1;
        System.arraycopy(CRC_PREFIX, 0, line, p, CRC_PREFIX.length);
        p += CRC_PREFIX.length;
        System.arraycopy(hex, 0, line, p, 8);
        p += 8;
        line[p++] = '"';
        line[p++] = '}';
        line[p] = '\n';
        return line;
    }

    private static void body(Entry e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", e.op().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("format", StateCodec.CURRENT_VERSION);
        g.writeStringField("lineage", e.lineage());
        g.writeNumberField("base_serial", e.baseSerial());
        g.writeNumberField("seq", e.seq());
        g.writeStringField("time", e.time().toString());
        switch (e.op()) {
            case BEGIN:
                g.writeStringField("hash_key", Base64.getEncoder().encodeToString(e.hashKey()));
                break;
            case REMOVE:
                g.writeStringField("address", e.address().toString());
                break;
            default:
                g.writeFieldName("resource");
                ResourceJson.write(e.resource(), g);
        }
        g.writeEndObject();
    }

    /**
     * Parses a journal file. A last line that is incomplete (no newline) or fails its CRC is a
     * write torn by a crash: it is skipped with a warning (it was never acknowledged, because an
     * append returns only after its line is on disk). A bad line anywhere else is corruption and
     * an error: skipping it could silently drop an acknowledged result.
     */
    public static Parsed parse(byte[] data, String source) throws StateException {
        return parse(data, source, Encryption.NONE);
    }

    /**
     * As {@link #parse(byte[], String)}, opening sealed lines with {@code encryption}. A sealed line
     * that does not open counts as a bad line (torn when last, else corruption); an encrypted
     * journal read without an encryption block, or a plaintext one while encryption is configured
     * without the unencrypted fallback, is an error.
     */
    public static Parsed parse(byte[] data, String source, Encryption encryption) throws StateException {
        List<Entry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < data.length) {
            lineNo++;
            int nl = indexOf(data, (byte) '\n', start);
            boolean complete = nl >= 0;
            int end = complete ? nl : data.length;
            boolean last = !complete || nl + 1 >= data.length;
            byte[] line = data;
            int from = start;
            int to = end;
            String problem = null;
            if (!complete) {
                problem = "it has no end of line";
            } else if (encryption.isConfigured() || data[start] == '{' && Envelope.isEncrypted(
                    java.util.Arrays.copyOfRange(data, start, end))) {
                byte[] raw = java.util.Arrays.copyOfRange(data, start, end);
                if (!encryption.isConfigured()) {
                    throw new StateException(source + " is encrypted, but this configuration has no encryption block; "
                            + "add the one it was written with");
                }
                try {
                    line = encryption.open(raw, source + " line " + lineNo).plaintext();
                    from = 0;
                    to = line.length;
                } catch (EncryptionException ex) {
                    if (!Envelope.isEncrypted(raw)) {
                        throw new StateException(ex.getMessage(), ex);
                    }
                    problem = "it does not decrypt";
                }
            }
            if (problem == null) {
                problem = checkCrc(line, from, to);
            }
            if (problem != null) {
                if (last) {
                    warnings.add("ignored the last line (" + lineNo + ") of " + source + ": " + problem
                            + "; it was being written when the process stopped, and was never reported as done");
                    break;
                }
                throw new StateException(source + " is corrupt at line " + lineNo + " (" + problem
                        + "), and valid entries follow it, so this is not an interrupted write. Inspect the file; "
                        + "deleting that line loses the result it recorded.");
            }
            try {
                entries.add(decode(Json.parse(java.util.Arrays.copyOfRange(line, from, to))));
            } catch (IOException | FormatException | java.time.DateTimeException | IllegalArgumentException e) {
                throw new StateException(source + " line " + lineNo + " cannot be read: " + e.getMessage(), e);
            }
            start = end + 1;
        }
        return new Parsed(entries, warnings);
    }

    private static String checkCrc(byte[] data, int start, int end) {
        int len = end - start;
        if (len < SUFFIX + 2) {
            return "it is too short";
        }
        int s = end - SUFFIX;
        for (int i = 0; i < CRC_PREFIX.length; i++) {
            if (data[s + i] != CRC_PREFIX[i]) {
                return "it has no checksum";
            }
        }
        String hex = new String(data, s + CRC_PREFIX.length, 8, StandardCharsets.US_ASCII);
        if (data[end - 2] != '"' || data[end - 1] != '}') {
            return "it has no checksum";
        }
        CRC32 crc = new CRC32();
        crc.update(data, start, s - start);
        crc.update('}');
        return String.format(Locale.ROOT, "%08x", crc.getValue()).equals(hex) ? null : "its checksum does not match";
    }

    private static Entry decode(JsonNode n) throws FormatException {
        int format = n.path("format").asInt(-1);
        if (format != StateCodec.CURRENT_VERSION) {
            throw new FormatException("format", "the entry has state format version " + format
                    + "; this lockstep writes version " + StateCodec.CURRENT_VERSION
                    + ". Recover it with the lockstep version that wrote it.");
        }
        Op op;
        try {
            op = Op.valueOf(n.path("op").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FormatException("op", "unknown operation " + n.get("op"));
        }
        JsonNode lineage = n.get("lineage");
        JsonNode base = n.get("base_serial");
        if (lineage == null || !lineage.isTextual() || base == null || !base.canConvertToLong()) {
            throw new FormatException("", "the entry does not name its state (lineage, base_serial)");
        }
        Instant time = Instant.parse(n.path("time").asText("1970-01-01T00:00:00Z"));
        long seq = n.path("seq").asLong(0);
        switch (op) {
            case BEGIN:
                return new Entry(op, lineage.textValue(), base.longValue(), seq, time, null, null,
                        Base64.getDecoder().decode(n.path("hash_key").asText("")));
            case REMOVE:
                try {
                    return new Entry(op, lineage.textValue(), base.longValue(), seq, time, null,
                            ResourceAddress.parse(n.path("address").asText("")), null);
                } catch (IllegalArgumentException e) {
                    throw new FormatException("address", e.getMessage());
                }
            default:
                JsonNode r = n.get("resource");
                if (r == null) {
                    throw new FormatException("resource", "the field is missing");
                }
                ResourceInstance ri;
                try {
                    ri = ResourceJson.read(r);
                } catch (FormatException e) {
                    throw e.under("resource");
                }
                return new Entry(op, lineage.textValue(), base.longValue(), seq, time, ri, null, null);
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
