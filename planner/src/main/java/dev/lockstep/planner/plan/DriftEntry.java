package dev.lockstep.planner.plan;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.List;

/**
 * A change made outside lockstep, found by refresh: an object whose attributes differ from what
 * lockstep recorded, or that was deleted.
 *
 * @param address the instance
 * @param deleted true when the object no longer exists
 * @param before the recorded value
 * @param after the live value (null when deleted)
 * @param changedPaths the attributes that differ
 */
public record DriftEntry(ResourceAddress address, boolean deleted, Value before, Value after,
        List<AttributePath> changedPaths) {

    public DriftEntry {
        changedPaths = List.copyOf(changedPaths);
    }
}
