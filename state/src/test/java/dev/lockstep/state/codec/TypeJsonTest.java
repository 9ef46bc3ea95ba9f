package dev.lockstep.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.state.testing.RandomValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeJsonTest {

    private static Type parse(String json) throws Exception {
        return TypeJson.read(Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void writesCtyTypeSyntax() {
        assertEquals("\"string\"", TypeJson.toJson(Type.STRING));
        assertEquals("\"dynamic\"", TypeJson.toJson(Type.DYNAMIC));
        assertEquals("[\"list\",\"string\"]", TypeJson.toJson(Type.list(Type.STRING)));
        assertEquals("[\"set\",[\"map\",\"bool\"]]", TypeJson.toJson(Type.set(Type.map(Type.BOOL))));
        assertEquals("[\"object\",{\"a\":\"number\",\"b\":\"string\"}]",
                TypeJson.toJson(new ObjectType(Map.of("b", Type.STRING, "a", Type.NUMBER))));
        assertEquals("[\"object\",{\"a\":\"number\"},[\"a\"]]",
                TypeJson.toJson(new ObjectType(Map.of("a", Type.NUMBER), Set.of("a"))));
        assertEquals("[\"tuple\",[\"string\",\"bool\"]]", TypeJson.toJson(new TupleType(List.of(Type.STRING, Type.BOOL))));
        assertEquals("[\"tuple\",[]]", TypeJson.toJson(TupleType.EMPTY));
    }

    @Test
    void readsCtyTypeSyntax() throws Exception {
        assertEquals(Type.list(Type.STRING), parse("[\"list\",\"string\"]"));
        assertEquals(new ObjectType(Map.of("a", Type.NUMBER), Set.of("a")), parse("[\"object\",{\"a\":\"number\"},[\"a\"]]"));
        assertEquals(TupleType.EMPTY, parse("[\"tuple\",[]]"));
    }

    @Test
    void randomTypesRoundTrip() throws Exception {
        for (long seed = 0; seed < 2000; seed++) {
            Type t = new RandomValues(seed).constraintType(4);
            assertEquals(t, parse(TypeJson.toJson(t)), "seed " + seed + ": " + t);
        }
    }

    @Test
    void badTypesSayWhere() {
        FormatException e = assertThrows(FormatException.class, () -> parse("[\"list\",[\"map\",\"strung\"]]"));
        assertEquals("[1][1]", e.path());
        assertTrue(e.getMessage().contains("unknown type \"strung\""), e.getMessage());
        assertThrows(FormatException.class, () -> parse("[\"list\"]"));
        assertThrows(FormatException.class, () -> parse("[\"list\",\"string\",\"bool\"]"));
        assertThrows(FormatException.class, () -> parse("[\"object\",{\"a\":\"number\"},[\"b\"]]"));
        assertThrows(FormatException.class, () -> parse("[\"blob\",\"string\"]"));
        assertThrows(FormatException.class, () -> parse("42"));
    }
}
