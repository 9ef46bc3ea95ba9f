package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.List;
import java.util.Locale;

/**
 * {@code databricks-secret-scope-users-manage}: a {@code databricks_secret_acl} granting MANAGE to
 * the group {@code users}, or a {@code databricks_secret_scope} created with
 * {@code initial_manage_principal = "users"} (which grants the same).
 */
public final class SecretScopeUsersManageRule extends ObjectRule {

    public static final String ID = "databricks-secret-scope-users-manage";

    public SecretScopeUsersManageRule() {
        super(new Info(ID, "Every workspace user can manage a secret scope",
                "MANAGE on a scope lets every workspace user read and overwrite its secrets and grant access to "
                        + "anyone.",
                "Leave initial_manage_principal unset and grant MANAGE to the owning group, READ to the groups "
                        + "or service principals that use the secrets.",
                Enforcement.ADVISORY, List.of("databricks_secret_acl", "databricks_secret_scope"), List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        String label = GoQuote.quote(subject.address());
        if (subject.type().equals("databricks_secret_scope")) {
            if ("users".equals(ValueReader.text(ValueReader.get(subject.value(), "initial_manage_principal")))) {
                return "Secret scope " + label + " gives MANAGE to group \"users\" (initial_manage_principal)";
            }
            return null;
        }
        String principal = ValueReader.text(ValueReader.get(subject.value(), "principal"));
        String permission = ValueReader.text(ValueReader.get(subject.value(), "permission"));
        if ("users".equals(principal) && permission != null
                && permission.toUpperCase(Locale.ROOT).equals("MANAGE")) {
            return "Secret ACL " + label + " grants MANAGE on scope "
                    + ValueReader.show(ValueReader.get(subject.value(), "scope")) + " to group \"users\"";
        }
        return null;
    }
}
