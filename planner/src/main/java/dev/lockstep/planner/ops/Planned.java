package dev.lockstep.planner.ops;

import dev.lockstep.planner.plan.Plan;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plan made.
 *
 * @param plan the plan
 * @param requestCounts the requests each provider sent while planning, by endpoint (providers that count)
 * @param savedTo where the plan file was written, or null
 */
public record Planned(Plan plan, Map<String, Map<String, Long>> requestCounts, Path savedTo) {
}
