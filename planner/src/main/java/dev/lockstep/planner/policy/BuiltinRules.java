package dev.lockstep.planner.policy;

import dev.lockstep.planner.policy.rules.BindingUserSubjectRule;
import dev.lockstep.planner.policy.rules.ClusterAutoterminationRule;
import dev.lockstep.planner.policy.rules.ClusterIsolationRule;
import dev.lockstep.planner.policy.rules.IngressExternalAuthRule;
import dev.lockstep.planner.policy.rules.IngressTlsRule;
import dev.lockstep.planner.policy.rules.IngressWildcardHostRule;
import dev.lockstep.planner.policy.rules.JobRunAsUserRule;
import dev.lockstep.planner.policy.rules.NamespaceDefaultDenyRule;
import dev.lockstep.planner.policy.rules.PermissionsUserRule;
import dev.lockstep.planner.policy.rules.PrivilegedBindingRule;
import dev.lockstep.planner.policy.rules.RbacWildcardAllRule;
import dev.lockstep.planner.policy.rules.RbacWildcardRule;
import dev.lockstep.planner.policy.rules.SecretLiteralRule;
import dev.lockstep.planner.policy.rules.SecretScopeUsersManageRule;
import dev.lockstep.planner.policy.rules.TokenLifetimeRule;
import dev.lockstep.planner.policy.rules.UsersCanManageRule;
import java.util.List;

/** The built-in rules lockstep ships (docs/policies.md, "Built-in rules"), in display order. */
public final class BuiltinRules {

    private static final List<BuiltinRule> ALL = List.of(
            new RbacWildcardAllRule(),
            new RbacWildcardRule(),
            new PrivilegedBindingRule(),
            new BindingUserSubjectRule(),
            new NamespaceDefaultDenyRule(),
            new IngressTlsRule(),
            new IngressWildcardHostRule(),
            new IngressExternalAuthRule(),
            new SecretLiteralRule(),
            new ClusterAutoterminationRule(),
            new ClusterIsolationRule(),
            new UsersCanManageRule(),
            new PermissionsUserRule(),
            new TokenLifetimeRule(),
            new SecretScopeUsersManageRule(),
            new JobRunAsUserRule());

    private BuiltinRules() {
    }

    /** Every built-in rule: Kubernetes first, then Databricks, in a stable order. */
    public static List<BuiltinRule> all() {
        return ALL;
    }

    /** The built-in rule with id {@code id}, or null when there is none. */
    public static BuiltinRule byId(String id) {
        for (BuiltinRule r : ALL) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
