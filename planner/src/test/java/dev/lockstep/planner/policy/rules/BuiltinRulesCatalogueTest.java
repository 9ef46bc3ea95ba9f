package dev.lockstep.planner.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.BuiltinRule;
import dev.lockstep.planner.policy.rules.BuiltinRules;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleParameter;
import dev.lockstep.planner.policy.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue: stable ids, complete descriptions, valid parameter defaults, documented in docs/policies.md. */
class BuiltinRulesCatalogueTest {

    private static final List<String> IDS = List.of("k8s-rbac-wildcard-all", "k8s-rbac-wildcard",
            "k8s-privileged-binding", "k8s-binding-user-subject", "k8s-namespace-default-deny", "k8s-ingress-tls",
            "k8s-ingress-wildcard-host", "k8s-ingress-external-auth", "k8s-secret-literal",
            "databricks-cluster-autotermination", "databricks-cluster-no-isolation", "databricks-users-can-manage",
            "databricks-permissions-user", "databricks-token-lifetime", "databricks-secret-scope-users-manage",
            "databricks-job-run-as-user");

    @Test
    void idsAreTheStableOnesInDisplayOrderAndUnique() {
        List<String> ids = BuiltinRules.all().stream().map(BuiltinRule::id).toList();
        assertEquals(IDS, ids);
        assertEquals(ids.size(), new HashSet<>(ids).size());
    }

    @Test
    void byIdFindsEachRuleAndNullOtherwise() {
        for (BuiltinRule r : BuiltinRules.all()) {
            assertSame(r, BuiltinRules.byId(r.id()));
        }
        assertNull(BuiltinRules.byId("k8s-no-such-rule"));
        assertNull(BuiltinRules.byId(null));
    }

    @Test
    void mandatoryOnesAreTheDocumentedOnes() {
        Set<String> mandatory = new HashSet<>();
        for (BuiltinRule r : BuiltinRules.all()) {
            assertTrue(r.defaultEnforcement() == Enforcement.MANDATORY
                    || r.defaultEnforcement() == Enforcement.ADVISORY);
            if (r.defaultEnforcement() == Enforcement.MANDATORY) {
                mandatory.add(r.id());
            }
        }
        assertEquals(Set.of("k8s-rbac-wildcard-all", "k8s-privileged-binding", "k8s-ingress-tls",
                "databricks-users-can-manage"), mandatory);
    }

    @Test
    void eachRuleIsDescribed() {
        for (BuiltinRule r : BuiltinRules.all()) {
            for (String text : List.of(r.title(), r.rationale(), r.fix())) {
                assertNotNull(text, r.id());
                assertFalse(text.isBlank(), r.id());
                assertFalse(text.contains("\n"), r.id() + ": one line");
            }
            assertFalse(r.resourceTypes().isEmpty(), r.id());
            for (String type : r.resourceTypes()) {
                assertTrue(type.startsWith("kubernetes_") || type.startsWith("databricks_"), type);
            }
        }
    }

    @Test
    void parameterDefaultsAreKnownValuesOfTheirType() {
        for (BuiltinRule r : BuiltinRules.all()) {
            Set<String> names = new HashSet<>();
            for (RuleParameter p : r.parameters()) {
                assertTrue(p.name().matches("[a-z][a-z0-9_]*"), p.name());
                assertTrue(names.add(p.name()), r.id() + " repeats " + p.name());
                assertFalse(p.description().isBlank(), p.name());
                assertTrue(p.type() == Type.STRING || p.type() == Type.NUMBER || p.type() == Type.BOOL
                        || p.type().equals(Type.list(Type.STRING)), p.name());
                Value d = p.defaultValue();
                assertTrue(d.isWhollyKnown() && !d.isNull() && !d.containsSensitive(), p.name());
                assertEquals(p.type(), d.type(), r.id() + "." + p.name());
            }
            // the defaults are readable through RuleSettings the way the rules read them
            RuleSettings defaults = RuleSettings.defaults(r);
            for (RuleParameter p : r.parameters()) {
                if (p.type().equals(Type.list(Type.STRING))) {
                    assertNotNull(defaults.strings(p.name()));
                } else if (p.type() == Type.NUMBER) {
                    assertNotNull(defaults.number(p.name()));
                } else if (p.type() == Type.STRING) {
                    assertNotNull(defaults.string(p.name()));
                }
            }
        }
    }

    @Test
    void everyRuleIgnoresSubjectsItDoesNotKnow() {
        List<PolicySubject> foreign = List.of(
                TestValues.planned("aws_s3_bucket.b", TestValues.obj("bucket", "b")),
                TestValues.planned("kubernetes_config_map_v1.c", TestValues.obj("data", TestValues.map("k", "v"))),
                TestValues.planned("kubernetes_manifest.m", TestValues.obj("manifest",
                        TestValues.obj("apiVersion", "apps/v1", "kind", "Deployment"))),
                TestValues.planned("databricks_notebook.n", TestValues.obj("path", "/x")),
                new PolicySubject("x.y", "kubernetes_role_v1", null, PolicySubject.Origin.UNMANAGED, null, null));
        for (BuiltinRule r : BuiltinRules.all()) {
            assertEquals(List.of(), r.check(foreign, RuleSettings.defaults(r)), r.id());
        }
    }

    @Test
    void docsDescribeEveryRuleAndParameter() throws Exception {
        Path docs = Path.of("..", "docs", "policies.md");
        String text = Files.readString(docs);
        assertTrue(text.startsWith("# Policies\n"), "first line");
        assertTrue(text.contains("## Built-in rules"));
        for (BuiltinRule r : BuiltinRules.all()) {
            String heading = "### `" + r.id() + "`\n";
            int start = text.indexOf(heading);
            assertTrue(start >= 0, r.id());
            int end = text.indexOf("\n### ", start + heading.length());
            String section = text.substring(start, end < 0 ? text.length() : end);
            assertTrue(section.contains("- Default: **" + r.defaultEnforcement().word() + "**."), r.id());
            assertTrue(section.contains("- Checks: "), r.id());
            assertTrue(section.contains("- Why: "), r.id());
            assertTrue(section.contains("- Fix: "), r.id());
            if (r.parameters().isEmpty()) {
                assertTrue(section.contains("- Parameters: none."), r.id());
            }
            for (RuleParameter p : r.parameters()) {
                assertTrue(section.contains("  - `" + p.name() + "` ("), r.id() + "." + p.name());
            }
        }
    }
}
