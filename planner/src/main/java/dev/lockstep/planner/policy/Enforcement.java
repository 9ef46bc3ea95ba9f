package dev.lockstep.planner.policy;

import java.util.Locale;

/** What a policy's violation does: block the plan and apply (exit 3), be reported only, or nothing. */
public enum Enforcement {
    /** A violation blocks: the plan is not saved, nothing is applied, the command exits 3. */
    MANDATORY,
    /** A violation is reported and changes nothing else. */
    ADVISORY,
    /** The policy is not evaluated. */
    DISABLED;

    /** The word used in configurations and output: {@code mandatory}, {@code advisory}, {@code disabled}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The enforcement a configuration word names, or null. */
    public static Enforcement of(String word) {
        for (Enforcement e : values()) {
            if (e.word().equals(word)) {
                return e;
            }
        }
        return null;
    }
}
