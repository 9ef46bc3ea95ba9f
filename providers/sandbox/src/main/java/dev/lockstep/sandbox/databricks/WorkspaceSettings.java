package dev.lockstep.sandbox.databricks;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one emulated workspace: the bootstrap admin and its token, extra bootstrap tokens,
 * cluster lifecycle timings, the workspace id, and the clock (tests may drive time by hand).
 * Mutable and fluent; read once when the emulator is built.
 */
public final class WorkspaceSettings {
    /** The token the bootstrap admin authenticates with unless another is configured. */
    public static final String DEFAULT_ADMIN_TOKEN = "dapi-sandbox-admin";

    private String adminUserName = "admin@sandbox.lockstep.dev";
    private String adminDisplayName = "Sandbox Admin";
    private final Map<String, String> bootstrapTokens = new LinkedHashMap<>(Map.of(DEFAULT_ADMIN_TOKEN, "admin@sandbox.lockstep.dev"));
    private Duration clusterStartDelay = Duration.ofSeconds(1);
    private Duration clusterRestartDelay = Duration.ofSeconds(1);
    private Duration clusterTerminateDelay = Duration.ofMillis(500);
    private String workspaceId = "1234567890123456";
    private Clock clock = Clock.systemUTC();

    /** User name (email) of the bootstrap workspace admin; also re-points the default token. */
    public WorkspaceSettings adminUserName(String userName) {
        bootstrapTokens.replaceAll((t, u) -> u.equalsIgnoreCase(adminUserName) ? userName : u);
        this.adminUserName = Objects.requireNonNull(userName);
        return this;
    }

    /** Display name of the bootstrap admin. */
    public WorkspaceSettings adminDisplayName(String displayName) {
        this.adminDisplayName = Objects.requireNonNull(displayName);
        return this;
    }

    /** Replaces the bootstrap admin's token (default {@value #DEFAULT_ADMIN_TOKEN}). */
    public WorkspaceSettings adminToken(String token) {
        bootstrapTokens.values().removeIf(u -> u.equalsIgnoreCase(adminUserName));
        bootstrapTokens.put(Objects.requireNonNull(token), adminUserName);
        return this;
    }

    /** Accepts {@code token} as a bearer token of an existing (SCIM) user, matched by user name. */
    public WorkspaceSettings bootstrapToken(String token, String userName) {
        bootstrapTokens.put(Objects.requireNonNull(token), Objects.requireNonNull(userName));
        return this;
    }

    /** How long a starting cluster stays PENDING before RUNNING. */
    public WorkspaceSettings clusterStartDelay(Duration d) {
        this.clusterStartDelay = Objects.requireNonNull(d);
        return this;
    }

    /** How long a restarting (or edited running) cluster stays RESTARTING. */
    public WorkspaceSettings clusterRestartDelay(Duration d) {
        this.clusterRestartDelay = Objects.requireNonNull(d);
        return this;
    }

    /** How long a terminating cluster stays TERMINATING before TERMINATED. */
    public WorkspaceSettings clusterTerminateDelay(Duration d) {
        this.clusterTerminateDelay = Objects.requireNonNull(d);
        return this;
    }

    /** All three cluster transitions at once (e.g. {@code Duration.ZERO} for instant clusters). */
    public WorkspaceSettings clusterTransitions(Duration d) {
        return clusterStartDelay(d).clusterRestartDelay(d).clusterTerminateDelay(d);
    }

    /** The numeric workspace id announced by {@code /.well-known/databricks-config}. */
    public WorkspaceSettings workspaceId(String id) {
        this.workspaceId = Objects.requireNonNull(id);
        return this;
    }

    /** Wall clock for timestamps and lifecycle transitions. */
    public WorkspaceSettings clock(Clock c) {
        this.clock = Objects.requireNonNull(c);
        return this;
    }

    String adminUserName() {
        return adminUserName;
    }

    String adminDisplayName() {
        return adminDisplayName;
    }

    Map<String, String> bootstrapTokens() {
        return Map.copyOf(bootstrapTokens);
    }

    Duration clusterStartDelay() {
        return clusterStartDelay;
    }

    Duration clusterRestartDelay() {
        return clusterRestartDelay;
    }

    Duration clusterTerminateDelay() {
        return clusterTerminateDelay;
    }

    String workspaceId() {
        return workspaceId;
    }

    Clock clock() {
        return clock;
    }
}
