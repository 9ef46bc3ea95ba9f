package dev.lockstep.state.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.Json;
import dev.lockstep.state.codec.ValueJson;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code .lockstep/audit.jsonl}: one JSON line per {@link AuditEvent}, appended and forced to disk
 * before {@link #append} returns. Each line goes out in a single write on a file opened with
 * {@code O_APPEND}, which local file systems apply atomically, so several processes (and threads)
 * can append at once without interleaving. Events carry no attribute values; as a second line of
 * defence, {@link #append(AuditEvent, Collection)} replaces the text of the given secrets wherever
 * it appears (a provider error that quotes a value, say) with {@code (sensitive value)}.
 */
public final class AuditLog {

    /** The audit log's file name in {@code .lockstep/}. */
    public static final String FILE = "audit.jsonl";
    /** Secrets shorter than this are not searched for (they would blank out ordinary words). */
    public static final int MIN_REDACTED_LENGTH = Scrubber.MIN_LENGTH;

    private final Path file;

    /** The audit log of the state in {@code lockstepDir}. */
    public AuditLog(Path lockstepDir) {
        this.file = lockstepDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Appends {@code event}. */
    public void append(AuditEvent event) throws StateException {
        append(event, List.of());
    }

    /** Appends {@code event} with the text of every string or number inside {@code secrets} redacted. */
    public void append(AuditEvent event, Collection<Value> secrets) throws StateException {
        Scrubber needles = needles(secrets);
        byte[] line = Json.write(false, g -> write(event, needles, g));
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        try {
            try (FileChannel ch = SecureFiles.openForAppend(file)) {
                ByteBuffer buf = ByteBuffer.wrap(withNewline);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("append to the audit log", file, e), e);
        }
    }

    private static void write(AuditEvent e, Scrubber needles, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("user", needles.scrub(e.user()));
        g.writeStringField("command", needles.scrub(e.command()));
        g.writeStringField("plan_digest", e.planDigest());
        g.writeStringField("lock_id", e.lockId());
        g.writeArrayFieldStart("changes");
        for (AuditEvent.Change c : e.changes()) {
            g.writeStartObject();
            g.writeStringField("address", needles.scrub(c.address()));
            g.writeStringField("action", needles.scrub(c.action()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("results");
        for (AuditEvent.Result r : e.results()) {
            g.writeStartObject();
            g.writeStringField("address", needles.scrub(r.address()));
            g.writeStringField("status", needles.scrub(r.status()));
            g.writeStringField("error", needles.scrub(r.error()));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!e.checks().isEmpty()) {
            g.writeArrayFieldStart("checks");
            for (AuditEvent.Check c : e.checks()) {
                g.writeStartObject();
                g.writeStringField("kind", needles.scrub(c.kind()));
                g.writeStringField("outcome", needles.scrub(c.outcome()));
                g.writeStringField("detail", needles.scrub(c.detail()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The shared scrubber (docs/architecture.md) with every string or number inside {@code secrets}. */
    private static Scrubber needles(Collection<Value> secrets) {
        Set<String> out = new TreeSet<>();
        for (Value v : secrets) {
            collect(v.unmarkDeep(), out);
        }
        return Scrubber.of(out.toArray(String[]::new));
    }

    private static void collect(Value v, Set<String> out) {
        if (v.isNull() || !v.isKnown()) {
            return;
        }
        if (v.isSequence()) {
            v.elements().forEach(e -> collect(e, out));
        } else if (v.isMapping()) {
            v.attributes().values().forEach(e -> collect(e, out));
        } else {
            String s = v.type() == dev.lockstep.api.value.Type.STRING ? v.asString()
                    : v.type() == dev.lockstep.api.value.Type.NUMBER ? ValueJson.formatNumber(v.asNumber()) : null;
            if (s != null && s.length() >= MIN_REDACTED_LENGTH) {
                out.add(s);
            }
        }
    }

    /**
     * Every event in the log, oldest first. A last line cut short by a crash is skipped; any other
     * unreadable line is an error.
     */
    public List<AuditEvent> read() throws StateException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("read the audit log", file, e), e);
        }
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            try {
                out.add(decode(Json.parse(lines[i].getBytes(StandardCharsets.UTF_8))));
            } catch (IOException | RuntimeException e) {
                if (i == lines.length - 1) {
                    break; // torn by a crash
                }
                throw new StateException("the audit log " + file + " is corrupt at line " + (i + 1) + ": " + e.getMessage(),
                        e);
            }
        }
        return out;
    }

    private static AuditEvent decode(JsonNode n) {
        List<AuditEvent.Change> changes = new ArrayList<>();
        for (JsonNode c : n.path("changes")) {
            changes.add(new AuditEvent.Change(c.path("address").asText(), c.path("action").asText()));
        }
        List<AuditEvent.Result> results = new ArrayList<>();
        for (JsonNode r : n.path("results")) {
            results.add(new AuditEvent.Result(r.path("address").asText(), r.path("status").asText(), text(r.get("error"))));
        }
        List<AuditEvent.Check> checks = new ArrayList<>();
        for (JsonNode c : n.path("checks")) {
            checks.add(new AuditEvent.Check(c.path("kind").asText(), c.path("outcome").asText(), text(c.get("detail"))));
        }
        return new AuditEvent(Instant.parse(n.path("time").asText()), text(n.get("user")), n.path("command").asText(),
                text(n.get("plan_digest")), changes, results, text(n.get("lock_id")), checks);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
