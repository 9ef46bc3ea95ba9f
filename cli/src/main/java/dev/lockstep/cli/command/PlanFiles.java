package dev.lockstep.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;
import dev.lockstep.cli.render.PlanJsonRenderer;
import dev.lockstep.planner.engine.PlanOptions;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.codec.FormatException;
import dev.lockstep.state.codec.TypeJson;
import dev.lockstep.state.codec.ValueJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saved plan files: the plan in Terraform's JSON representation (secrets removed), plus what
 * {@code apply FILE} checks before doing anything: the state's lineage and serial, the
 * configuration digest, a keyed fingerprint of every live object read, a keyed hash of every
 * planned value, the options, and the variables (sensitive ones only as keyed hashes). A SHA-256
 * digest over the whole content detects any alteration of the file.
 */
final class PlanFiles {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanFiles() {
    }

    /** A verified-intact plan file. */
    record Loaded(ObjectNode plan, String digest, PlanOptions options, VariableOptions variables,
            Map<String, String> sensitiveVariableHashes) {
    }

    /** Writes the plan; returns 0, or 1 after printing why it could not be written. */
    static int save(Planner.Result r, Session s, PlanOptions options, Path out, PrintWriter err) {
        SecretHasher hasher = new SecretHasher(s.state().hashKey());
        ObjectNode plan = PlanJsonRenderer.render(r.plan());
        ObjectNode meta = (ObjectNode) plan.get("lockstep");
        ObjectNode opts = meta.putObject("options");
        opts.put("mode", options.mode().name());
        opts.put("refresh", options.refresh());
        opts.put("parallelism", options.parallelism());
        ArrayNode targets = opts.putArray("targets");
        options.targets().forEach(t -> targets.add(t.toString()));
        ArrayNode replace = opts.putArray("replace");
        options.replace().forEach(t -> replace.add(t.toString()));
        ObjectNode fp = meta.putObject("fingerprints");
        r.plan().fingerprints().forEach((a, h) -> fp.put(a.toString(), h));
        ObjectNode hashes = meta.putObject("change_hashes");
        for (ResourceChange c : r.plan().changes()) {
            hashes.put(c.address().toString(), changeHash(c, hasher));
        }
        ObjectNode vars = meta.putObject("variables");
        for (Map.Entry<String, Value> e : new TreeMap<>(s.variables()).entrySet()) {
            ObjectNode v = vars.putObject(e.getKey());
            Value val = e.getValue();
            if (val.containsSensitive()) {
                v.put("sensitive", true);
                v.put("hash", hasher.hash(val));
            } else {
                v.put("sensitive", false);
                try {
                    v.set("type", JSON.readTree(TypeJson.toJson(val.type())));
                    v.set("value", JSON.readTree(ValueJson.toJson(val)));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("lockstep_plan_format", FORMAT);
        byte[] body = bytes(plan);
        file.put("digest", "sha256:" + sha256(body));
        file.set("plan", plan);
        try {
            Path abs = out.toAbsolutePath();
            Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return 0;
        } catch (IOException e) {
            err.println("error: Failed to write the plan file " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static String changeHash(ResourceChange c, SecretHasher hasher) {
        Value after = c.after() == null ? Value.NULL : c.after();
        return c.action().word() + ":" + hasher.hash(after);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a plan file; null after printing why it is refused (exit 5). */
    static Loaded load(Path path, PrintWriter err) {
        String why;
        try {
            JsonNode file = JSON.readTree(Files.readAllBytes(path));
            if (file == null || !file.has("lockstep_plan_format") || !file.has("plan") || !file.has("digest")) {
                why = "it is not a lockstep plan file";
            } else if (file.get("lockstep_plan_format").asInt() != FORMAT) {
                why = "it has plan format " + file.get("lockstep_plan_format").asText() + ", and this lockstep reads "
                        + "format " + FORMAT;
            } else {
                ObjectNode plan = (ObjectNode) file.get("plan");
                String digest = "sha256:" + sha256(bytes(plan));
                if (!digest.equals(file.get("digest").asText())) {
                    why = "its content does not match its digest: the file was altered or corrupted after it was "
                            + "written";
                } else {
                    return decode(plan, digest);
                }
            }
        } catch (IOException | ClassCastException | IllegalArgumentException | FormatException e) {
            why = "it cannot be read (" + (e instanceof IOException && !(e instanceof
                    com.fasterxml.jackson.core.JsonProcessingException) ? e.getMessage() : "not valid plan JSON") + ")";
        }
        err.println("error: Saved plan refused");
        err.println("  The plan file " + path + " was refused: " + why + ".");
        err.flush();
        return null;
    }

    private static Loaded decode(ObjectNode plan, String digest) throws FormatException {
        JsonNode meta = plan.get("lockstep");
        JsonNode o = meta.get("options");
        List<ResourceAddress> targets = new ArrayList<>();
        o.get("targets").forEach(t -> targets.add(ResourceAddress.parse(t.asText())));
        List<ResourceAddress> replace = new ArrayList<>();
        o.get("replace").forEach(t -> replace.add(ResourceAddress.parse(t.asText())));
        PlanOptions options = new PlanOptions(PlanMode.valueOf(o.get("mode").asText()), o.get("refresh").asBoolean(),
                targets, replace, o.get("parallelism").asInt());
        Map<String, Value> fixed = new LinkedHashMap<>();
        Map<String, String> sensitive = new LinkedHashMap<>();
        var it = meta.get("variables").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().get("sensitive").asBoolean()) {
                sensitive.put(e.getKey(), e.getValue().get("hash").asText());
            } else {
                fixed.put(e.getKey(), ValueJson.read(e.getValue().get("value"),
                        TypeJson.read(e.getValue().get("type"))));
            }
        }
        return new Loaded(plan, digest, options, VariableOptions.fixed(fixed), sensitive);
    }

    /**
     * Why the freshly made plan does not match the saved one (so the saved one must not be
     * applied), or null when it matches exactly.
     */
    static String verify(Loaded saved, Session s, Planner.Result fresh) {
        JsonNode meta = saved.plan().get("lockstep");
        if (!meta.get("state_lineage").asText().equals(s.state().lineage())) {
            return "The plan was made for another state (lineage " + meta.get("state_lineage").asText()
                    + "); this configuration's state has lineage " + s.state().lineage() + ".";
        }
        if (meta.get("state_serial").asLong() != s.state().serial()) {
            return "The state changed since the plan was made: it was at serial " + meta.get("state_serial").asLong()
                    + " and is now at serial " + s.state().serial() + ".";
        }
        if (!meta.get("config_digest").asText().equals(s.configDigest())) {
            return "The configuration changed since the plan was made.";
        }
        SecretHasher hasher = new SecretHasher(s.state().hashKey());
        for (Map.Entry<String, String> e : saved.sensitiveVariableHashes().entrySet()) {
            Value v = s.variables().get(e.getKey());
            if (v == null || !v.isWhollyKnown() || !hasher.hash(v).equals(e.getValue())) {
                return "The sensitive variable \"" + e.getKey() + "\" has a different value than when the plan was made "
                        + "(give it the same way, for example with the same LOCKSTEP_VAR_" + e.getKey()
                        + " environment variable).";
            }
        }
        Map<String, String> fp = new TreeMap<>();
        meta.get("fingerprints").fields().forEachRemaining(e -> fp.put(e.getKey(), e.getValue().asText()));
        Map<String, String> now = new TreeMap<>();
        fresh.plan().fingerprints().forEach((a, h) -> now.put(a.toString(), h));
        for (String a : fp.keySet()) {
            if (!fp.get(a).equals(now.get(a))) {
                return "The live object " + a + " changed since the plan was made.";
            }
        }
        Map<String, String> hashes = new TreeMap<>();
        meta.get("change_hashes").fields().forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
        Map<String, String> freshHashes = new TreeMap<>();
        for (ResourceChange c : fresh.plan().changes()) {
            freshHashes.put(c.address().toString(), changeHash(c, hasher));
        }
        if (!hashes.equals(freshHashes)) {
            for (String a : hashes.keySet()) {
                if (!hashes.get(a).equals(freshHashes.get(a))) {
                    return "Planning again gives a different change for " + a + " (a value read at plan time, such as "
                            + "a secret, changed since).";
                }
            }
            return "Planning again gives changes the saved plan does not have.";
        }
        return null;
    }
}
