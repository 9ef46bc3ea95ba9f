package dev.lockstep.planner.plan;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One planned change to one resource instance (a value record, as in Terraform's plans).
 *
 * @param address the instance
 * @param provider the provider configuration key that manages it ({@code kubernetes}, {@code kubernetes.east})
 * @param action what will happen
 * @param reason why, where the action alone does not say
 * @param before the current value (null for a create); may carry sensitive marks
 * @param after the planned value (null for a delete); may hold unknowns and sensitive marks
 * @param replacePaths the attributes that force a replacement
 * @param changedPaths the attributes whose planned value differs from the current one (secret
 *     attributes compared by keyed hash), empty for creates and deletes
 * @param beforeSecrets keyed hashes of sensitive values in {@code before} whose values are not known
 *     (read from state without refresh), by path
 * @param notes consequences the provider wants shown ("the running cluster will restart")
 * @param dependencies the resources (configuration addresses) this one depends on
 */
public record ResourceChange(ResourceAddress address, String provider, Action action, ActionReason reason,
        Value before, Value after, List<AttributePath> replacePaths, List<AttributePath> changedPaths,
        Map<AttributePath, String> beforeSecrets,
        List<String> notes, List<String> dependencies) {

    public ResourceChange {
        replacePaths = List.copyOf(replacePaths);
        changedPaths = List.copyOf(changedPaths);
        beforeSecrets = Map.copyOf(beforeSecrets);
        notes = List.copyOf(notes);
        dependencies = List.copyOf(dependencies);
    }

    public ResourceChange withAction(Action a, ActionReason r) {
        return new ResourceChange(address, provider, a, r, before, after, replacePaths, changedPaths, beforeSecrets,
                notes, dependencies);
    }
}
