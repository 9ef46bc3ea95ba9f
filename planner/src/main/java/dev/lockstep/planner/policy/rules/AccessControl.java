package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@code access_control} entry of {@code databricks_permissions}: one principal (user, group or
 * service principal) and its permission level.
 *
 * @param principalKind {@code user}, {@code group} or {@code service principal} (for messages)
 * @param principal the principal's name value
 * @param level the permission level value
 */
record AccessControl(String principalKind, Value principal, Value level) {

    /** The entries of a {@code databricks_permissions} value, those with a known principal and level. */
    static List<AccessControl> of(Value permissions) {
        List<AccessControl> out = new ArrayList<>();
        for (Value e : ValueReader.items(ValueReader.get(permissions, "access_control"))) {
            Value level = ValueReader.get(e, "permission_level");
            for (String[] kind : new String[][] {{"user_name", "user"}, {"group_name", "group"},
                    {"service_principal_name", "service principal"}}) {
                Value name = ValueReader.get(e, kind[0]);
                if (ValueReader.text(name) != null && ValueReader.text(level) != null) {
                    out.add(new AccessControl(kind[1], name, level));
                }
            }
        }
        return out;
    }

    /** The level in upper case (the provider upper-cases it too). */
    String levelText() {
        return ValueReader.text(level).toUpperCase(Locale.ROOT);
    }

    /** {@code CAN_MANAGE to group "users"}. */
    String shown() {
        String lv = level.containsSensitive() ? ValueReader.SENSITIVE : levelText();
        return lv + " to " + principalKind + " " + ValueReader.show(principal);
    }
}
