package dev.lockstep.planner.policy.rules;

import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code k8s-rbac-wildcard}: a Role or ClusterRole rule with {@code *} in verbs, resources or API
 * groups, except the rules {@code k8s-rbac-wildcard-all} already reports.
 */
public final class RbacWildcardRule extends ObjectRule {

    public static final String ID = "k8s-rbac-wildcard";

    public RbacWildcardRule() {
        super(new Info(ID, "Role uses a wildcard",
                "A \"*\" grants what exists today and every verb, resource or API group added later (CRDs "
                        + "included), so the role silently grows.",
                "Replace \"*\" with the explicit verbs, resources and API groups the role needs.",
                Enforcement.ADVISORY, kubernetesTypes(true, "kubernetes_role", "kubernetes_cluster_role"),
                List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject role = KubeObject.of(subject, RbacWildcardAllRule.KINDS);
        if (role == null) {
            return null;
        }
        List<RbacPolicyRule> bad = new ArrayList<>();
        for (RbacPolicyRule r : RbacPolicyRule.of(role)) {
            if (r.anyWildcard() == Tri.YES && r.allWildcard() != Tri.YES) {
                bad.add(r);
            }
        }
        return RbacPolicyRule.grants(role, bad);
    }
}
