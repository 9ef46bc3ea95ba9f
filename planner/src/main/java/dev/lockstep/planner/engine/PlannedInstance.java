package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.scope.Expansion;
import dev.lockstep.state.ResourceInstance;

/**
 * What the applier needs about one planned instance beyond the plan's value record: where its
 * configuration came from (to evaluate it again with final values), its schema, and its record.
 *
 * @param change the planned change
 * @param config the resource's configuration, or null for an instance no longer configured
 * @param instance the count/for_each binding, or null
 * @param schema the resource schema
 * @param recorded the state record before the plan, or null
 * @param configValue the decoded configuration value at plan time (may hold unknowns), or null
 */
public record PlannedInstance(ResourceChange change, ResourceConfig config, Expansion.Instance instance,
        ResourceSchema schema, ResourceInstance recorded, Value configValue) {

    public ResourceAddress address() {
        return change.address();
    }
}
