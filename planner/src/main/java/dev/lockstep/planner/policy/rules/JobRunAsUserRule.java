package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.List;

/**
 * {@code databricks-job-run-as-user}: a {@code databricks_job} whose {@code run_as} names a
 * {@code user_name}. A job without {@code run_as} runs as its owner, whom the configuration does
 * not name: it is not reported (never guessed), unless the value read from the workspace, which
 * lockstep keeps when none is configured, names a user.
 */
public final class JobRunAsUserRule extends ObjectRule {

    public static final String ID = "databricks-job-run-as-user";

    public JobRunAsUserRule() {
        super(new Info(ID, "Job runs as a user",
                "A job running as a person uses that person's access and breaks, or keeps their access alive, "
                        + "when they leave.",
                "Set run_as { service_principal_name = ... } to a service principal that holds exactly the "
                        + "access the job needs.",
                Enforcement.ADVISORY, List.of("databricks_job"), List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        Value user = ValueReader.get(ValueReader.block(subject.value(), "run_as"), "user_name");
        String name = ValueReader.text(user);
        if (name == null || name.isEmpty()) {
            return null;
        }
        return "Job " + GoQuote.quote(subject.address()) + " runs as user " + ValueReader.show(user);
    }
}
