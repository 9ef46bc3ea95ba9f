package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import dev.lockstep.planner.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code k8s-namespace-default-deny}: a namespace without a NetworkPolicy among the subjects that
 * selects every pod (empty pod selector) for Ingress. Unknowns count in the namespace's favour: a
 * policy whose namespace, selector or types are not known yet may be its default deny.
 */
public final class NamespaceDefaultDenyRule extends RuleBase {

    public static final String ID = "k8s-namespace-default-deny";
    private static final Set<String> NAMESPACE = Set.of("Namespace");
    private static final Set<String> NETWORK_POLICY = Set.of("NetworkPolicy");

    public NamespaceDefaultDenyRule() {
        super(new Info(ID, "Namespace has no default-deny ingress policy",
                "Without a NetworkPolicy selecting every pod for Ingress, any pod in the cluster can reach every "
                        + "pod of the namespace; allow rules only restrict the pods they select.",
                "Add a NetworkPolicy to the namespace with an empty pod_selector and policy_types = "
                        + "[\"Ingress\"], then allow the traffic the pods need.",
                Enforcement.ADVISORY, kubernetesTypes(true, "kubernetes_namespace", "kubernetes_network_policy"),
                List.of(strings("exempt_namespaces", "Namespaces not checked.", "kube-system", "kube-public",
                        "kube-node-lease", "default"))));
    }

    /** A NetworkPolicy as this rule sees it. */
    private record Policy(Value namespace, Tri defaultDenyIngress) {
    }

    @Override
    public List<Violation> check(List<PolicySubject> subjects, RuleSettings settings) {
        List<Policy> policies = new ArrayList<>();
        for (PolicySubject s : subjects) {
            KubeObject np = KubeObject.of(s, NETWORK_POLICY);
            if (np != null) {
                Value ns = np.namespace();
                if (ValueReader.absent(ns) || "".equals(ValueReader.text(ns))) {
                    ns = Value.string("default");
                }
                policies.add(new Policy(ns, selectsAll(np).and(coversIngress(np))));
            }
        }
        List<String> exempt = settings.strings("exempt_namespaces");
        List<Violation> out = new ArrayList<>();
        for (PolicySubject s : subjects) {
            KubeObject ns = KubeObject.of(s, NAMESPACE);
            String name = ns == null ? null : ValueReader.text(ns.name());
            if (name == null || exempt.contains(name)) {
                continue;
            }
            boolean mayHave = false;
            for (Policy p : policies) {
                if (ValueReader.is(p.namespace(), name).possible() && p.defaultDenyIngress().possible()) {
                    mayHave = true;
                    break;
                }
            }
            if (!mayHave) {
                out.add(new Violation(s, ns.label() + " (namespace " + ValueReader.show(ns.name())
                        + ") has no NetworkPolicy with an empty pod selector and policy type Ingress"));
            }
        }
        return out;
    }

    /** Whether the policy's pod selector is empty (an absent selector selects every pod too). */
    private static Tri selectsAll(KubeObject np) {
        Value spec = np.spec();
        if (ValueReader.unknown(spec)) {
            return Tri.UNKNOWN;
        }
        Value selector = np.block(spec, "pod_selector", "podSelector");
        if (ValueReader.unknown(selector)) {
            return Tri.UNKNOWN;
        }
        Value labels = np.field(selector, "match_labels", "matchLabels");
        Value expressions = np.field(selector, "match_expressions", "matchExpressions");
        if (ValueReader.unknown(labels) || ValueReader.unknown(expressions)) {
            return Tri.UNKNOWN;
        }
        return Tri.of(ValueReader.empty(labels) && ValueReader.empty(expressions));
    }

    /** Whether the policy's types include Ingress; unset types mean Ingress (the API's default). */
    private static Tri coversIngress(KubeObject np) {
        Value spec = np.spec();
        if (ValueReader.unknown(spec)) {
            return Tri.UNKNOWN;
        }
        Value types = np.field(spec, "policy_types", "policyTypes");
        return ValueReader.absent(types) ? Tri.YES : ValueReader.contains(types, "Ingress");
    }
}
