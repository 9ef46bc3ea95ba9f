package dev.lockstep.planner.policy;

/**
 * One object breaking one rule.
 *
 * @param subject the object
 * @param message what is wrong with it, naming the object and the offending setting (never a
 *     sensitive value)
 */
public record Violation(PolicySubject subject, String message) {
}
