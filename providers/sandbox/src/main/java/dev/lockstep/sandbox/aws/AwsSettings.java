package dev.lockstep.sandbox.aws;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one emulated AWS account: its id, the access keys it accepts with their secret keys,
 * whether SigV4 signatures are recomputed and checked (default yes) or only their shape, and the
 * clock (signatures older or newer than 5 minutes are refused).
 */
public final class AwsSettings {
    /** Access key id of the sandbox's dummy credentials. */
    public static final String DEFAULT_ACCESS_KEY = "AKIASANDBOXLOCKSTEP1";
    /** Secret access key of the sandbox's dummy credentials. */
    public static final String DEFAULT_SECRET_KEY = "sandbox-secret-access-key";

    private String accountId = "123456789012";
    private final Map<String, String> credentials = new LinkedHashMap<>(Map.of(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY));
    private boolean verifySignatures = true;
    private Clock clock = Clock.systemUTC();

    /** The 12-digit account id used in ARNs. */
    public AwsSettings accountId(String id) {
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits: " + id);
        }
        this.accountId = id;
        return this;
    }

    /** Accepts another access key with its secret key. */
    public AwsSettings credentials(String accessKeyId, String secretAccessKey) {
        credentials.put(Objects.requireNonNull(accessKeyId), Objects.requireNonNull(secretAccessKey));
        return this;
    }

    /**
     * With {@code false}, any access key is accepted and only the header's shape and time are
     * checked (for clients whose keys are not known in advance). Default {@code true}.
     */
    public AwsSettings verifySignatures(boolean verify) {
        this.verifySignatures = verify;
        return this;
    }

    /** The clock for timestamps and the signature time check. */
    public AwsSettings clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    String accountId() {
        return accountId;
    }

    /** The accepted access keys with their secret keys (read-only). */
    public Map<String, String> credentials() {
        return java.util.Collections.unmodifiableMap(credentials);
    }

    /** Whether signatures are recomputed and checked. */
    public boolean verifySignatures() {
        return verifySignatures;
    }

    /** The clock of timestamps and of the signature time check. */
    public Clock clock() {
        return clock;
    }
}
