package dev.lockstep.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.testing.RandomValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueJsonTest {

    private static Value parse(String json, Type t) throws Exception {
        return ValueJson.read(Json.parse(json.getBytes(StandardCharsets.UTF_8)), t);
    }

    private static Value roundTrip(Value v) throws Exception {
        String type = TypeJson.toJson(v.type());
        Type t = TypeJson.read(Json.parse(type.getBytes(StandardCharsets.UTF_8)));
        return parse(ValueJson.toJson(v), t);
    }

    @Test
    void randomValuesOfRandomTypesRoundTrip() throws Exception {
        for (long seed = 0; seed < 3000; seed++) {
            RandomValues r = new RandomValues(seed);
            Type t = r.type(4);
            Value v = r.value(t);
            Value back = roundTrip(v);
            assertEquals(v, back, "seed " + seed + ": " + t.typeExpr() + " " + ValueJson.toJson(v));
            assertEquals(v.type(), back.type(), "seed " + seed);
        }
    }

    @Test
    void numbersAreExact() throws Exception {
        for (String n : List.of("0.1", "0.30000000000000004", "123456789012345678901234567890.000000000000000000001",
                "-1e400", "1E-400", "9007199254740993", "1e20", "-0")) {
            Value v = Value.number(new BigDecimal(n));
            String json = ValueJson.toJson(v);
            assertEquals(0, new BigDecimal(n).compareTo(parse(json, Type.NUMBER).asNumber()), n + " -> " + json);
        }
        assertEquals("0.1", ValueJson.toJson(Value.number(new BigDecimal("0.10"))));
        assertEquals("100000000000000000000", ValueJson.toJson(Value.number(new BigDecimal("1e20"))));
        assertEquals("1E+400", ValueJson.toJson(Value.number(new BigDecimal("1e400"))));
        assertEquals("9007199254740993", ValueJson.toJson(parse("9007199254740993", Type.NUMBER)));
    }

    @Test
    void stringsKeepEveryCharacter() throws Exception {
        for (String s : List.of("x\uD834\uDD1Ey", "lone\uD800z", "end\uD834", "\u0000\u001f\"\\", "e\u0301")) {
            Value v = Value.string(s);
            assertEquals(v, parse(ValueJson.toJson(v), Type.STRING), s);
        }
        assertEquals("\"x\uD834\uDD1Ey\"", ValueJson.toJson(Value.string("x\uD834\uDD1Ey")));
    }

    @Test
    void collectionsAndNulls() throws Exception {
        Value v = Value.object(Map.of(
                "s", Value.set(Type.STRING, List.of(Value.string("b"), Value.string("a"))),
                "m", Value.map(Type.NUMBER, Map.of("x", Value.number(1))),
                "n", Value.nullOf(Type.list(Type.STRING)),
                "t", Value.tuple(List.of(Value.TRUE, Value.string("q")))));
        assertEquals("{\"m\":{\"x\":1},\"n\":null,\"s\":[\"a\",\"b\"],\"t\":[true,\"q\"]}", ValueJson.toJson(v));
        assertEquals(v, roundTrip(v));
    }

    @Test
    void dynamicPositionsCarryTheirType() throws Exception {
        ObjectType declared = new ObjectType(Map.of("input", Type.DYNAMIC));
        Value v = Value.object(Map.of("input", Value.list(Type.NUMBER, List.of(Value.number(1)))));
        String json = new String(Json.write(false, g -> ValueJson.write(v, declared, g)), StandardCharsets.UTF_8);
        assertEquals("{\"input\":{\"value\":[1],\"type\":[\"list\",\"number\"]}}", json);
        assertEquals(v, parse(json, declared));
        assertEquals(Value.object(Map.of("input", Value.NULL)), parse("{\"input\":null}", declared));
    }

    @Test
    void missingObjectAttributesAreNullAndUnknownOnesRejected() throws Exception {
        ObjectType t = new ObjectType(Map.of("a", Type.STRING, "b", Type.NUMBER));
        assertEquals(Value.object(Map.of("a", Value.string("x"), "b", Value.nullOf(Type.NUMBER))), parse("{\"a\":\"x\"}", t));
        FormatException e = assertThrows(FormatException.class, () -> parse("{\"a\":\"x\",\"c\":1}", t));
        assertEquals("c", e.path());
    }

    @Test
    void typeMismatchesSayWhere() {
        Type t = new ObjectType(Map.of("spec", new ObjectType(Map.of("replicas", Type.list(Type.NUMBER)))));
        FormatException e = assertThrows(FormatException.class, () -> parse("{\"spec\":{\"replicas\":[1,\"2\"]}}", t));
        assertEquals("spec.replicas[1]", e.path());
        assertTrue(e.getMessage().contains("expected a number, found a string"), e.getMessage());
    }

    @Test
    void unknownsCannotBeEncoded() {
        Value v = Value.object(Map.of("a", Value.unknown(Type.STRING)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueJson.toJson(v));
        assertTrue(e.getMessage().contains("at a:"), e.getMessage());
    }
}
