package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.List;
import java.util.Map;

/** The parts of a kind's behaviour that the schema alone does not describe. Every method has a neutral default. */
public interface KindHooks {

    /** The full value of a live object; {@code prior} (the recorded state, maybe null) can guide the split of fields. */
    default Value decode(Kind k, Map<String, Object> json, Value prior) {
        return k.codec().decode(k.schema(), json);
    }

    /** The desired object body (without apiVersion, kind and lockstep's label and annotation). */
    default Map<String, Object> encode(Kind k, Value v) {
        return k.codec().encode(k.schema(), v);
    }

    /**
     * Fills defaults the server would otherwise fill (so plan and refresh agree) and normalises
     * values the server stores in another form. All values are unmarked; {@code prior} may be null.
     */
    default Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        return planned;
    }

    /** Adds paths whose change cannot be applied in place beyond the schema's force-new fields. */
    default void replacePaths(Value prior, Value planned, List<AttributePath> out) {
    }

    /** Waits, after a create, until the object is usable, as the configuration asks; bounded. */
    default void afterCreate(Waits waits, Kind k, Value planned, Map<String, Object> created, Diagnostics diags) {
    }
}
