package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.codec.FormatException;
import dev.lockstep.state.codec.TypeJson;
import dev.lockstep.state.codec.ValueJson;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan file format (docs/plan-json.md): {@code {"lockstep_plan_format": 1, "digest":
 * "sha256:...", "plan": {...}}}, where {@code plan} is Terraform's JSON plan representation
 * (secrets removed) with a {@code lockstep} member holding what {@code apply FILE} checks: the
 * state's lineage and serial, the configuration digest, the options, keyed fingerprints of the live
 * objects read, keyed hashes of the planned changes, and the variables (sensitive ones only as keyed
 * hashes). The digest over the plan detects any alteration. Encoding and decoding only: files are
 * read and written by {@link PlanFiles}. One reader per format version; this lockstep reads format 1.
 */
public final class PlanFileCodec {

    /** The format this lockstep writes. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanFileCodec() {
    }

    /** What a saved plan is made from. */
    public record Contents(Plan plan, PlanOptions options, Map<String, Value> variables, SecretHasher hasher) {
    }

    /** The file's bytes for a plan. */
    public static byte[] encode(Contents c) {
        ObjectNode plan = PlanJson.render(c.plan());
        ObjectNode meta = (ObjectNode) plan.get("lockstep");
        ObjectNode opts = meta.putObject("options");
        opts.put("mode", c.options().mode().name());
        opts.put("refresh", c.options().refresh());
        opts.put("parallelism", c.options().parallelism());
        ArrayNode targets = opts.putArray("targets");
        c.options().targets().forEach(t -> targets.add(t.toString()));
        ArrayNode replace = opts.putArray("replace");
        c.options().replace().forEach(t -> replace.add(t.toString()));
        ObjectNode fp = meta.putObject("fingerprints");
        c.plan().fingerprints().forEach((a, h) -> fp.put(a.toString(), h));
        ObjectNode hashes = meta.putObject("change_hashes");
        changeHashes(c.plan(), c.hasher()).forEach(hashes::put);
        ObjectNode vars = meta.putObject("variables");
        for (Map.Entry<String, Value> e : new TreeMap<>(c.variables()).entrySet()) {
            ObjectNode v = vars.putObject(e.getKey());
            Value val = e.getValue();
            if (val.containsSensitive()) {
                v.put("sensitive", true);
                v.put("hash", c.hasher().hash(val));
            } else {
                v.put("sensitive", false);
                v.set("type", tree(TypeJson.toJson(val.type())));
                v.set("value", tree(ValueJson.toJson(val)));
            }
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("lockstep_plan_format", FORMAT);
        file.put("digest", digestOf(plan));
        file.set("plan", plan);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keyed hashes of the planned changes, by address: what {@code apply FILE} compares with a fresh plan. */
    public static Map<String, String> changeHashes(Plan plan, SecretHasher hasher) {
        Map<String, String> out = new TreeMap<>();
        for (ResourceChange c : plan.changes()) {
            Value after = c.after() == null ? Value.NULL : c.after();
            out.put(c.address().toString(), c.action().word() + ":" + hasher.hash(after));
        }
        return out;
    }

    /** Decodes a file's bytes; throws {@link PlanFileException.Kind#UNUSABLE} for anything but an intact plan. */
    public static SavedPlan decode(byte[] bytes) throws PlanFileException {
        JsonNode file;
        try {
            file = JSON.readTree(bytes);
        } catch (IOException e) {
            throw unusable("it cannot be read (not valid plan JSON)");
        }
        if (file == null || !file.isObject() || !file.has("lockstep_plan_format") || !file.path("plan").isObject()
                || !file.has("digest")) {
            throw unusable("it is not a lockstep plan file");
        }
        int format = file.get("lockstep_plan_format").asInt(-1);
        if (format != FORMAT) {
            throw unusable("it has plan format " + file.get("lockstep_plan_format").asText() + ", and this lockstep "
                    + "reads format " + FORMAT);
        }
        ObjectNode plan = (ObjectNode) file.get("plan");
        String digest = digestOf(plan);
        if (!digest.equals(file.get("digest").asText())) {
            throw unusable("its content does not match its digest: the file was altered or corrupted after it was "
                    + "written");
        }
        try {
            return readFormat1(plan, digest);
        } catch (FormatException | RuntimeException e) {
            throw unusable("its lockstep section cannot be read (" + e.getMessage() + ")");
        }
    }

    private static SavedPlan readFormat1(ObjectNode plan, String digest) throws FormatException {
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
                fixed.put(e.getKey(), ValueJson.read(e.getValue().get("value"), TypeJson.read(e.getValue().get("type"))));
            }
        }
        return new SavedPlan(plan, digest, options, fixed, sensitive, meta.get("state_lineage").asText(),
                meta.get("state_serial").asLong(), meta.get("config_digest").asText(), strings(meta.get("fingerprints")),
                strings(meta.get("change_hashes")));
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static PlanFileException unusable(String why) {
        return new PlanFileException(PlanFileException.Kind.UNUSABLE, why);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digestOf(JsonNode plan) {
        try {
            byte[] b = JSON.writeValueAsBytes(plan);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
