package dev.lockstep.api.provider;

/**
 * Choices the user made for one run of lockstep that providers must honour, passed to them as
 * typed settings (never through environment variables or system properties the user did not set).
 *
 * @param allowLockout whether a plan may remove lockstep's own right to manage an object (for
 *     example its CAN_MANAGE entry on a Databricks ACL); {@code --allow-lockout}
 */
public record RunSettings(boolean allowLockout) {

    /** Nothing chosen: every guard on. */
    public static final RunSettings DEFAULTS = new RunSettings(false);
}
