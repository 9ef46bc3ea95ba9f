package dev.lockstep.state.remote;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.state.backend.StateException;

/**
 * A shared state backend type ({@code backend "kubernetes"}, {@code backend "s3"}), found with
 * {@link java.util.ServiceLoader}. The factory is light (its type and the arguments it takes); the
 * client SDK is loaded only by {@link #open}, for the one backend a configuration names.
 */
public interface BackendFactory {

    /** The label of the {@code backend} block: {@code kubernetes}, {@code s3}. */
    String type();

    /**
     * The arguments of the {@code backend} block this type takes, with Terraform's names where
     * Terraform's backend of the same type has them. The common ones ({@code snapshots},
     * {@code lock_duration}) are added by the caller and must not be declared here.
     */
    BlockSchema schema();

    /**
     * The sandbox system whose emulator stands in for this backend's store with {@code --sandbox}
     * (its overrides reach {@link #open} as {@link BackendConfig#sandbox()}): the type by default.
     */
    default String sandboxSystem() {
        return type();
    }

    /**
     * Checks the arguments without connecting (names, pairs that go together, values the store would
     * refuse), when the settings are read, so that a mistake is reported at the block's position
     * before any command runs. A message starting with an argument's name is placed at that argument.
     *
     * @param settings the decoded block, as {@link #open} gets it
     * @param environment the process environment (for arguments that default from it)
     */
    default void check(dev.lockstep.api.value.Value settings, java.util.Map<String, String> environment)
            throws StateException {
    }

    /**
     * Connects to the store the arguments name. Problems (no credentials, a missing bucket or
     * namespace, an unreachable endpoint) are a {@link StateException} whose message says what
     * was tried and how to fix it; nothing is written by opening.
     */
    RemoteStore open(BackendConfig config) throws StateException;
}
