package dev.lockstep.planner.policy.rules;

/** The answer to a question about a value that may hold unknowns: yes, no, or not before apply. */
enum Tri {
    YES,
    NO,
    UNKNOWN;

    static Tri of(boolean b) {
        return b ? YES : NO;
    }

    /** Whether the answer could still turn out to be yes. */
    boolean possible() {
        return this != NO;
    }

    Tri and(Tri other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == YES && other == YES ? YES : UNKNOWN;
    }
}
