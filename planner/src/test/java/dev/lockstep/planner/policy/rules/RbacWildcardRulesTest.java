package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.blocks;
import static dev.lockstep.planner.policy.rules.TestValues.check;
import static dev.lockstep.planner.policy.rules.TestValues.live;
import static dev.lockstep.planner.policy.rules.TestValues.metadata;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.planned;
import static dev.lockstep.planner.policy.rules.TestValues.set;
import static dev.lockstep.planner.policy.rules.TestValues.strings;
import static dev.lockstep.planner.policy.rules.TestValues.tuple;
import static dev.lockstep.planner.policy.rules.TestValues.unmanaged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k8s-rbac-wildcard-all and k8s-rbac-wildcard on typed roles, cluster roles and manifests. */
class RbacWildcardRulesTest {

    private final RbacWildcardAllRule all = new RbacWildcardAllRule();
    private final RbacWildcardRule any = new RbacWildcardRule();

    private static Value rule(Value apiGroups, Value resources, Value verbs) {
        return obj("api_groups", apiGroups, "resource_names", Value.nullOf(Type.set(Type.STRING)),
                "resources", resources, "verbs", verbs);
    }

    private static Value role(Value... rules) {
        return obj("id", Value.unknown(Type.STRING), "metadata", metadata("ops", "team-a"), "rule", blocks(rules));
    }

    private static Value manifest(String apiVersion, String kind, Value rules) {
        return obj("manifest", obj("apiVersion", apiVersion, "kind", kind, "metadata", obj("name", "ops"),
                "rules", rules));
    }

    @Test
    void wildcardVerbsOnWildcardResourcesIsMandatoryViolation() {
        PolicySubject s = planned("kubernetes_role_v1.ops", role(rule(set(""), set("*"), set("*"))));
        assertEquals(List.of("Role \"kubernetes_role_v1.ops\" grants verbs [\"*\"] on resources [\"*\"] in API "
                + "groups [\"\"]"), check(all, s));
        // the advisory rule does not report the same rule again
        assertEquals(List.of(), check(any, s));
    }

    @Test
    void plainAndV1NamesAndClusterRoles() {
        Value v = role(rule(set("apps"), set("*"), set("*")));
        for (String type : List.of("kubernetes_role", "kubernetes_role_v1", "kubernetes_cluster_role",
                "kubernetes_cluster_role_v1")) {
            List<String> m = check(all, planned(type + ".x", v));
            assertEquals(1, m.size(), type);
            String kind = type.contains("cluster") ? "ClusterRole" : "Role";
            assertTrue(m.get(0).startsWith(kind + " \"" + type + ".x\" grants"), m.get(0));
        }
    }

    @Test
    void specificVerbsOrResourcesAreNotAllWildcard() {
        PolicySubject verbs = planned("kubernetes_role.a", role(rule(set(""), set("*"), set("get", "list"))));
        PolicySubject resources = planned("kubernetes_role.b", role(rule(set(""), set("pods"), set("*"))));
        PolicySubject clean = planned("kubernetes_role.c", role(rule(set(""), set("pods"), set("get"))));
        assertEquals(List.of(), check(all, verbs, resources, clean));
        assertEquals(List.of(
                "Role \"kubernetes_role.a\" grants verbs [\"get\", \"list\"] on resources [\"*\"] in API groups [\"\"]",
                "Role \"kubernetes_role.b\" grants verbs [\"*\"] on resources [\"pods\"] in API groups [\"\"]"),
                check(any, verbs, resources, clean));
    }

    @Test
    void wildcardApiGroupIsAdvisory() {
        PolicySubject s = planned("kubernetes_cluster_role_v1.r", role(rule(set("*"), set("pods"), set("get"))));
        assertEquals(List.of("ClusterRole \"kubernetes_cluster_role_v1.r\" grants verbs [\"get\"] on resources "
                + "[\"pods\"] in API groups [\"*\"]"), check(any, s));
        assertEquals(List.of(), check(all, s));
    }

    @Test
    void oneViolationPerRoleNamingEveryOffendingRule() {
        PolicySubject s = planned("kubernetes_role_v1.ops", role(
                rule(set(""), set("*"), set("*")),
                rule(set("apps"), set("deployments"), set("get")),
                rule(set("batch"), set("*"), set("get")),
                rule(set("*"), set("*"), set("*"))));
        List<String> m = check(all, s);
        assertEquals(1, m.size());
        assertEquals("Role \"kubernetes_role_v1.ops\" grants verbs [\"*\"] on resources [\"*\"] in API groups "
                + "[\"\"], and verbs [\"*\"] on resources [\"*\"] in API groups [\"*\"]", m.get(0));
        assertEquals(List.of("Role \"kubernetes_role_v1.ops\" grants verbs [\"get\"] on resources [\"*\"] in API "
                + "groups [\"batch\"]"), check(any, s));
    }

    @Test
    void unknownVerbsOrRulesAreNotReported() {
        Value unknownVerbs = rule(set(""), set("*"), Value.unknown(Type.set(Type.STRING)));
        PolicySubject s = planned("kubernetes_role_v1.ops", role(unknownVerbs));
        assertEquals(List.of(), check(all, s));
        // resources "*" is certain, so the advisory rule reports it; the mandatory one cannot know yet
        assertEquals(1, check(any, s).size());
        Value unknownRules = obj("metadata", metadata("ops", "a"), "rule", Value.unknown(Type.list(Type.DYNAMIC)));
        assertEquals(List.of(), check(all, planned("kubernetes_role_v1.x", unknownRules)));
        assertEquals(List.of(), check(any, planned("kubernetes_role_v1.x", unknownRules)));
        PolicySubject unknownElement = planned("kubernetes_role_v1.y", role(rule(set(""), set("pods"),
                Value.set(Type.STRING, List.of(Value.unknown(Type.STRING), Value.string("get"))))));
        assertEquals(List.of(), check(all, unknownElement));
        assertEquals(List.of(), check(any, unknownElement));
    }

    @Test
    void sensitiveVerbsAreDetectedButNeverShown() {
        Value verbs = Value.set(Type.STRING, List.of(Value.string("*").markSensitive()));
        PolicySubject s = planned("kubernetes_role_v1.ops", role(rule(set(""), set("*"), verbs)));
        List<String> m = check(all, s);
        assertEquals(List.of("Role \"kubernetes_role_v1.ops\" grants verbs (sensitive value) on resources [\"*\"] "
                + "in API groups [\"\"]"), m);
        Value sensitiveRules = obj("metadata", metadata("ops", "a"), "rule",
                blocks(rule(set(""), set("secrets"), set("*"))).markSensitive());
        List<String> m2 = check(any, planned("kubernetes_role_v1.z", sensitiveRules));
        assertEquals(1, m2.size());
        assertFalse(m2.get(0).contains("secrets"), m2.get(0));
        assertTrue(m2.get(0).contains("(sensitive value)"), m2.get(0));
    }

    @Test
    void manifestRolesUseKubernetesFieldNames() {
        Value rules = tuple(obj("apiGroups", strings(""), "resources", strings("*"), "verbs", strings("*")));
        PolicySubject cr = planned("kubernetes_manifest.cr",
                manifest("rbac.authorization.k8s.io/v1", "ClusterRole", rules));
        assertEquals(List.of("ClusterRole \"kubernetes_manifest.cr\" grants verbs [\"*\"] on resources [\"*\"] in "
                + "API groups [\"\"]"), check(all, cr));
        Value nonResource = tuple(obj("nonResourceURLs", strings("*"), "verbs", strings("get")));
        PolicySubject nr = planned("kubernetes_manifest.nr",
                manifest("rbac.authorization.k8s.io/v1", "ClusterRole", nonResource));
        assertEquals(List.of(), check(any, nr), "a * in nonResourceURLs only is outside the rule");
        // a CRD that reuses the kind name in another group is not an RBAC role
        PolicySubject crd = planned("kubernetes_manifest.crd", manifest("example.com/v1", "Role", rules));
        assertEquals(List.of(), check(all, crd));
        // a manifest whose kind is not known yet is skipped
        PolicySubject unknownKind = planned("kubernetes_manifest.u", obj("manifest", obj("apiVersion",
                "rbac.authorization.k8s.io/v1", "kind", Value.unknown(Type.STRING), "rules", rules)));
        assertEquals(List.of(), check(all, unknownKind));
    }

    @Test
    void liveAndUnmanagedSubjectsAreJudgedAlike() {
        Value v = role(rule(set(""), set("*"), set("*")));
        assertEquals(1, check(all, live("kubernetes_role_v1.ops", v)).size());
        assertEquals(List.of("Role \"Role team-a/manual\" grants verbs [\"*\"] on resources [\"*\"] in API groups "
                + "[\"\"]"), check(all, unmanaged("Role team-a/manual", "kubernetes_role_v1", v)));
    }

    @Test
    void otherTypesAreIgnored() {
        Value v = role(rule(set(""), set("*"), set("*")));
        assertEquals(List.of(), check(all, planned("kubernetes_role_binding_v1.x", v)));
        assertEquals(List.of(), check(all, planned("databricks_cluster.x", v)));
    }
}
