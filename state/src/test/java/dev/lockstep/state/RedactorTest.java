package dev.lockstep.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.testing.SampleStates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void secretsBecomeMarkedNullsWithTheirHashes() {
        SecretHasher h = new SecretHasher(SampleStates.key());
        Value attrs = Value.object(Map.of(
                "name", Value.string("x"),
                "env", Value.list(Type.STRING, List.of(Value.string("a"), Value.string("s3cr3t").markSensitive())),
                "conf", Value.map(Type.NUMBER, Map.of("pin", Value.number(1234).markSensitive()))));
        ResourceInstance r = new ResourceInstance(ResourceAddress.managed("t", "r"), "p", 0, "id", attrs, Map.of(),
                List.of(), ResourceInstance.Status.READY, null, null);
        ResourceInstance red = new Redactor(h).redact(r);
        assertEquals(Value.string("x"), red.attributes().get("name"));
        Value env1 = red.attributes().get("env").elements().get(1);
        assertTrue(env1.isNull() && env1.isSensitive() && env1.type() == Type.STRING);
        assertEquals(h.hash(Value.string("s3cr3t")), red.secretHashes().get(AttributePath.of("env").index(1)));
        assertEquals(h.hash(Value.number(1234)), red.secretHashes().get(AttributePath.of("conf").key("pin")));
        assertEquals(2, red.secretHashes().size());
        assertTrue(red.attributes().get("conf").get("pin").isNull());
        assertEquals(red, new Redactor(h).redact(red), "redacting twice changes nothing");
    }

    @Test
    void withoutSecretsNothingChanges() {
        ResourceInstance r = SampleStates.instance("a", "b");
        assertSame(r, Redactor.forState(SampleStates.empty()).redact(r));
    }
}
