package dev.lockstep.planner.policy.rules;

import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code k8s-rbac-wildcard-all}: a Role or ClusterRole rule with {@code *} in verbs and in resources. */
public final class RbacWildcardAllRule extends ObjectRule {

    public static final String ID = "k8s-rbac-wildcard-all";
    static final Set<String> KINDS = Set.of("Role", "ClusterRole");

    public RbacWildcardAllRule() {
        super(new Info(ID, "Role grants every verb on every resource",
                "A rule with \"*\" verbs on \"*\" resources is full control of its scope (cluster-admin for a "
                        + "ClusterRole), including reading every secret and granting itself more.",
                "List the verbs and resources the workload needs; bind the built-in admin, edit or view role "
                        + "when a person needs broad access.",
                Enforcement.MANDATORY, kubernetesTypes(true, "kubernetes_role", "kubernetes_cluster_role"),
                List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject role = KubeObject.of(subject, KINDS);
        if (role == null) {
            return null;
        }
        List<RbacPolicyRule> bad = new ArrayList<>();
        for (RbacPolicyRule r : RbacPolicyRule.of(role)) {
            if (r.allWildcard() == Tri.YES) {
                bad.add(r);
            }
        }
        return RbacPolicyRule.grants(role, bad);
    }
}
