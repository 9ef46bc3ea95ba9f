package dev.lockstep.api.provider;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;

/** Brings an existing object under management from its id ({@code namespace/name}, a cluster id...). */
public interface ResourceImporter {

    /** The imported object's state and canonical id, or diagnostics (an id that matches nothing). */
    record ImportResponse(String id, Value state, Diagnostics diagnostics) {
    }

    ImportResponse importObject(String id);
}
