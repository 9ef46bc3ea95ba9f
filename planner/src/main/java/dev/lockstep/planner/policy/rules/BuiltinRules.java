package dev.lockstep.planner.policy.rules;

import dev.lockstep.planner.policy.BuiltinRule;
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
