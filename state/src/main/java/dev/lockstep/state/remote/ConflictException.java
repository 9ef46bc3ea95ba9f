package dev.lockstep.state.remote;

import dev.lockstep.state.backend.StateException;

/**
 * A compare-and-swap lost: the record changed (or appeared, or vanished) since it was read
 * (Kubernetes 409 Conflict, S3 412 Precondition Failed or 409 ConditionalRequestConflict).
 */
public final class ConflictException extends StateException {

    public ConflictException(String message) {
        super(message);
    }
}
