package dev.lockstep.api.provider;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;

/**
 * One create, update or delete.
 *
 * @param address the instance's address (providers label objects with it)
 * @param id the object's id (null for a create)
 * @param prior the recorded state before the change (null for a create)
 * @param planned the planned new state (null for a delete); known values are what the user asked for
 * @param config the configuration value as written (null for a delete)
 */
public record ApplyRequest(ResourceAddress address, String id, Value prior, Value planned, Value config) {
}
