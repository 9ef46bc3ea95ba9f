package dev.lockstep.sandbox.vault;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one emulated Vault: the root token, the KV version 2 mounts a new sandbox starts
 * with, the default TTL of tokens issued by logins, and the clock (tests may drive time by hand).
 * Mutable and fluent; read once when the emulator is built.
 */
public final class VaultSettings {
    /** The root token unless another is configured (what {@code vault server -dev} prints as "root"). */
    public static final String DEFAULT_ROOT_TOKEN = "root";

    private String rootToken = DEFAULT_ROOT_TOKEN;
    private final Set<String> initialMounts = new LinkedHashSet<>(Set.of("secret/"));
    private Duration defaultTokenTtl = Duration.ofHours(768);
    private Clock clock = Clock.systemUTC();

    /** The root token (never expires; re-created at every start if it was revoked). */
    public VaultSettings rootToken(String token) {
        this.rootToken = Objects.requireNonNull(token);
        return this;
    }

    /** Adds a KV version 2 mount that a brand-new sandbox starts with (default: {@code secret/}). */
    public VaultSettings mount(String path) {
        initialMounts.add(VaultEmulator.normalizeMount(path));
        return this;
    }

    /** Starts a brand-new sandbox without any KV mount. */
    public VaultSettings noDefaultMounts() {
        initialMounts.clear();
        return this;
    }

    /** TTL of tokens issued by logins and token creation when the role sets none (default 768h). */
    public VaultSettings defaultTokenTtl(Duration ttl) {
        this.defaultTokenTtl = Objects.requireNonNull(ttl);
        return this;
    }

    /** The clock used for timestamps and token expiry. */
    public VaultSettings clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    String rootToken() {
        return rootToken;
    }

    Set<String> initialMounts() {
        return initialMounts;
    }

    Duration defaultTokenTtl() {
        return defaultTokenTtl;
    }

    Clock clock() {
        return clock;
    }
}
