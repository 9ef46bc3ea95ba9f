package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.planner.planfile.PlanJsonReader;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.state.OutputValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every value shape (primitives, collections and structures, nested, empty, null, unknown,
 * sensitive, at the top or inside) goes through conversion and through every renderer of plans,
 * outputs and drift, with each shape, null and absence on either side of every action: nothing
 * throws, no secret shows, and the output is sane (the JSON parses and reads back, every change
 * is named, no Java object leaks into the text).
 */
class RendererPropertyTest {

    private static final String CANARY = "canary-render-5c3e";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Named value shapes; the sensitive ones hold the canary. */
    private static Map<String, Value> shapes() {
        Map<String, Value> m = new LinkedHashMap<>();
        Value secret = Value.string(CANARY).markSensitive();
        m.put("string", Value.string("text"));
        m.put("empty string", Value.EMPTY_STRING);
        m.put("multi-line string", Value.string("one\ntwo\n"));
        m.put("number", Value.number(42));
        m.put("bool", Value.TRUE);
        m.put("null string", Value.nullOf(Type.STRING));
        m.put("null dynamic", Value.NULL);
        m.put("null list", Value.nullOf(new ListType(Type.STRING)));
        m.put("null object", Value.nullOf(new ObjectType(Map.of("a", Type.STRING))));
        m.put("unknown string", Value.unknown(Type.STRING));
        m.put("unknown dynamic", Value.DYNAMIC_UNKNOWN);
        m.put("unknown list", Value.unknown(new ListType(Type.NUMBER)));
        m.put("unknown object", Value.unknown(new ObjectType(Map.of("a", Type.STRING))));
        m.put("sensitive string", secret);
        m.put("sensitive null (redacted)", Value.nullOf(Type.STRING).markSensitive());
        m.put("sensitive unknown", Value.unknown(Type.STRING).markSensitive());
        m.put("list", Value.list(Type.STRING, List.of(Value.string("a"), Value.string("b"))));
        m.put("empty list", Value.emptyList(Type.STRING));
        m.put("list with null and unknown", Value.list(Type.STRING,
                List.of(Value.string("a"), Value.nullOf(Type.STRING), Value.unknown(Type.STRING))));
        m.put("list with a secret", Value.list(Type.STRING, List.of(Value.string("a"), secret)));
        m.put("set", Value.set(Type.NUMBER, List.of(Value.number(1), Value.number(2))));
        m.put("empty set", Value.set(Type.NUMBER, List.of()));
        m.put("set with a secret", Value.set(Type.STRING, List.of(Value.string("a"), secret)));
        m.put("map", Value.map(Type.STRING, Map.of("k", Value.string("v"), "with space", Value.string("w"))));
        m.put("empty map", Value.map(Type.STRING, Map.of()));
        m.put("map with a secret", Value.map(Type.STRING, Map.of("k", Value.string("v"), "s", secret)));
        m.put("map with null", Value.map(Type.STRING, Map.of("k", Value.nullOf(Type.STRING))));
        m.put("object", Value.object(Map.of("name", Value.string("n"), "count", Value.number(1))));
        m.put("empty object", Value.EMPTY_OBJECT);
        m.put("object with null, unknown and secret", Value.object(Map.of("a", Value.nullOf(Type.STRING),
                "b", Value.unknown(Type.BOOL), "c", secret, "d", Value.string("d"))));
        m.put("tuple", Value.tuple(List.of(Value.number(1), Value.string("x"), Value.FALSE)));
        m.put("empty tuple", Value.EMPTY_TUPLE);
        Value inner = Value.object(Map.of("ports", Value.list(Type.NUMBER, List.of(Value.number(80))),
                "labels", Value.map(Type.STRING, Map.of("app", Value.string("web")))));
        m.put("nested", Value.object(Map.of("items", Value.list(inner.type(), List.of(inner, inner)),
                "meta", Value.tuple(List.of(inner, Value.string("s"))))));
        m.put("nested with deep secret", Value.object(Map.of("items", Value.tuple(List.of(
                Value.object(Map.of("password", secret, "user", Value.string("u"))))))));
        m.put("sensitive object", inner.markSensitive());
        m.put("list of lists", Value.list(new ListType(Type.STRING), List.of(
                Value.list(Type.STRING, List.of(Value.string("a"))), Value.emptyList(Type.STRING))));
        return m;
    }

    private static final ResourceAddress ADDR = ResourceAddress.managed("terraform_data", "x");
    private static final ResourceAddress BARE = ResourceAddress.managed("untyped_thing", "y");

    private static Plan plan(List<ResourceChange> changes, List<OutputChange> outputs, List<DriftEntry> drift) {
        return new Plan(PlanMode.NORMAL, changes, outputs, drift, "lineage", 1, "digest", Map.of(), List.of(),
                Instant.EPOCH);
    }

    /** A terraform_data body holding {@code v} as input and output; null stays null (absent side). */
    private static Value body(Value v) {
        if (v == null) {
            return null;
        }
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string("id-1"));
        m.put("input", v);
        m.put("output", v);
        m.put("triggers_replace", Value.NULL);
        return Value.object(m);
    }

    private static String run(Consumer<PrintWriter> r) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        r.accept(pw);
        pw.flush();
        return sw.toString();
    }

    private static void assertSane(String what, String text) {
        assertFalse(text.contains(CANARY), what + " shows a secret:\n" + text);
        for (String leak : new String[] {"dev.lockstep", "java.", "Value["}) {
            assertFalse(text.contains(leak), what + " leaks \"" + leak + "\":\n" + text);
        }
    }

    /** Renders {@code plan} every way a plan is rendered and checks each result; returns the text. */
    private static String renderAll(String what, Plan plan, BodySchemas schemas) {
        String text = run(out -> new PlanTextRenderer(Style.PLAIN, schemas).render(plan, out));
        assertSane(what + " (text)", text);
        String json = PlanJson.toText(PlanJson.render(plan));
        assertSane(what + " (json)", json);
        JsonNode parsed;
        try {
            parsed = JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(what + ": the JSON plan does not parse: " + e.getMessage() + "\n" + json);
        }
        Plan back = PlanJsonReader.read(parsed);
        String shown = run(out -> new PlanTextRenderer(Style.PLAIN, schemas).render(back, out));
        assertSane(what + " (show of the JSON plan)", shown);
        String md = run(out -> PlanMarkdownRenderer.render(plan, schemas, out));
        assertSane(what + " (markdown)", md);
        return text;
    }

    private static List<String> sides(Map<String, Value> shapes) {
        List<String> names = new ArrayList<>(shapes.keySet());
        names.add(null); // absent
        return names;
    }

    @Test
    void everyShapeConverts() {
        List<Type> targets = List.of(Type.DYNAMIC, Type.STRING, Type.NUMBER, Type.BOOL, new ListType(Type.DYNAMIC),
                new SetType(Type.DYNAMIC), new MapType(Type.DYNAMIC), new ListType(Type.STRING),
                new MapType(Type.STRING), new ObjectType(Map.of("a", Type.DYNAMIC), java.util.Set.of("a")),
                new TupleType(List.of(Type.DYNAMIC, Type.DYNAMIC)),
                new ListType(new ObjectType(Map.of("name", Type.STRING, "x", Type.DYNAMIC))));
        int converted = 0;
        for (Map.Entry<String, Value> s : shapes().entrySet()) {
            Value v = s.getValue();
            for (Type t : targets) {
                try {
                    Value out = Conversion.convert(v, t);
                    converted++;
                    // marks are kept (a conversion to an object type may drop the attributes that hold them)
                    assertFalse(out.containsSensitive() && !v.containsSensitive(), s.getKey() + " to " + t.typeExpr());
                    if (t == Type.DYNAMIC || t.equals(v.type()) || t.isPrimitive()) {
                        assertEquals(v.containsSensitive(), out.containsSensitive(), s.getKey() + " to " + t.typeExpr());
                    }
                    assertEquals(v.isNull(), out.isNull(), s.getKey() + " to " + t.typeExpr());
                    assertEquals(v.isKnown(), out.isKnown(), s.getKey() + " to " + t.typeExpr());
                    if (!t.hasDynamic()) {
                        assertEquals(t, out.type(), s.getKey() + " to " + t.typeExpr());
                    }
                    // a converted value converts to its own type unchanged
                    assertEquals(out, Conversion.convert(out, out.type()));
                } catch (ConversionException e) {
                    assertFalse(e.getMessage().isBlank());
                } catch (RuntimeException e) {
                    fail(s.getKey() + " to " + t.typeExpr() + " threw " + e);
                }
            }
            // the value as both elements of a list and a map: unified or refused, never thrown
            Value pair = Value.tuple(List.of(v, shapes().get("object")));
            for (Type t : List.of(new ListType(Type.DYNAMIC), new SetType(Type.DYNAMIC),
                    new ListType(new ObjectType(Map.of("name", Type.DYNAMIC))))) {
                try {
                    Conversion.convert(pair, t);
                } catch (ConversionException e) {
                    assertFalse(e.getMessage().isBlank());
                } catch (RuntimeException e) {
                    fail("[" + s.getKey() + ", object] to " + t.typeExpr() + " threw " + e);
                }
            }
        }
        assertTrue(converted > shapes().size(), "too few conversions succeeded: " + converted);
    }

    @Test
    void everyOutputChangeRenders() {
        Map<String, Value> shapes = shapes();
        int rendered = 0;
        for (String b : sides(shapes)) {
            for (String a : sides(shapes)) {
                Value before = b == null ? null : shapes.get(b);
                Value after = a == null ? null : shapes.get(a);
                for (Action action : List.of(Action.CREATE, Action.UPDATE, Action.DELETE, Action.NO_OP)) {
                    for (boolean sensitive : new boolean[] {false, true}) {
                        String what = "output " + action + " " + b + " -> " + a + (sensitive ? " (sensitive)" : "");
                        OutputChange oc = new OutputChange("out", action, before,
                                sensitive && after != null ? after.markSensitive() : after, sensitive);
                        String text;
                        try {
                            text = renderAll(what, plan(List.of(), List.of(oc), List.of()), BodySchemas.NONE);
                        } catch (RuntimeException e) {
                            throw new AssertionError(what + " threw", e);
                        }
                        if (action != Action.NO_OP) {
                            assertTrue(text.contains("Changes to Outputs:"), what + ":\n" + text);
                            assertTrue(text.contains(" out = "), what + ":\n" + text);
                        }
                        rendered++;
                    }
                }
            }
        }
        assertTrue(rendered > 1000, "rendered " + rendered);
    }

    @Test
    void everyResourceChangeRendersWithAndWithoutASchema() {
        Map<String, Value> shapes = shapes();
        BodySchemas schemas = BodySchemas.of(Schemas.discover());
        for (String b : sides(shapes)) {
            for (String a : sides(shapes)) {
                for (Action action : List.of(Action.CREATE, Action.UPDATE, Action.DELETE, Action.DELETE_THEN_CREATE,
                        Action.READ)) {
                    String what = "resource " + action + " " + b + " -> " + a;
                    Value before = body(b == null ? null : shapes.get(b));
                    Value after = body(a == null ? null : shapes.get(a));
                    List<AttributePath> changed = List.of(AttributePath.ROOT.attr("input"));
                    ResourceChange typed = new ResourceChange(ADDR, "terraform", action, ActionReason.NONE, before,
                            after, List.of(), changed, Map.of(), List.of(), List.of());
                    // a value of any shape as a whole body, for a type without a schema
                    Value rb = b == null ? null : shapes.get(b);
                    Value ra = a == null ? null : shapes.get(a);
                    ResourceChange bare = new ResourceChange(BARE, "other", action, ActionReason.NONE, rb, ra,
                            List.of(), List.of(), Map.of(), List.of(), List.of());
                    try {
                        String text = renderAll(what, plan(List.of(typed, bare), List.of(), List.of()), schemas);
                        assertTrue(text.contains("# terraform_data.x"), what + ":\n" + text);
                        assertTrue(text.contains("# untyped_thing.y"), what + ":\n" + text);
                    } catch (RuntimeException e) {
                        throw new AssertionError(what + " threw", e);
                    }
                }
            }
        }
    }

    @Test
    void everyDriftRenders() {
        Map<String, Value> shapes = shapes();
        BodySchemas schemas = BodySchemas.of(Schemas.discover());
        for (String b : shapes.keySet()) {
            for (String a : sides(shapes)) {
                String what = "drift " + b + " -> " + a;
                DriftEntry d = new DriftEntry(ADDR, a == null, body(shapes.get(b)),
                        body(a == null ? null : shapes.get(a)), List.of(AttributePath.ROOT.attr("input")));
                try {
                    renderAll(what, plan(List.of(), List.of(), List.of(d)), schemas);
                    Drift.Report r = new Drift.Report(List.of(d), List.of(), new Diagnostics());
                    String text = run(out -> DriftRenderer.text(r, Style.PLAIN, schemas, out));
                    assertSane(what + " (drift text)", text);
                    assertTrue(text.contains("terraform_data.x"), what + ":\n" + text);
                    String json = PlanJson.toText(DriftRenderer.json(r));
                    assertSane(what + " (drift json)", json);
                    JSON.readTree(json);
                    assertSane(what + " (drift markdown)", run(out -> DriftRenderer.markdown(r, out)));
                } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError(what + " threw", e);
                }
            }
        }
    }

    @Test
    void everyRecordedOutputRenders() throws Exception {
        for (Map.Entry<String, Value> s : shapes().entrySet()) {
            Value v = s.getValue();
            String what = "recorded output " + s.getKey();
            // as state records them: a sensitive output is a null of its type plus a hash
            Map<String, OutputValue> recorded = new LinkedHashMap<>();
            recorded.put("plain", v.containsSensitive() ? new OutputValue(Value.nullOf(v.type()), true, "hmac-sha256:00")
                    : new OutputValue(v, false, null));
            recorded.put("secret", new OutputValue(Value.nullOf(v.type()), true, "hmac-sha256:00"));
            try {
                String text = run(out -> OutputRenderer.text(recorded, out, true));
                assertSane(what + " (text)", text);
                assertTrue(text.contains("secret = <sensitive>"), what + ":\n" + text);
                String json = OutputRenderer.json(recorded);
                assertSane(what + " (json)", json);
                JsonNode parsed = JSON.readTree(json);
                assertTrue(parsed.get("secret").get("value").isNull(), json);
                // one value, as `output NAME` / `--json NAME` / `--raw NAME` print it (not secrets: those are
                // evaluated afresh and printed only on request)
                Value shown = v.unmarkDeep();
                assertFalse(OutputRenderer.text(shown).isEmpty(), what);
                JSON.readTree(OutputRenderer.json(shown));
                String raw = OutputRenderer.raw(shown);
                boolean printable = shown.type().isPrimitive() && shown.isKnown() && !shown.isNull();
                assertEquals(printable, raw != null, what + ": " + raw);
            } catch (RuntimeException e) {
                throw new AssertionError(what + " threw", e);
            }
        }
    }
}
