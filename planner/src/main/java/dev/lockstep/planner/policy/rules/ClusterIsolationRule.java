package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.List;

/**
 * {@code databricks-cluster-no-isolation}: a {@code databricks_cluster} whose
 * {@code data_security_mode} is one of {@code modes} (default {@code NONE}, "No isolation
 * shared"). Unset or unknown is not reported.
 */
public final class ClusterIsolationRule extends ObjectRule {

    public static final String ID = "databricks-cluster-no-isolation";

    public ClusterIsolationRule() {
        super(new Info(ID, "Cluster shares without isolation",
                "On a no-isolation shared cluster every user runs as the same identity: each can read the "
                        + "others' data and credentials, and Unity Catalog is unavailable.",
                "Set data_security_mode to USER_ISOLATION (standard) for shared clusters or SINGLE_USER "
                        + "(dedicated) with single_user_name.",
                Enforcement.ADVISORY, List.of("databricks_cluster"),
                List.of(strings("modes", "data_security_mode values reported.", "NONE"))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        Value mode = ValueReader.get(subject.value(), "data_security_mode");
        String text = ValueReader.text(mode);
        if (text == null || !settings.strings("modes").contains(text)) {
            return null;
        }
        return "Cluster " + GoQuote.quote(subject.address()) + " has data_security_mode " + ValueReader.show(mode)
                + ", which does not isolate its users";
    }
}
