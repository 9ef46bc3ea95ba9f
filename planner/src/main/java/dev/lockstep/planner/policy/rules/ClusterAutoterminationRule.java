package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code databricks-cluster-autotermination}: a {@code databricks_cluster} whose
 * {@code autotermination_minutes} is 0 (never) or above {@code max_minutes}. Unset or unknown is
 * not reported (the workspace decides).
 */
public final class ClusterAutoterminationRule extends ObjectRule {

    public static final String ID = "databricks-cluster-autotermination";

    public ClusterAutoterminationRule() {
        super(new Info(ID, "Cluster does not terminate when idle",
                "An all-purpose cluster that never or only late terminates keeps its VMs and DBUs billed while "
                        + "nobody uses it.",
                "Set autotermination_minutes between 1 and the limit (default 120).",
                Enforcement.ADVISORY, List.of("databricks_cluster"),
                List.of(number("max_minutes", "Largest autotermination_minutes allowed.", 120))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        Value v = ValueReader.get(subject.value(), "autotermination_minutes");
        if (!v.isKnown() || v.isNull() || v.unmarkDeep().type() != Type.NUMBER) {
            return null;
        }
        String label = "Cluster " + GoQuote.quote(subject.address());
        BigDecimal minutes = v.unmarkDeep().asNumber();
        if (minutes.signum() == 0) {
            return label + " never terminates (autotermination_minutes = 0)";
        }
        BigDecimal max = settings.number("max_minutes");
        if (max != null && minutes.compareTo(max) > 0) {
            return label + " terminates after " + ValueReader.show(v) + " idle minutes, above the limit of "
                    + Value.formatNumber(max);
        }
        return null;
    }
}
