package dev.lockstep.planner.hcl.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console printer on values built directly, with expectations taken from terraform console
 * 1.11 output (the same values through expressions are in conformance/cases/printing.txt).
 */
class ConsoleFormatTest {

    private static Value s(String v) {
        return Value.string(v);
    }

    @Test
    void scalars() {
        assertEquals("\"hello\"", ConsoleFormat.format(s("hello")));
        assertEquals("\"say \\\"hi\\\"\"", ConsoleFormat.format(s("say \"hi\"")));
        assertEquals("\"a\\x01b\\x7fc\"", ConsoleFormat.format(s("a\u0001b\u007fc")));
        assertEquals("\"a\\u00a0b\"", ConsoleFormat.format(s("a\u00a0b")));
        assertEquals("\"\\ufeffx\"", ConsoleFormat.format(s("\ufeffx")));
        assertEquals("\"héllo ☃ 🤔\"", ConsoleFormat.format(s("héllo ☃ 🤔")));
        assertEquals("\"\\ue000\"", ConsoleFormat.format(s("\ue000")));
        assertEquals("\"a\\tb\\rc\"", ConsoleFormat.format(s("a\tb\rc")));
        assertEquals("10000000000000000000000000000000000000000",
                ConsoleFormat.format(Value.number(new BigDecimal("1e40"))));
        assertEquals("0.0000001", ConsoleFormat.format(Value.number(new BigDecimal("1e-7"))));
        assertEquals("-0.5", ConsoleFormat.format(Value.number(new BigDecimal("-0.50"))));
        assertEquals("false", ConsoleFormat.format(Value.FALSE));
    }

    @Test
    void unknownAndSensitive() {
        assertEquals("(known after apply)", ConsoleFormat.format(Value.unknown(Type.STRING)));
        assertEquals("(known after apply)", ConsoleFormat.format(Value.unknown(Type.STRING).markSensitive()));
        assertEquals("(sensitive value)", ConsoleFormat.format(s("s3cr3t").markSensitive()));
        assertEquals("(sensitive value)", ConsoleFormat.format(Value.NULL.markSensitive()));
        assertEquals("[\n  (sensitive value),\n  (known after apply),\n]",
                ConsoleFormat.format(Value.tuple(List.of(s("x").markSensitive(), Value.DYNAMIC_UNKNOWN))));
    }

    @Test
    void typedNulls() {
        assertEquals("null", ConsoleFormat.format(Value.NULL));
        assertEquals("tostring(null)", ConsoleFormat.format(Value.nullOf(Type.STRING)));
        assertEquals("tonumber(null)", ConsoleFormat.format(Value.nullOf(Type.NUMBER)));
        assertEquals("tobool(null)", ConsoleFormat.format(Value.nullOf(Type.BOOL)));
        assertEquals("tolist(null) /* of string */", ConsoleFormat.format(Value.nullOf(Type.list(Type.STRING))));
        assertEquals("tolist(null) /* of dynamic */", ConsoleFormat.format(Value.nullOf(Type.list(Type.DYNAMIC))));
        assertEquals("toset(null) /* of bool */", ConsoleFormat.format(Value.nullOf(Type.set(Type.BOOL))));
        assertEquals("tomap(null) /* of number */", ConsoleFormat.format(Value.nullOf(Type.map(Type.NUMBER))));
        assertEquals("tolist(null) /* of object */",
                ConsoleFormat.format(Value.nullOf(Type.list(new ObjectType(Map.of("a", Type.NUMBER))))));
        assertEquals("null /* object */", ConsoleFormat.format(Value.nullOf(new ObjectType(Map.of("a", Type.NUMBER)))));
        assertEquals("null /* tuple */", ConsoleFormat.format(Value.nullOf(new TupleType(List.of(Type.NUMBER)))));
    }

    @Test
    void emptyCollections() {
        assertEquals("[]", ConsoleFormat.format(Value.EMPTY_TUPLE));
        assertEquals("{}", ConsoleFormat.format(Value.EMPTY_OBJECT));
        assertEquals("tolist([])", ConsoleFormat.format(Value.emptyList(Type.STRING)));
        assertEquals("toset([])", ConsoleFormat.format(Value.set(Type.STRING, List.of())));
        assertEquals("tomap({})", ConsoleFormat.format(Value.map(Type.STRING, Map.of())));
    }

    @Test
    void nesting() {
        Value v = Value.object(Map.of("a", Value.tuple(List.of(Value.object(Map.of("b",
                Value.list(Type.map(Type.set(Type.STRING)), List.of(Value.map(Type.set(Type.STRING),
                        Map.of("c", Value.set(Type.STRING, List.of(s("d")))))))))))));
        assertEquals("""
                {
                  "a" = [
                    {
                      "b" = tolist([
                        tomap({
                          "c" = toset([
                            "d",
                          ])
                        }),
                      ])
                    },
                  ]
                }""", ConsoleFormat.format(v));
        assertEquals("{\n  \"\" = 4\n  \"a b\" = 1\n  \"x\\\"y\" = 2\n  \"é\" = 3\n}", ConsoleFormat.format(
                Value.object(Map.of("a b", Value.number(1), "x\"y", Value.number(2), "é", Value.number(3), "",
                        Value.number(4)))));
    }

    @Test
    void multiLineStringsAsHeredocs() {
        assertEquals("<<EOT\na\nb\nEOT", ConsoleFormat.format(s("a\nb")));
        assertEquals("<<EOT\na\n\nEOT", ConsoleFormat.format(s("a\n")));
        assertEquals("<<EOT\n\n\nEOT", ConsoleFormat.format(s("\n")));
        assertEquals("<<EOT_\nx\n  EOT  \ny\nEOT_", ConsoleFormat.format(s("x\n  EOT  \ny")));
        assertEquals("<<EOT__\nEOT\nEOT_\nEOT__", ConsoleFormat.format(s("EOT\nEOT_")));
        assertEquals("[\n  <<-EOT\n  a\n  b\n  EOT,\n  \"c\",\n]",
                ConsoleFormat.format(Value.tuple(List.of(s("a\nb"), s("c")))));
        assertEquals("{\n  <<-EOT\n  a\n  b\n  EOT = 1\n}", ConsoleFormat.format(Value.object(Map.of("a\nb", Value.number(1)))));
        assertEquals("{\n  \"EOT\" = <<-EOT_\n  EOT\n  x\n  EOT_\n}",
                ConsoleFormat.format(Value.object(Map.of("EOT", s("EOT\nx")))));
    }
}
