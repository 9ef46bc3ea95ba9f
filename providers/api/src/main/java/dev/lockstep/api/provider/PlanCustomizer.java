package dev.lockstep.api.provider;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.List;

/**
 * Lets a provider shape the plan of one of its objects: normalise values the system will store
 * differently, decide which attributes it owns (so server defaults never diff), mark attributes
 * that force replacement, fill computed values, and add notes (such as "the running cluster will
 * restart").
 */
public interface PlanCustomizer {

    /**
     * @param address the instance
     * @param prior the refreshed current state, or null when creating
     * @param proposed the engine's proposal: configuration values where set, prior values for
     *     computed attributes not set, unknowns for computed attributes of a new object
     * @param config the configuration value as written
     */
    record PlanRequest(ResourceAddress address, Value prior, Value proposed, Value config) {
    }

    /**
     * @param planned the planned new state
     * @param requiresReplace paths whose change cannot be applied in place
     * @param notes human-readable consequences to show in the plan
     * @param expired the object has outlived an age the configuration sets (a token past its
     *     {@code rotate_after}) and is replaced although nothing changed; {@code requiresReplace}
     *     then names only that setting, and the plan's reason is {@code replace_because_expired}
     */
    record PlanResponse(Value planned, List<AttributePath> requiresReplace, List<String> notes,
            Diagnostics diagnostics, boolean expired) {

        /** A response without expiry. */
        public PlanResponse(Value planned, List<AttributePath> requiresReplace, List<String> notes,
                Diagnostics diagnostics) {
            this(planned, requiresReplace, notes, diagnostics, false);
        }
    }

    PlanResponse plan(PlanRequest request);
}
