package dev.lockstep.planner.ops;

import dev.lockstep.planner.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An apply or a destroy.
 *
 * @param command the command's name for the state history and the audit log ({@code apply}, {@code destroy})
 * @param options the plan's options; ignored when {@code planFile} is given (the saved plan's are used)
 * @param planFile a saved plan to apply exactly (relative to the configuration directory), or null
 * @param variables where variable values come from; with a saved plan, a {@code --var} or
 *     {@code --var-file} value must agree with the plan's
 * @param lockTimeout how long to wait for the state lock
 * @param autoApprove skip the confirmation (always skipped for a saved plan)
 */
public record ApplyRequest(String command, PlanOptions options, Path planFile, VariableInputs variables,
        Duration lockTimeout, boolean autoApprove) {
}
