package dev.lockstep.planner.policy.rules;

import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import dev.lockstep.planner.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A built-in rule that judges each subject of a type it knows on its own, with one violation per
 * object naming everything wrong with it.
 */
abstract class ObjectRule extends RuleBase {

    ObjectRule(Info info) {
        super(info);
    }

    @Override
    public final List<Violation> check(List<PolicySubject> subjects, RuleSettings settings) {
        List<Violation> out = new ArrayList<>();
        for (PolicySubject s : subjects) {
            if (s.value() != null && resourceTypes().contains(s.type())) {
                String message = message(s, settings);
                if (message != null) {
                    out.add(new Violation(s, message));
                }
            }
        }
        return out;
    }

    /** What is wrong with one subject of a type the rule knows, or null when nothing (or nothing certain) is. */
    abstract String message(PolicySubject subject, RuleSettings settings);
}
