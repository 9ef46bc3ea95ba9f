package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code databricks-users-can-manage}: a {@code databricks_permissions} granting one of
 * {@code levels} (default CAN_MANAGE) to the group {@code users}, which holds every workspace user.
 */
public final class UsersCanManageRule extends ObjectRule {

    public static final String ID = "databricks-users-can-manage";

    public UsersCanManageRule() {
        super(new Info(ID, "Every workspace user can manage the object",
                "The users group holds every workspace user; CAN_MANAGE lets each of them change the object's "
                        + "permissions, edit or delete it.",
                "Grant CAN_MANAGE to the owning team's group or a service principal; give users at most the "
                        + "level they need to run or view.",
                Enforcement.MANDATORY, List.of("databricks_permissions"),
                List.of(strings("levels", "Permission levels the users group must not hold.", "CAN_MANAGE"))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        List<String> levels = new ArrayList<>();
        for (String l : settings.strings("levels")) {
            levels.add(l.toUpperCase(Locale.ROOT));
        }
        List<String> bad = new ArrayList<>();
        for (AccessControl ac : AccessControl.of(subject.value())) {
            if (ac.principalKind().equals("group") && "users".equals(ValueReader.text(ac.principal()))
                    && levels.contains(ac.levelText())) {
                bad.add(ac.shown());
            }
        }
        if (bad.isEmpty()) {
            return null;
        }
        return "Permissions " + GoQuote.quote(subject.address()) + " grant " + String.join(", ", bad)
                + " (every workspace user)";
    }
}
