package dev.lockstep.cli.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of lockstep's JSON plan against Terraform's, on identical {@code terraform_data}
 * configurations. Each case directory under {@code src/test/resources/terraform-diff/} holds
 * {@code step1/*.tf} (applied first, when present), {@code step2/*.tf} (planned), an optional
 * {@code plan.args} (Terraform's {@code -replace=ADDR}, {@code -target=ADDR}, {@code -destroy}) and
 * {@code terraform-plan.json}: Terraform 1.11's {@code terraform show -json} of that plan, trimmed
 * (to {@code resource_changes}, {@code output_changes} and {@code planned_values}; see regen.py)
 * and normalised by {@code scripts/terraform-diff/regen.sh}, the only place Terraform runs (this
 * test never does). Here lockstep applies step1 and plans step2 in-process, its
 * {@code plan --format json} goes through the same trimming and normalisation, and the two are
 * compared field by field.
 *
 * <p>Sensitive values are the one deliberate difference: Terraform writes them in clear, lockstep
 * writes null. Wherever Terraform's {@code before_sensitive}/{@code after_sensitive} (or an
 * output's) says a value is sensitive, lockstep's must be null, and the clear value must appear
 * nowhere in lockstep's plan. Every other difference must be listed in
 * {@code known-differences.txt} (and explained in {@code docs/plan-json.md}); a listed difference
 * that no longer occurs fails the test too, so that the list stays exact.
 */
class TerraformDifferentialTest {

    static final Path CASES = Path.of("src/test/resources/terraform-diff");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> RESOURCE_FIELDS = List.of("address", "mode", "type", "name", "index",
            "action_reason");
    private static final List<String> CHANGE_FIELDS = List.of("actions", "before", "after", "after_unknown",
            "before_sensitive", "after_sensitive", "replace_paths");
    private static final List<String> OUTPUT_FIELDS = List.of("actions", "before", "after", "after_unknown",
            "before_sensitive", "after_sensitive");
    private static final List<String> PLANNED_FIELDS = List.of("address", "mode", "type", "name", "index", "values",
            "sensitive_values");

    @TempDir
    Path tmp;

    static List<String> caseNames() {
        try (Stream<Path> s = Files.list(CASES)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known differences, one per line: {@code case address-or-output field-path}. */
    static Set<String> knownDifferences() {
        Set<String> out = new TreeSet<>();
        for (String line : Cli.read(CASES.resolve("known-differences.txt")).split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l.replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    @Test
    void everyCaseHasATerraformGolden() {
        List<String> cases = caseNames();
        assertTrue(cases.size() >= 10, "cases: " + cases);
        for (String c : cases) {
            assertTrue(Files.exists(CASES.resolve(c).resolve("terraform-plan.json")), c + " has no golden");
            assertTrue(Files.isDirectory(CASES.resolve(c).resolve("step2")), c + " has no step2");
        }
    }

    /** Every case compared; the differences found must be exactly the listed ones. */
    @Test
    void lockstepPlansLikeTerraform() throws Exception {
        Set<String> found = new TreeSet<>();
        List<String> details = new ArrayList<>();
        for (String c : caseNames()) {
            for (Difference d : compareCase(c)) {
                found.add(d.key());
                details.add(d.toString());
            }
        }
        Set<String> known = knownDifferences();
        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(known);
        Set<String> gone = new TreeSet<>(known);
        gone.removeAll(found);
        assertTrue(unexpected.isEmpty() && gone.isEmpty(), "differences not listed in known-differences.txt:\n  "
                + String.join("\n  ", unexpected) + "\nlisted but no longer found:\n  " + String.join("\n  ", gone)
                + "\nall differences in detail:\n  " + String.join("\n  ", details));
    }

    /** Each case on its own, so that a failure names the case (differences are checked above). */
    @TestFactory
    Stream<DynamicTest> eachCasePlansWithoutErrors() {
        return caseNames().stream().map(c -> DynamicTest.dynamicTest(c, () -> {
            JsonNode plan = lockstepPlan(c, tmp.resolve("single-" + c));
            assertTrue(plan.get("resource_changes").size() > 0 || plan.get("output_changes").size() > 0, c);
        }));
    }

    /** One difference between the two plans at one field. */
    record Difference(String caseName, String subject, String path, JsonNode terraform, JsonNode lockstep) {

        String key() {
            return caseName + " " + subject + " " + path;
        }

        @Override
        public String toString() {
            return key() + ": terraform " + (terraform == null ? "<absent>" : terraform) + ", lockstep "
                    + (lockstep == null ? "<absent>" : lockstep);
        }
    }

    List<Difference> compareCase(String name) throws IOException {
        JsonNode golden = JSON.readTree(CASES.resolve(name).resolve("terraform-plan.json").toFile());
        Path dir = tmp.resolve(name);
        JsonNode raw = lockstepPlan(name, dir);
        String rawText = JSON.writeValueAsString(raw);
        // every secret in the cases contains "canary": wherever Terraform put it, lockstep must not
        assertFalse(rawText.contains("canary"), name + ": a secret in lockstep's plan:\n" + rawText);
        ObjectNode ours = trim(raw);
        List<Difference> diffs = new ArrayList<>();

        Map<String, JsonNode> tfChanges = byAddress(golden.get("resource_changes"));
        Map<String, JsonNode> lsChanges = byAddress(ours.get("resource_changes"));
        Set<String> addresses = new TreeSet<>(tfChanges.keySet());
        addresses.addAll(lsChanges.keySet());
        for (String a : addresses) {
            JsonNode tf = tfChanges.get(a);
            JsonNode ls = lsChanges.get(a);
            if (tf == null || ls == null) {
                diffs.add(new Difference(name, a, "(resource change)", tf == null ? null : tf.get("change").get(
                        "actions"), ls == null ? null : ls.get("change").get("actions")));
                continue;
            }
            for (String f : RESOURCE_FIELDS) {
                compare(name, a, f, tf.get(f), ls.get(f), diffs);
            }
            JsonNode tc = tf.get("change");
            JsonNode lc = ls.get("change");
            for (String f : CHANGE_FIELDS) {
                JsonNode expected = tc.get(f);
                if (f.equals("before") || f.equals("after")) {
                    expected = withoutSensitive(name, a, "change." + f, expected, tc.get(f + "_sensitive"),
                            lc.get(f), rawText, diffs);
                }
                compare(name, a, "change." + f, expected, lc.get(f), diffs);
            }
        }

        JsonNode tfOut = golden.get("output_changes");
        JsonNode lsOut = ours.get("output_changes");
        Set<String> names = new TreeSet<>();
        tfOut.fieldNames().forEachRemaining(names::add);
        lsOut.fieldNames().forEachRemaining(names::add);
        for (String o : names) {
            JsonNode tf = tfOut.get(o);
            JsonNode ls = lsOut.get(o);
            String subject = "output." + o;
            if (tf == null || ls == null) {
                diffs.add(new Difference(name, subject, "(output change)", tf == null ? null : tf.get("actions"),
                        ls == null ? null : ls.get("actions")));
                continue;
            }
            for (String f : OUTPUT_FIELDS) {
                JsonNode expected = tf.get(f);
                if (f.equals("before") || f.equals("after")) {
                    expected = withoutSensitive(name, subject, f, expected, tf.get(f + "_sensitive"), ls.get(f),
                            rawText, diffs);
                }
                compare(name, subject, f, expected, ls.get(f), diffs);
            }
        }
        Map<String, JsonNode> tfPlanned = byAddress(golden.get("planned_values").get("root_module").get("resources"));
        Map<String, JsonNode> lsPlanned = byAddress(ours.get("planned_values").get("root_module").get("resources"));
        Set<String> planned = new TreeSet<>(tfPlanned.keySet());
        planned.addAll(lsPlanned.keySet());
        for (String a : planned) {
            JsonNode tf = tfPlanned.get(a);
            JsonNode ls = lsPlanned.get(a);
            String subject = "planned_values." + a;
            if (tf == null || ls == null) {
                diffs.add(new Difference(name, subject, "(planned resource)", tf == null ? null : tf.get("address"),
                        ls == null ? null : ls.get("address")));
                continue;
            }
            for (String f : PLANNED_FIELDS) {
                JsonNode expected = tf.get(f);
                if (f.equals("values")) {
                    expected = withoutSensitive(name, subject, f, expected, tf.get("sensitive_values"), ls.get(f),
                            rawText, diffs);
                }
                compare(name, subject, f, expected, ls.get(f), diffs);
            }
        }
        JsonNode tfPo = golden.get("planned_values").get("outputs");
        JsonNode lsPo = ours.get("planned_values").get("outputs");
        Set<String> po = new TreeSet<>();
        tfPo.fieldNames().forEachRemaining(po::add);
        lsPo.fieldNames().forEachRemaining(po::add);
        for (String o : po) {
            JsonNode tf = tfPo.get(o);
            JsonNode ls = lsPo.get(o);
            String subject = "planned_values.output." + o;
            if (tf != null && ls != null && tf.has("value")) {
                JsonNode expected = withoutSensitive(name, subject, "value", tf.get("value"), tf.get("sensitive"),
                        ls.get("value"), rawText, diffs);
                ObjectNode copy = ((ObjectNode) tf).deepCopy();
                copy.set("value", expected);
                tf = copy;
            }
            compare(name, subject, "", tf, ls, diffs);
        }
        return diffs;
    }

    /**
     * Terraform's value with every position its sensitivity shape marks replaced by null, after
     * checking that lockstep wrote null there and that the clear value appears nowhere in
     * lockstep's plan (a violation is recorded as a difference that no list may excuse).
     */
    private static JsonNode withoutSensitive(String caseName, String subject, String field, JsonNode value,
            JsonNode shape, JsonNode ours, String oursText, List<Difference> diffs) {
        if (value == null || shape == null) {
            return value;
        }
        if (shape.isBoolean() && shape.booleanValue()) {
            if (ours != null && !ours.isNull()) {
                diffs.add(new Difference(caseName, subject, field + " SENSITIVE VALUE WRITTEN", value, ours));
            }
            for (String s : strings(value)) {
                if (oursText.contains(s)) {
                    diffs.add(new Difference(caseName, subject, field + " SENSITIVE VALUE WRITTEN", value,
                            TextNode.valueOf("plan contains " + s)));
                }
            }
            return NullNode.instance;
        }
        if (value.isObject() && shape.isObject()) {
            ObjectNode copy = ((ObjectNode) value).deepCopy();
            for (Iterator<String> it = shape.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (copy.has(k)) {
                    copy.set(k, withoutSensitive(caseName, subject, field + "." + k, copy.get(k), shape.get(k),
                            ours == null ? null : ours.get(k), oursText, diffs));
                }
            }
            return copy;
        }
        if (value.isArray() && shape.isArray()) {
            ArrayNode copy = ((ArrayNode) value).deepCopy();
            for (int i = 0; i < copy.size() && i < shape.size(); i++) {
                copy.set(i, withoutSensitive(caseName, subject, field + "[" + i + "]", copy.get(i), shape.get(i),
                        ours == null ? null : ours.get(i), oursText, diffs));
            }
            return copy;
        }
        return value;
    }

    private static List<String> strings(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.asText());
        } else if (v.isNumber() || v.isBoolean()) {
            return out; // too short to search for
        } else {
            v.forEach(e -> out.addAll(strings(e)));
        }
        return out;
    }

    /** Compares two JSON values, recording a difference at the deepest path where they differ. */
    private static void compare(String caseName, String subject, String path, JsonNode tf, JsonNode ls,
            List<Difference> diffs) {
        if (tf == null && ls == null) {
            return;
        }
        if (tf != null && ls != null && tf.isObject() && ls.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            tf.fieldNames().forEachRemaining(keys::add);
            ls.fieldNames().forEachRemaining(keys::add);
            for (String k : new TreeSet<>(keys)) {
                compare(caseName, subject, path + "." + k, tf.get(k), ls.get(k), diffs);
            }
            return;
        }
        if (tf != null && ls != null && tf.isArray() && ls.isArray() && tf.size() == ls.size()) {
            for (int i = 0; i < tf.size(); i++) {
                compare(caseName, subject, path + "[" + i + "]", tf.get(i), ls.get(i), diffs);
            }
            return;
        }
        if (tf == null || ls == null || !tf.equals(ls)) {
            diffs.add(new Difference(caseName, subject, path, tf, ls));
        }
    }

    private static Map<String, JsonNode> byAddress(JsonNode changes) {
        Map<String, JsonNode> m = new TreeMap<>();
        changes.forEach(c -> m.put(c.get("address").asText(), c));
        return m;
    }

    /** lockstep's JSON plan of the case: step1 applied, step2 planned, in {@code dir}. */
    static JsonNode lockstepPlan(String name, Path dir) throws IOException {
        Path c = CASES.resolve(name);
        Files.createDirectories(dir);
        if (Files.isDirectory(c.resolve("step1"))) {
            copyConfig(c.resolve("step1"), dir);
            Cli.run("apply", "--auto-approve", "--no-color", "-C", dir.toString()).expect(0, name + " step1 apply");
        }
        Cli.clearConfig(dir);
        copyConfig(c.resolve("step2"), dir);
        List<String> args = new ArrayList<>(List.of("plan", "--no-color", "--format", "json", "-C", dir.toString()));
        args.addAll(planArgs(c));
        String out = Cli.run(args.toArray(String[]::new)).expect(0, name + " step2 plan");
        return JSON.readTree(out);
    }

    /** {@code plan.args} in lockstep's spelling. */
    static List<String> planArgs(Path caseDir) {
        List<String> out = new ArrayList<>();
        Path f = caseDir.resolve("plan.args");
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Cli.read(f).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.equals("-destroy")) {
                out.add("--destroy");
            } else if (l.startsWith("-replace=")) {
                out.add("--replace");
                out.add(l.substring("-replace=".length()));
            } else if (l.startsWith("-target=")) {
                out.add("--target");
                out.add(l.substring("-target=".length()));
            } else {
                throw new IllegalArgumentException(f + ": no lockstep spelling for " + l);
            }
        }
        return out;
    }

    private static void copyConfig(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList()) {
                String n = p.getFileName().toString();
                Files.copy(p, to.resolve(n.substring(0, n.length() - 3) + ".hcl"));
            }
        }
    }

    /** regen.py's trimming and normalisation, applied to lockstep's plan. */
    static ObjectNode trim(JsonNode plan) {
        ObjectNode out = F.objectNode();
        List<JsonNode> changes = new ArrayList<>();
        plan.get("resource_changes").forEach(changes::add);
        changes.sort((a, b) -> a.get("address").asText().compareTo(b.get("address").asText()));
        ArrayNode rc = out.putArray("resource_changes");
        for (JsonNode c : changes) {
            ObjectNode o = rc.addObject();
            for (String f : RESOURCE_FIELDS) {
                if (c.has(f)) {
                    o.set(f, c.get(f));
                }
            }
            ObjectNode ch = o.putObject("change");
            for (String f : CHANGE_FIELDS) {
                if (c.get("change").has(f)) {
                    ch.set(f, c.get("change").get(f));
                }
            }
        }
        ObjectNode oc = out.putObject("output_changes");
        new TreeSet<String>(iterable(plan.get("output_changes").fieldNames())).forEach(n -> {
            ObjectNode o = oc.putObject(n);
            for (String f : OUTPUT_FIELDS) {
                if (plan.get("output_changes").get(n).has(f)) {
                    o.set(f, plan.get("output_changes").get(n).get(f));
                }
            }
        });
        ObjectNode pv = out.putObject("planned_values");
        ArrayNode resources = pv.putObject("root_module").putArray("resources");
        List<JsonNode> planned = new ArrayList<>();
        plan.get("planned_values").get("root_module").get("resources").forEach(planned::add);
        planned.sort((a, b) -> a.get("address").asText().compareTo(b.get("address").asText()));
        for (JsonNode r : planned) {
            ObjectNode o = resources.addObject();
            for (String f : PLANNED_FIELDS) {
                if (r.has(f)) {
                    o.set(f, r.get(f));
                }
            }
        }
        ObjectNode po = pv.putObject("outputs");
        JsonNode outputs = plan.get("planned_values").get("outputs");
        new TreeSet<String>(iterable(outputs.fieldNames())).forEach(n -> {
            ObjectNode o = po.putObject(n);
            for (String f : List.of("sensitive", "value")) {
                if (outputs.get(n).has(f)) {
                    o.set(f, outputs.get(n).get(f));
                }
            }
        });
        return (ObjectNode) normalise(out);
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    static JsonNode normalise(JsonNode v) {
        if (v.isTextual()) {
            return UUID.matcher(v.asText()).matches() ? TextNode.valueOf("<uuid>") : v;
        }
        if (v.isArray()) {
            ArrayNode a = F.arrayNode();
            v.forEach(e -> a.add(normalise(e)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = F.objectNode();
            v.fields().forEachRemaining(e -> o.set(e.getKey(), normalise(e.getValue())));
            return o;
        }
        return v;
    }

    /** The normalisation and the sensitive-value rule themselves. */
    @Test
    void normalisationAndSensitiveRule() {
        assertEquals(TextNode.valueOf("<uuid>"), normalise(TextNode.valueOf("0d50a333-aa6c-f2f4-c749-588c22d1ff62")));
        assertEquals(TextNode.valueOf("not-a-uuid"), normalise(TextNode.valueOf("not-a-uuid")));
        ObjectNode value = F.objectNode().put("user", "u").put("pw", "canary");
        ObjectNode shape = F.objectNode().put("pw", true);
        List<Difference> diffs = new ArrayList<>();
        ObjectNode ours = F.objectNode().put("user", "u").putNull("pw");
        JsonNode expected = withoutSensitive("c", "a", "after", value, shape, ours, "{}", diffs);
        assertTrue(diffs.isEmpty(), diffs.toString());
        assertEquals(ours, expected);
        withoutSensitive("c", "a", "after", value, shape, F.objectNode().put("pw", "canary"), "canary", diffs);
        assertEquals(2, diffs.size(), "a written sensitive value is found twice: at its place and in the text");
        assertFalse(diffs.get(0).key().isEmpty());
    }
}
