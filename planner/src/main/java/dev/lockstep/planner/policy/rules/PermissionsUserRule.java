package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code databricks-permissions-user}: a {@code databricks_permissions} entry with
 * {@code user_name}, or a {@code databricks_secret_acl} whose principal looks like a user (contains
 * {@code @}), unless the user is in {@code allowed_users}.
 */
public final class PermissionsUserRule extends ObjectRule {

    public static final String ID = "databricks-permissions-user";

    public PermissionsUserRule() {
        super(new Info(ID, "Permission granted to an individual user",
                "Access granted to a person by name outlives their role change or departure and has to be "
                        + "found and removed object by object.",
                "Grant the permission to a group (or a service principal for automation) and manage "
                        + "membership in the identity provider.",
                Enforcement.ADVISORY, List.of("databricks_permissions", "databricks_secret_acl"),
                List.of(strings("allowed_users", "User names that may be granted permissions directly."))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        List<String> allowed = settings.strings("allowed_users");
        String label = GoQuote.quote(subject.address());
        if (subject.type().equals("databricks_secret_acl")) {
            Value principal = ValueReader.get(subject.value(), "principal");
            String p = ValueReader.text(principal);
            if (p == null || !p.contains("@") || allowed.contains(p)) {
                return null;
            }
            return "Secret ACL " + label + " grants " + permission(subject.value()) + " on scope "
                    + ValueReader.show(ValueReader.get(subject.value(), "scope")) + " to user "
                    + ValueReader.show(principal);
        }
        List<String> bad = new ArrayList<>();
        for (AccessControl ac : AccessControl.of(subject.value())) {
            if (ac.principalKind().equals("user") && !allowed.contains(ValueReader.text(ac.principal()))) {
                bad.add(ac.shown());
            }
        }
        return bad.isEmpty() ? null : "Permissions " + label + " grant " + String.join(", ", bad);
    }

    /** A secret ACL's permission for a message (upper case, as the provider writes it). */
    static String permission(Value acl) {
        Value p = ValueReader.get(acl, "permission");
        String text = ValueReader.text(p);
        if (text == null || p.containsSensitive()) {
            return ValueReader.show(p);
        }
        return text.toUpperCase(java.util.Locale.ROOT);
    }
}
