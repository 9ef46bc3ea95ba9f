package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.check;
import static dev.lockstep.planner.policy.rules.TestValues.live;
import static dev.lockstep.planner.policy.rules.TestValues.map;
import static dev.lockstep.planner.policy.rules.TestValues.metadata;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.planned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k8s-secret-literal: secret data written in the configuration. */
class SecretLiteralRuleTest {

    private final SecretLiteralRule rule = new SecretLiteralRule();

    private static Value secret(Value data, Value binaryData) {
        return obj("binary_data", binaryData, "data", data, "metadata", metadata("db", "a"), "type", "Opaque");
    }

    private static final Value NONE = Value.nullOf(Type.map(Type.STRING));

    @Test
    void literalDataIsReportedWithoutKeysOrValues() {
        Value data = map("password", "hunter2-canary").markSensitive();
        for (String type : List.of("kubernetes_secret", "kubernetes_secret_v1")) {
            List<String> m = check(rule, planned(type + ".db", secret(data, NONE), "data", "type"));
            assertEquals(List.of("Secret \"" + type + ".db\" has data written in the configuration instead of read "
                    + "from a secret source"), m);
            assertFalse(m.get(0).contains("hunter2") || m.get(0).contains("password"));
        }
        List<String> both = check(rule, planned("kubernetes_secret_v1.b",
                secret(map("a", "b").markSensitive(), map("c", "ZA==").markSensitive()), "data", "binary_data"));
        assertEquals(List.of("Secret \"kubernetes_secret_v1.b\" has data and binary_data written in the "
                + "configuration instead of read from a secret source"), both);
    }

    @Test
    void dataFromReferencesIsNotReported() {
        Value data = map("password", "from-vault").markSensitive();
        // "data" is not among the literals: its expression references a data source or variable
        assertEquals(List.of(), check(rule, planned("kubernetes_secret_v1.db", secret(data, NONE), "type")));
        // live and unmanaged objects have no literals
        assertEquals(List.of(), check(rule, live("kubernetes_secret_v1.db", secret(data, NONE))));
    }

    @Test
    void emptyOrUnknownDataIsNotReported() {
        assertEquals(List.of(), check(rule, planned("kubernetes_secret_v1.a", secret(NONE, NONE), "data")));
        assertEquals(List.of(), check(rule, planned("kubernetes_secret_v1.b",
                secret(Value.map(Type.STRING, java.util.Map.of()), NONE), "data")));
        assertEquals(List.of(), check(rule, planned("kubernetes_secret_v1.c",
                secret(Value.unknown(Type.map(Type.STRING)).markSensitive(), NONE), "data")));
    }

    @Test
    void manifestSecrets() {
        Value m = obj("manifest", obj("apiVersion", "v1", "kind", "Secret", "metadata", obj("name", "db"),
                "stringData", obj("password", Value.string("canary-literal").markSensitive())));
        PolicySubject literal = planned("kubernetes_manifest.db", m, "manifest");
        List<String> msg = check(rule, literal);
        assertEquals(List.of("Secret \"kubernetes_manifest.db\" has manifest.stringData written in the configuration "
                + "instead of read from a secret source"), msg);
        assertFalse(msg.get(0).contains("canary"));
        assertEquals(List.of(), check(rule, planned("kubernetes_manifest.db", m)));
        Value cm = obj("manifest", obj("apiVersion", "v1", "kind", "ConfigMap", "metadata", obj("name", "c"),
                "data", obj("k", "v")));
        assertEquals(List.of(), check(rule, planned("kubernetes_manifest.cm", cm, "manifest")));
    }
}
