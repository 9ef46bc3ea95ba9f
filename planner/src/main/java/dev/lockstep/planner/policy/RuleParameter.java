package dev.lockstep.planner.policy;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;

/**
 * A setting of a built-in rule that a configuration can change in the rule's {@code policy} block
 * ({@code max_minutes = 60}, {@code allowed_subjects = ["Group:platform-admins"]}).
 *
 * @param name the argument name
 * @param type its type (string, number, bool, list of string)
 * @param defaultValue the value when the configuration does not set it
 * @param description one line for {@code policy list} and docs/policies.md
 */
public record RuleParameter(String name, Type type, Value defaultValue, String description) {
}
