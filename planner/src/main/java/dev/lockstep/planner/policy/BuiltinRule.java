package dev.lockstep.planner.policy;

import java.util.List;

/**
 * A guardrail lockstep ships (docs/policies.md): a stable id, a default enforcement, a one-line
 * rationale and fix, the parameters a configuration can change, and the check itself. A check
 * sees every subject of the evaluation at once (a namespace's default-deny policy is another
 * subject) and must ignore the types it does not know.
 */
public interface BuiltinRule {

    /** The stable id ({@code k8s-role-wildcard}), used in {@code policy} and {@code waiver} blocks. */
    String id();

    /** The short title ("Role grants wildcard access"). */
    String title();

    /** Why the rule exists, one line. */
    String rationale();

    /** How to fix a violation, one line. */
    String fix();

    /** Enforcement when the configuration does not change it. */
    Enforcement defaultEnforcement();

    /** The resource types the rule looks at (for docs and {@code policy list}). */
    List<String> resourceTypes();

    /** The settings a configuration can change, in display order. */
    List<RuleParameter> parameters();

    /** The subjects that break the rule, in the order of {@code subjects}. */
    List<Violation> check(List<PolicySubject> subjects, RuleSettings settings);
}
