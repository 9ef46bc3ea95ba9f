package dev.lockstep.planner.hcl.function;

import static dev.lockstep.planner.hcl.function.Calls.call;
import static dev.lockstep.planner.hcl.function.Calls.num;
import static dev.lockstep.planner.hcl.function.Calls.secret;
import static dev.lockstep.planner.hcl.function.Calls.str;
import static dev.lockstep.planner.hcl.function.Calls.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.library.StandardLibrary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How unknown values and sensitive marks travel through the functions, including the cases
 * where Terraform keeps them element by element and the result types of unknown results, which
 * console output cannot show.
 */
class UnknownAndSensitiveTest {

    private static final Value UNKNOWN_STR = Value.unknown(Type.STRING);

    @Test
    void anUnknownArgumentGivesAnUnknownOfTheReturnType() throws FunctionException {
        assertEquals(Value.unknown(Type.STRING), call("upper", UNKNOWN_STR));
        assertEquals(Value.unknown(Type.STRING), call("upper", Value.DYNAMIC_UNKNOWN));
        assertEquals(Value.unknown(Type.list(Type.STRING)), call("split", str(","), UNKNOWN_STR));
        assertEquals(Value.unknown(Type.NUMBER), call("max", num(1), Value.unknown(Type.NUMBER)));
        assertEquals(Value.unknown(Type.BOOL), call("endswith", UNKNOWN_STR, str("")));
    }

    @Test
    void partiallyUnknownCollections() throws FunctionException {
        Value mixed = tuple(str("a"), UNKNOWN_STR, str("c"));
        assertEquals(num(3), call("length", mixed));
        assertEquals(Value.TRUE, call("contains", mixed, str("a")));
        assertEquals(Value.unknown(Type.BOOL), call("contains", mixed, str("z")));
        assertEquals(Value.unknown(Type.STRING), call("join", str(","), mixed));
        assertEquals(str("a"), call("element", mixed, num(0)));
        assertFalse(call("element", mixed, num(1)).isKnown());
        Value sorted = call("sort", mixed);
        assertEquals(3, sorted.length(), "sort keeps the length of a partly unknown list");
        assertTrue(sorted.elements().stream().noneMatch(Value::isKnown));
        assertEquals(Value.FALSE, call("alltrue", tuple(Value.FALSE, Value.unknown(Type.BOOL))));
        assertEquals(Value.TRUE, call("anytrue", tuple(Value.TRUE, Value.unknown(Type.BOOL))));
        assertEquals(Value.unknown(Type.BOOL), call("anytrue", tuple(Value.FALSE, Value.unknown(Type.BOOL))));
        Value merged = call("merge", Value.object(Map.of("a", UNKNOWN_STR)), Value.object(Map.of("b", num(1))));
        assertTrue(merged.isKnown());
        assertFalse(merged.get("a").isKnown());
        assertEquals(num(1), merged.get("b"));
        assertEquals(tuple(str("a")), call("keys", Value.object(Map.of("a", UNKNOWN_STR))),
                "the keys of an object are known from its type");
        assertEquals(Value.TRUE, call("startswith", UNKNOWN_STR, str("")));
        assertEquals(str("x"), call("coalesce", str("x"), UNKNOWN_STR));
        assertEquals(Value.unknown(Type.STRING), call("coalesce", UNKNOWN_STR, str("x")));
    }

    @Test
    void formatTreatsUntypedNullAsNotYetKnown() throws FunctionException {
        assertFalse(call("format", str("%s"), Value.NULL).isKnown());
        assertEquals(str("null"), call("format", str("%v"), Value.nullOf(Type.STRING)));
        assertFalse(call("format", str("%s"), Value.DYNAMIC_UNKNOWN).isKnown());
    }

    @Test
    void marksOnWholeResults() throws FunctionException {
        Value r = call("upper", secret("abc"));
        assertTrue(r.isSensitive());
        assertEquals(str("ABC"), r.unmark());
        assertTrue(call("length", secret("abc")).isSensitive());
        assertTrue(call("join", str(","), tuple(str("a"), secret("b"))).isSensitive());
        assertTrue(call("distinct", tuple(str("a"), secret("b"))).isSensitive());
        assertTrue(call("toset", tuple(str("a"), secret("b"))).isSensitive(), "sets lift element marks");
        assertTrue(call("sha256", secret("x")).isSensitive());
        Value unknownSecret = call("upper", UNKNOWN_STR.markSensitive());
        assertFalse(unknownSecret.isKnown());
        assertTrue(unknownSecret.isSensitive(), "an unknown result keeps the mark of its arguments");
    }

    @Test
    void marksKeptElementByElement() throws FunctionException {
        Value half = tuple(str("public"), secret("s"));
        Value len = call("length", half);
        assertFalse(len.isSensitive(), "length of a list holding a secret is not secret");
        assertEquals(num(2), len);
        assertFalse(call("element", half, num(0)).isSensitive());
        assertTrue(call("element", half, num(1)).isSensitive());
        assertTrue(call("element", tuple(str("a")).markSensitive(), num(0)).isSensitive());
        Value concat = call("concat", half, tuple(str("z")));
        assertFalse(concat.isSensitive());
        assertTrue(concat.elements().get(1).isSensitive());
        Value list = call("tolist", half);
        assertFalse(list.isSensitive());
        assertTrue(list.elements().get(1).isSensitive());
        Value obj = Value.object(Map.of("user", str("admin"), "password", secret("pw")));
        assertFalse(call("keys", obj).isSensitive());
        assertFalse(call("lookup", obj, str("user")).isSensitive());
        assertTrue(call("lookup", obj, str("password")).isSensitive());
        Value values = call("values", obj);
        assertTrue(values.elements().get(0).isSensitive());
        assertFalse(values.elements().get(1).isSensitive());
        Value flat = call("flatten", tuple(half));
        assertFalse(flat.isSensitive());
        assertTrue(flat.elements().get(1).isSensitive());
    }

    @Test
    void markFunctions() throws FunctionException {
        Value half = tuple(str("public"), secret("s"));
        assertTrue(call("sensitive", str("x")).isSensitive());
        assertTrue(call("sensitive", Value.NULL).isSensitive());
        assertEquals(str("x"), call("nonsensitive", secret("x")));
        Value stillHalf = call("nonsensitive", half);
        assertTrue(stillHalf.elements().get(1).isSensitive(), "nonsensitive removes only the value's own mark");
        assertEquals(Value.TRUE, call("issensitive", secret("x")));
        assertEquals(Value.FALSE, call("issensitive", half));
        assertEquals(Value.unknown(Type.BOOL), call("issensitive", UNKNOWN_STR));
        assertEquals(Value.TRUE, call("issensitive", UNKNOWN_STR.markSensitive()));
    }

    @Test
    void impureFunctionsAreUnknownWhilePlanning() throws FunctionException {
        Map<String, Function> planning = StandardLibrary.create(
                new FunctionContext(java.nio.file.Path.of("."), Map.of(), true));
        assertEquals(Value.unknown(Type.STRING), planning.get("uuid").call(List.of()));
        assertEquals(Value.unknown(Type.STRING), planning.get("timestamp").call(List.of()));
        Value u1 = call("uuid");
        Value u2 = call("uuid");
        assertTrue(u1.asString().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                u1.asString());
        assertFalse(u1.equals(u2));
        String ts = call("timestamp").asString();
        assertTrue(ts.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), ts);
        long now = java.time.Instant.now().getEpochSecond();
        long then = java.time.Instant.parse(ts).getEpochSecond();
        assertTrue(Math.abs(now - then) < 60, "timestamp is the current time");
    }

    @Test
    void setOperationsOnUnknownElements() throws FunctionException {
        Value mixed = tuple(str("a"), UNKNOWN_STR, str("c"));
        Value union = call("setunion", mixed);
        assertTrue(union.isKnown());
        assertEquals(3, union.length());
        assertFalse(call("setintersection", mixed, tuple(str("a"))).isKnown());
        assertEquals(str("c"), call("chunklist", mixed, num(2)).elements().get(1).elements().get(0));
    }
}
