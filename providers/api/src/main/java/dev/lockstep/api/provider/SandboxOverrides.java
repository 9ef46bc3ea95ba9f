package dev.lockstep.api.provider;

import java.util.Map;

/**
 * In sandbox mode, the endpoint and credentials each provider uses instead of its own settings
 * (the emulator for that provider starts on first use); closing stops the emulators.
 */
public interface SandboxOverrides extends AutoCloseable {

    /** Not in sandbox mode: no overrides. */
    SandboxOverrides NONE = provider -> Map.of();

    /** The overrides for one provider, empty when the sandbox does not stand in for it. */
    Map<String, String> forProvider(String provider);

    @Override
    default void close() {
    }
}
