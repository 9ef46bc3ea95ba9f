package dev.lockstep.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live-object fingerprint: stable for equal values, different for any difference a plan cares about. */
class SecretHasherFingerprintTest {

    private final SecretHasher h = new SecretHasher(new byte[32]);

    private static Value obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return Value.object(m);
    }

    private Value sample(String name, Value replicas) {
        return obj("metadata", Value.list(obj("name", Value.string("x"), "labels", Value.string("y")).type(),
                List.of(obj("name", Value.string(name), "labels", Value.string("y")))), "replicas", replicas,
                "tags", Value.set(Type.STRING, List.of(Value.string("a"), Value.string("b"))));
    }

    @Test
    void equalValuesHaveEqualFingerprints() {
        assertEquals(h.fingerprint(sample("a", Value.number(1))), h.fingerprint(sample("a", Value.number(1))));
        assertTrue(h.fingerprint(sample("a", Value.number(1))).startsWith("fp:"));
    }

    @Test
    void anyDifferenceChangesIt() {
        String base = h.fingerprint(sample("a", Value.number(1)));
        assertNotEquals(base, h.fingerprint(sample("b", Value.number(1))));
        assertNotEquals(base, h.fingerprint(sample("a", Value.number(2))));
        assertNotEquals(base, h.fingerprint(sample("a", Value.nullOf(Type.NUMBER))));
        // a string "1" and a number 1 in a dynamic position
        assertNotEquals(h.fingerprint(obj("v", Value.string("1"))), h.fingerprint(obj("v", Value.number(1))));
        // element boundaries: ["ab"] vs ["a", "b"]
        assertNotEquals(h.fingerprint(Value.list(Type.STRING, List.of(Value.string("ab")))),
                h.fingerprint(Value.list(Type.STRING, List.of(Value.string("a"), Value.string("b")))));
        assertNotEquals(h.fingerprint(Value.nullOf(Type.STRING)), h.fingerprint(Value.unknown(Type.STRING)));
        assertNotEquals(h.fingerprint(Value.list(Type.STRING, List.of(Value.string("a")))),
                h.fingerprint(Value.set(Type.STRING, List.of(Value.string("a")))));
    }

    @Test
    void keyedAndMarksIgnored() {
        Value v = sample("a", Value.number(1));
        assertNotEquals(h.fingerprint(v), new SecretHasher(new byte[] {1}).fingerprint(v));
        assertEquals(h.fingerprint(v), h.fingerprint(v.markSensitive()));
    }
}
