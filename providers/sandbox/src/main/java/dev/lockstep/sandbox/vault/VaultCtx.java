package dev.lockstep.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the Vault API classes share: state, settings, randomness and Vault's response envelope. */
final class VaultCtx {
    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    final VaultState state;
    final VaultSettings settings;
    private final SecureRandom random = new SecureRandom();

    /** A request path below {@code /v1/} split into its KV mount, operation and secret path. */
    record KvPath(String mountPath, VaultState.Mount mount, String op, String secretPath) {}

    VaultCtx(VaultState state, VaultSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    Instant now() {
        return settings.clock().instant();
    }

    /** RFC 3339 with nanoseconds, as Vault prints times. */
    String timestamp() {
        return now().toString();
    }

    String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUM.charAt(random.nextInt(ALPHANUM.length())));
        }
        return sb.toString();
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Vault's response envelope around {@code data} (may be null). */
    ObjectNode envelope(JsonNode data) {
        ObjectNode o = Json.object();
        o.put("request_id", uuid());
        o.put("lease_id", "");
        o.put("renewable", false);
        o.put("lease_duration", 0);
        o.set("data", data == null ? Json.object().nullNode() : data);
        o.putNull("wrap_info");
        o.putNull("warnings");
        o.putNull("auth");
        return o;
    }

    /** The JSON request body; malformed JSON is a 400 as Vault answers it. */
    static ObjectNode body(ApiRequest req) {
        return req.jsonObject(m -> VaultErrors.badRequest("failed to parse JSON input: " + m));
    }

    /** Splits {@code team/kv/data/app/db} by the longest KV mount that prefixes it. */
    Optional<KvPath> resolve(String path) {
        String best = null;
        for (Map.Entry<String, VaultState.Mount> m : state.mounts.entrySet()) {
            if ((path + "/").startsWith(m.getKey()) && (best == null || m.getKey().length() > best.length())) {
                best = m.getKey();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = path.length() > best.length() ? path.substring(best.length()) : "";
        int slash = rest.indexOf('/');
        String op = slash < 0 ? rest : rest.substring(0, slash);
        String secret = slash < 0 ? "" : rest.substring(slash + 1);
        while (secret.endsWith("/")) {
            secret = secret.substring(0, secret.length() - 1);
        }
        return Optional.of(new KvPath(best, state.mounts.get(best), op, secret));
    }
}
