package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.blocks;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared reader: shapes, unknowns and sensitive marks. */
class ValueReaderTest {

    @Test
    void blocksReadAsListsOfOneOrObjects() {
        Value typed = obj("metadata", blocks(obj("name", "a")));
        Value manifest = obj("metadata", obj("name", "a"));
        assertEquals("a", ValueReader.text(ValueReader.get(ValueReader.block(typed, "metadata"), "name")));
        assertEquals("a", ValueReader.text(ValueReader.get(ValueReader.block(manifest, "metadata"), "name")));
        assertTrue(ValueReader.absent(ValueReader.block(obj("metadata", Value.emptyList(Type.DYNAMIC)), "metadata")));
        assertTrue(ValueReader.absent(ValueReader.get(obj("x", "y"), "missing")));
        assertTrue(ValueReader.absent(ValueReader.get(Value.string("not an object"), "x")));
    }

    @Test
    void unknownsStayUnknown() {
        Value v = obj("spec", Value.unknown(Type.list(Type.DYNAMIC)));
        assertTrue(ValueReader.unknown(ValueReader.get(ValueReader.block(v, "spec"), "tls")));
        assertEquals(Tri.UNKNOWN, ValueReader.contains(Value.unknown(Type.set(Type.STRING)), "*"));
        assertEquals(Tri.YES, ValueReader.contains(Value.list(Type.STRING,
                List.of(Value.unknown(Type.STRING), Value.string("*"))), "*"));
        assertEquals(Tri.UNKNOWN, ValueReader.contains(Value.list(Type.STRING,
                List.of(Value.unknown(Type.STRING), Value.string("get"))), "*"));
        assertEquals(Tri.NO, ValueReader.contains(set("get"), "*"));
        assertNull(ValueReader.text(Value.unknown(Type.STRING)));
        assertFalse(ValueReader.empty(Value.unknown(Type.map(Type.STRING))));
    }

    @Test
    void marksFlowDownAndHideValues() {
        Value v = obj("metadata", blocks(obj("name", "team-a")).markSensitive());
        Value name = ValueReader.get(ValueReader.block(v, "metadata"), "name");
        assertTrue(name.containsSensitive());
        assertEquals("team-a", ValueReader.text(name), "comparisons see the value");
        assertEquals("(sensitive value)", ValueReader.show(name), "messages do not");
        Value items = Value.list(Type.STRING, List.of(Value.string("a"), Value.string("b"))).markSensitive();
        for (Value e : ValueReader.items(items)) {
            assertEquals("(sensitive value)", ValueReader.show(e));
        }
        Value map = Value.map(Type.STRING, java.util.Map.of("k", Value.string("v"))).markSensitive();
        assertTrue(ValueReader.entries(map).get("k").containsSensitive());
        assertEquals("[\"a\", (sensitive value)]", ValueReader.show(Value.list(Type.STRING,
                List.of(Value.string("a"), Value.string("b").markSensitive()))));
    }

    @Test
    void hostCoverage() {
        assertTrue(IngressHosts.covers("app.example.com", "APP.example.com"));
        assertTrue(IngressHosts.covers("*.example.com", "app.example.com"));
        assertFalse(IngressHosts.covers("*.example.com", "a.b.example.com"));
        assertFalse(IngressHosts.covers("*.example.com", "example.com"));
        assertFalse(IngressHosts.covers("app.example.com", "api.example.com"));
        assertTrue(IngressHosts.covers("*.example.com", "*.example.com"));
    }
}
