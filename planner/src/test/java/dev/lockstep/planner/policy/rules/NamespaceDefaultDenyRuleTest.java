package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.blocks;
import static dev.lockstep.planner.policy.rules.TestValues.check;
import static dev.lockstep.planner.policy.rules.TestValues.checkWith;
import static dev.lockstep.planner.policy.rules.TestValues.list;
import static dev.lockstep.planner.policy.rules.TestValues.live;
import static dev.lockstep.planner.policy.rules.TestValues.map;
import static dev.lockstep.planner.policy.rules.TestValues.metadata;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.planned;
import static dev.lockstep.planner.policy.rules.TestValues.strings;
import static dev.lockstep.planner.policy.rules.TestValues.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k8s-namespace-default-deny: namespaces against the network policies among the subjects. */
class NamespaceDefaultDenyRuleTest {

    private final NamespaceDefaultDenyRule rule = new NamespaceDefaultDenyRule();

    private static PolicySubject namespace(String address, String name) {
        return planned(address, obj("metadata", metadata(name, null)));
    }

    private static Value selector(Value labels) {
        return blocks(obj("match_expressions", Value.emptyList(Type.DYNAMIC), "match_labels", labels));
    }

    private static PolicySubject policy(String address, String namespace, Value selector, Value types) {
        return planned(address, obj("metadata", metadata("deny", namespace),
                "spec", blocks(obj("pod_selector", selector, "policy_types", types))));
    }

    private static final Value NO_LABELS = Value.nullOf(Type.map(Type.STRING));

    @Test
    void namespaceWithoutPolicyIsReported() {
        assertEquals(List.of("Namespace \"kubernetes_namespace_v1.team_a\" (namespace \"team-a\") has no "
                + "NetworkPolicy with an empty pod selector and policy type Ingress"),
                check(rule, namespace("kubernetes_namespace_v1.team_a", "team-a")));
    }

    @Test
    void defaultDenyInTheNamespaceSatisfiesIt() {
        PolicySubject ns = namespace("kubernetes_namespace.team_a", "team-a");
        assertEquals(List.of(), check(rule, ns,
                policy("kubernetes_network_policy_v1.deny", "team-a", selector(NO_LABELS), list("Ingress"))));
        assertEquals(List.of(), check(rule, ns,
                policy("kubernetes_network_policy.deny", "team-a", selector(map()), list("Ingress", "Egress"))));
    }

    @Test
    void policiesThatAreNoDefaultDenyDoNotCount() {
        PolicySubject ns = namespace("kubernetes_namespace_v1.team_a", "team-a");
        PolicySubject elsewhere = policy("kubernetes_network_policy_v1.a", "team-b", selector(NO_LABELS),
                list("Ingress"));
        PolicySubject selective = policy("kubernetes_network_policy_v1.b", "team-a", selector(map("app", "web")),
                list("Ingress"));
        PolicySubject egressOnly = policy("kubernetes_network_policy_v1.c", "team-a", selector(NO_LABELS),
                list("Egress"));
        assertEquals(1, check(rule, ns, elsewhere, selective, egressOnly).size());
    }

    @Test
    void unknownsCountInTheNamespacesFavour() {
        PolicySubject ns = namespace("kubernetes_namespace_v1.team_a", "team-a");
        PolicySubject unknownNs = planned("kubernetes_network_policy_v1.a", obj("metadata",
                blocks(obj("name", "deny", "namespace", Value.unknown(Type.STRING))),
                "spec", blocks(obj("pod_selector", selector(NO_LABELS), "policy_types", list("Ingress")))));
        assertEquals(List.of(), check(rule, ns, unknownNs));
        PolicySubject unknownSelector = policy("kubernetes_network_policy_v1.b", "team-a",
                selector(Value.unknown(Type.map(Type.STRING))), list("Ingress"));
        assertEquals(List.of(), check(rule, ns, unknownSelector));
        PolicySubject unknownTypes = policy("kubernetes_network_policy_v1.c", "team-a", selector(NO_LABELS),
                Value.unknown(Type.list(Type.STRING)));
        assertEquals(List.of(), check(rule, ns, unknownTypes));
        // a namespace whose name is not known yet is not judged
        PolicySubject unknownName = planned("kubernetes_namespace_v1.gen", obj("metadata",
                blocks(obj("generate_name", "tmp-", "name", Value.unknown(Type.STRING)))));
        assertEquals(List.of(), check(rule, unknownName));
    }

    @Test
    void policyWithoutNamespaceIsInDefault() {
        PolicySubject ns = namespace("kubernetes_namespace_v1.d", "default");
        PolicySubject p = policy("kubernetes_network_policy_v1.deny", null, selector(NO_LABELS), list("Ingress"));
        // default is exempt by default; without the exemption the policy in "default" satisfies it
        assertEquals(List.of(), check(rule, ns));
        assertEquals(1, checkWith(rule, List.of(ns), "exempt_namespaces", list()).size());
        assertEquals(List.of(), checkWith(rule, List.of(ns, p), "exempt_namespaces", list()));
    }

    @Test
    void exemptNamespacesParameter() {
        PolicySubject ns = namespace("kubernetes_namespace_v1.sys", "kube-system");
        assertEquals(List.of(), check(rule, ns));
        PolicySubject team = namespace("kubernetes_namespace_v1.t", "team-a");
        assertEquals(List.of(), checkWith(rule, List.of(team), "exempt_namespaces", list("team-a")));
    }

    @Test
    void manifestNamespaceAndPolicy() {
        PolicySubject ns = planned("kubernetes_manifest.ns", obj("manifest", obj("apiVersion", "v1", "kind",
                "Namespace", "metadata", obj("name", "team-a"))));
        assertEquals(1, check(rule, ns).size());
        // policyTypes unset means Ingress; podSelector {} selects every pod
        PolicySubject p = planned("kubernetes_manifest.deny", obj("manifest", obj("apiVersion",
                "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata", obj("name", "deny", "namespace", "team-a"),
                "spec", obj("podSelector", Value.EMPTY_OBJECT))));
        assertEquals(List.of(), check(rule, ns, p));
        PolicySubject egress = planned("kubernetes_manifest.eg", obj("manifest", obj("apiVersion",
                "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata", obj("name", "eg", "namespace", "team-a"),
                "spec", obj("podSelector", Value.EMPTY_OBJECT, "policyTypes", strings("Egress")))));
        assertEquals(1, check(rule, ns, egress).size());
        PolicySubject labelled = planned("kubernetes_manifest.l", obj("manifest", obj("apiVersion",
                "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata", obj("name", "l", "namespace", "team-a"),
                "spec", obj("podSelector", obj("matchLabels", obj("app", "web")), "policyTypes",
                        tuple(Value.string("Ingress"))))));
        assertEquals(1, check(rule, ns, labelled).size());
    }

    @Test
    void liveNamespaceWithPlannedPolicy() {
        PolicySubject ns = live("kubernetes_namespace_v1.team_a", obj("metadata", metadata("team-a", null)));
        PolicySubject p = policy("kubernetes_network_policy_v1.deny", "team-a", selector(NO_LABELS), list("Ingress"));
        assertEquals(List.of(), check(rule, ns, p));
        assertEquals(1, check(rule, ns).size());
    }

    @Test
    void sensitiveNamespaceNameIsNotShown() {
        PolicySubject ns = planned("kubernetes_namespace_v1.s", obj("metadata",
                blocks(obj("name", Value.string("hidden-team").markSensitive()))));
        List<String> m = check(rule, ns);
        assertEquals(List.of("Namespace \"kubernetes_namespace_v1.s\" (namespace (sensitive value)) has no "
                + "NetworkPolicy with an empty pod selector and policy type Ingress"), m);
    }
}
