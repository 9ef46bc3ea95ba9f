package dev.lockstep.api.provider;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;

/**
 * The result of a create or update: the object's new state and id, or diagnostics. When the call
 * failed after the object was changed, {@code newState} may still be set so that the engine
 * records what exists (marked tainted).
 */
public record ApplyResponse(String id, Value newState, Diagnostics diagnostics) {

    public static ApplyResponse ok(String id, Value newState) {
        return new ApplyResponse(id, newState, new Diagnostics());
    }

    public static ApplyResponse failed(Diagnostics d) {
        return new ApplyResponse(null, null, d);
    }
}
