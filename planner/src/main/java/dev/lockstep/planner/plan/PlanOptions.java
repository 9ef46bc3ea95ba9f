package dev.lockstep.planner.plan;

import dev.lockstep.api.addr.ResourceAddress;
import java.util.List;

/**
 * The knobs of a plan.
 *
 * @param mode normal, destroy or refresh-only
 * @param refresh whether to read live objects first ({@code --refresh=false} uses the state as is)
 * @param targets {@code --target} addresses; an address without a key targets every instance
 * @param replace {@code --replace} addresses: instances to replace even if unchanged
 * @param parallelism how many provider calls may run at once
 */
public record PlanOptions(PlanMode mode, boolean refresh, List<ResourceAddress> targets, List<ResourceAddress> replace,
        int parallelism) {

    public PlanOptions {
        targets = List.copyOf(targets);
        replace = List.copyOf(replace);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    public static PlanOptions defaults() {
        return new PlanOptions(PlanMode.NORMAL, true, List.of(), List.of(), 10);
    }
}
