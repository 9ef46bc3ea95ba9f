package dev.lockstep.planner.plan;

import dev.lockstep.api.value.Value;

/** A planned change of a root output: before (null when new) and after (null when removed). */
public record OutputChange(String name, Action action, Value before, Value after, boolean sensitive) {
}
