package dev.lockstep.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void stringsStayOthersBecomeSortedCompactJson() {
        Value m = FlatJson.parseObject("{ \"s\": \"x\\u00e9\", \"n\": -1.50e3, \"b\": false, \"z\": null,\n"
                + "  \"o\": {\"b\": [2, {\"d\": 1, \"c\": 0}], \"a\": \"}\"} }");
        assertEquals(Type.map(Type.STRING), m.type());
        assertEquals("x\u00e9", m.get("s").asString());
        assertEquals("-1.50e3", m.get("n").asString(), "a number keeps its text");
        assertEquals("false", m.get("b").asString());
        assertTrue(m.get("z").isNull());
        assertEquals("{\"a\":\"}\",\"b\":[2,{\"c\":0,\"d\":1}]}", m.get("o").asString());
        assertTrue(!m.containsSensitive(), "marking is the caller's job");
    }

    @Test
    void onlyObjectsDecode() {
        assertNull(FlatJson.parseObject("[1]"));
        assertNull(FlatJson.parseObject("\"text\""));
        assertNull(FlatJson.parseObject("plain password"));
        assertNull(FlatJson.parseObject("{\"a\": 1} trailing"));
        assertNull(FlatJson.parseObject("{\"a\": 1,}"));
        assertNull(FlatJson.parseObject(null));
        assertEquals(Map.of(), FlatJson.parseObject(" {} ").attributes());
        assertEquals("2", FlatJson.parseObject("{\"a\": 1, \"a\": 2}").get("a").asString(), "the last duplicate wins");
    }

    @Test
    void deepNestingIsNotDecodedInsteadOfOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertNull(FlatJson.parseObject(deep));
        String ok = "{\"a\":" + "[".repeat(FlatJson.MAX_DEPTH - 1) + "]".repeat(FlatJson.MAX_DEPTH - 1) + "}";
        assertTrue(FlatJson.parseObject(ok).get("a").asString().startsWith("[[["));
        assertEquals(1, FlatJson.nestingDepth("{\"x\": \"[[[{{\\\"\"}"), "brackets in strings do not count");
    }
}
