package dev.lockstep.api.provider;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import java.util.List;

/**
 * Reads the live state of many objects of one type in one call, so a provider can answer with one
 * LIST per namespace or page instead of one GET per object.
 */
public interface ResourceReader {

    /** One object to read: its address, its id (null when a create was interrupted), its last known state. */
    record ReadObject(ResourceAddress address, String id, Value prior) {
    }

    /** The live state of one object; {@code current} is null when the object no longer exists. */
    record ReadResult(ResourceAddress address, String id, Value current) {
    }

    /** Results (one per object read, in any order) and problems. */
    record ReadResponse(List<ReadResult> results, Diagnostics diagnostics) {
    }

    /**
     * Reads every given object. For an object with a null id the provider looks it up by its
     * natural key in {@code prior} (its name, or lockstep's address label/tag) and returns it
     * with its id if it exists, so an interrupted create is adopted rather than duplicated.
     */
    ReadResponse read(List<ReadObject> objects);
}
