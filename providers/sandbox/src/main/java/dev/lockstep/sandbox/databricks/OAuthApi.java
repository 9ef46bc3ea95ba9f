package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * OAuth machine-to-machine authentication for service principals: the workspace's OIDC discovery
 * document ({@code /oidc/.well-known/oauth-authorization-server}) and its token endpoint
 * ({@code POST /oidc/v1/token}, client credentials in a Basic header, {@code
 * grant_type=client_credentials}), issuing bearer tokens valid for an hour. Client secrets are
 * minted with {@link DatabricksEmulator#oauthSecret}; secrets and issued tokens live in memory only
 * (an emulator choice: they are not part of the saved state).
 */
final class OAuthApi {
    private static final long LIFETIME_SECONDS = 3600;

    private final Ctx ctx;
    private final Supplier<URI> base;
    /** SHA-256 of each client secret, by client id (application id). */
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** Access token to (service principal id, expiry in epoch millis). */
    private final Map<String, Object[]> tokens = new ConcurrentHashMap<>();

    OAuthApi(Ctx ctx, Supplier<URI> base) {
        this.ctx = ctx;
        this.base = base;
    }

    void register(Router r) {
        r.add("GET", "/oidc/.well-known/oauth-authorization-server", req -> discovery(), true);
        r.add("POST", "/oidc/v1/token", this::token, true);
    }

    private ApiResponse discovery() {
        String b = base.get().toString().replaceAll("/$", "");
        ObjectNode o = Json.object();
        o.put("issuer", b + "/oidc");
        o.put("authorization_endpoint", b + "/oidc/v1/authorize");
        o.put("token_endpoint", b + "/oidc/v1/token");
        o.putArray("grant_types_supported").add("client_credentials");
        return ApiResponse.ok(o);
    }

    /** Mints a client secret for an existing service principal (by application id). */
    String mintSecret(String applicationId) {
        ctx.principals.servicePrincipalByAppId(applicationId)
                .orElseThrow(() -> new IllegalArgumentException("no such service principal: " + applicationId));
        String secret = "dose" + ctx.randomAlnum(32);
        secrets.put(applicationId.toLowerCase(java.util.Locale.ROOT), sha256(secret));
        return secret;
    }

    private ApiResponse token(ApiRequest req) {
        String header = req.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw oauthError(401, "invalid_client", "Client authentication failed");
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String clientId = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        Map<String, String> form = form(new String(req.body(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw oauthError(400, "unsupported_grant_type", "Only client_credentials is supported");
        }
        String expected = secrets.get(clientId.toLowerCase(java.util.Locale.ROOT));
        Optional<String> spId = ctx.principals.servicePrincipalByAppId(clientId).map(n -> n.path("id").asText());
        if (expected == null || !expected.equals(sha256(secret)) || spId.isEmpty()) {
            throw oauthError(401, "invalid_client", "Client authentication failed");
        }
        String access = "eyJ" + ctx.randomAlnum(40);
        tokens.put(access, new Object[] {spId.get(), ctx.now() + LIFETIME_SECONDS * 1000});
        ObjectNode o = Json.object();
        o.put("access_token", access);
        o.put("token_type", "Bearer");
        o.put("expires_in", LIFETIME_SECONDS);
        o.put("scope", form.getOrDefault("scope", "all-apis"));
        return ApiResponse.ok(o);
    }

    /** The caller of an OAuth access token, if it is one this emulator issued and it has not expired. */
    Optional<Caller> lookup(String token) {
        Object[] t = tokens.get(token);
        if (t == null || (Long) t[1] < ctx.now()) {
            return Optional.empty();
        }
        return ctx.principals.caller((String) t[0]);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static HttpError oauthError(int status, String code, String description) {
        ObjectNode o = Json.object();
        o.put("error", code);
        o.put("error_description", description);
        return new HttpError(status, o);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
