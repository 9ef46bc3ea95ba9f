package dev.lockstep.planner.ops;

import dev.lockstep.planner.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A plan.
 *
 * @param options the plan's mode, targets, replacements and parallelism
 * @param variables where variable values come from
 * @param lockTimeout how long to wait for the state lock (a plan holds it while it reads)
 * @param out where to save the plan for {@code apply FILE} (relative to the configuration directory), or null
 */
public record PlanRequest(PlanOptions options, VariableInputs variables, Duration lockTimeout, Path out) {
}
