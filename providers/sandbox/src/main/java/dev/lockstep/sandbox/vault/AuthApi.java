package dev.lockstep.sandbox.vault;

import static dev.lockstep.sandbox.vault.VaultErrors.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import dev.lockstep.sandbox.vault.VaultState.AppRole;
import dev.lockstep.sandbox.vault.VaultState.KubernetesRole;
import dev.lockstep.sandbox.vault.VaultState.ServiceAccount;
import dev.lockstep.sandbox.vault.VaultState.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Auth methods: Kubernetes ({@code auth/kubernetes/login}: role + service-account JWT, checked
 * against the JWTs registered with the emulator, as Vault's TokenReview call would), AppRole
 * ({@code auth/approle/login}: role_id + secret_id) and the token method (create, lookup-self,
 * renew-self, revoke-self, revoke, revoke-accessor). Revoking a token revokes its children.
 */
final class AuthApi {
    /** The authenticated caller: the token's hash and record. */
    record Caller(String hash, Token token) {}

    private final VaultCtx ctx;

    AuthApi(VaultCtx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", "/v1/auth/kubernetes/login", this::kubernetesLogin, true);
        r.add("PUT", "/v1/auth/kubernetes/login", this::kubernetesLogin, true);
        r.add("POST", "/v1/auth/approle/login", this::appRoleLogin, true);
        r.add("PUT", "/v1/auth/approle/login", this::appRoleLogin, true);
        r.add("GET", "/v1/auth/token/lookup-self", this::lookupSelf);
        r.add("POST", "/v1/auth/token/create", this::create);
        r.add("POST", "/v1/auth/token/renew-self", this::renewSelf);
        r.add("POST", "/v1/auth/token/revoke-self", req -> {
            revoke(req.principal(Caller.class).hash());
            return ApiResponse.noContent(204);
        });
        r.add("POST", "/v1/auth/token/revoke", this::revokeOther);
        r.add("POST", "/v1/auth/token/revoke-accessor", this::revokeAccessor);
    }

    /** Resolves a token value to a live token, dropping it if it has expired. */
    Optional<Caller> lookup(String value) {
        String hash = VaultCtx.sha256(value);
        Token t = ctx.state.tokens.get(hash);
        if (t == null) {
            return Optional.empty();
        }
        if (t.expireTime > 0 && ctx.now().getEpochSecond() >= t.expireTime) {
            revoke(hash);
            return Optional.empty();
        }
        return Optional.of(new Caller(hash, t));
    }

    /** Issues a token and returns its value. */
    String issue(List<String> policies, Duration ttl, String path, String displayName, Map<String, String> meta,
            String parent) {
        String value = "hvs." + ctx.randomString(24);
        Token t = new Token();
        t.accessor = ctx.randomString(24);
        TreeSet<String> p = new TreeSet<>(policies);
        if (!p.contains("root")) {
            p.add("default");
        }
        t.policies = new ArrayList<>(p);
        t.path = path;
        t.displayName = displayName;
        t.meta.putAll(meta);
        t.creationTime = ctx.now().getEpochSecond();
        t.ttl = ttl.toSeconds();
        t.expireTime = t.ttl > 0 ? t.creationTime + t.ttl : 0;
        t.renewable = t.ttl > 0;
        t.orphan = parent == null;
        t.parent = parent;
        ctx.state.tokens.put(VaultCtx.sha256(value), t);
        return value;
    }

    /** Revokes a token (by hash) and, recursively, every token it created. */
    void revoke(String hash) {
        if (ctx.state.tokens.remove(hash) == null) {
            return;
        }
        List<String> children = new ArrayList<>();
        ctx.state.tokens.forEach((h, t) -> {
            if (hash.equals(t.parent)) {
                children.add(h);
            }
        });
        children.forEach(this::revoke);
    }

    private ObjectNode authResponse(String value) {
        Token t = ctx.state.tokens.get(VaultCtx.sha256(value));
        ObjectNode auth = Json.object();
        auth.put("client_token", value);
        auth.put("accessor", t.accessor);
        var policies = auth.putArray("policies");
        t.policies.forEach(policies::add);
        auth.set("token_policies", policies.deepCopy());
        auth.set("metadata", t.meta.isEmpty() ? Json.object().nullNode() : Json.MAPPER.valueToTree(t.meta));
        auth.put("lease_duration", t.ttl);
        auth.put("renewable", t.renewable);
        auth.put("entity_id", "");
        auth.put("token_type", "service");
        auth.put("orphan", t.orphan);
        auth.putNull("mfa_requirement");
        auth.put("num_uses", 0);
        ObjectNode envelope = ctx.envelope(null);
        envelope.set("auth", auth);
        return envelope;
    }

    private Duration ttl(long roleTtlSeconds) {
        return roleTtlSeconds > 0 ? Duration.ofSeconds(roleTtlSeconds) : ctx.settings.defaultTokenTtl();
    }

    private ApiResponse kubernetesLogin(ApiRequest req) {
        ObjectNode body = VaultCtx.body(req);
        String roleName = body.path("role").asText("");
        String jwt = body.path("jwt").asText("");
        if (roleName.isEmpty()) {
            throw badRequest("missing role");
        }
        if (jwt.isEmpty()) {
            throw badRequest("missing jwt");
        }
        KubernetesRole role = ctx.state.kubernetesRoles.get(roleName);
        if (role == null) {
            throw badRequest("invalid role name \"" + roleName + "\"");
        }
        ServiceAccount sa = ctx.state.serviceAccountJwts.get(VaultCtx.sha256(jwt));
        if (sa == null) {
            throw VaultErrors.permissionDenied();
        }
        if (!bound(role.boundServiceAccountNames, sa.name)) {
            throw VaultErrors.error(403, "service account name not authorized");
        }
        if (!bound(role.boundServiceAccountNamespaces, sa.namespace)) {
            throw VaultErrors.error(403, "namespace not authorized");
        }
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("role", roleName);
        meta.put("service_account_name", sa.name);
        meta.put("service_account_namespace", sa.namespace);
        meta.put("service_account_secret_name", "");
        meta.put("service_account_uid", sa.uid);
        String token = issue(role.policies, ttl(role.ttl), "auth/kubernetes/login",
                "kubernetes-" + sa.namespace + "-" + sa.name, meta, null);
        return ApiResponse.ok(authResponse(token));
    }

    private static boolean bound(List<String> allowed, String value) {
        return allowed.contains("*") || allowed.contains(value);
    }

    private ApiResponse appRoleLogin(ApiRequest req) {
        ObjectNode body = VaultCtx.body(req);
        String roleId = body.path("role_id").asText("");
        String secretId = body.path("secret_id").asText("");
        if (roleId.isEmpty()) {
            throw badRequest("missing role_id");
        }
        Map.Entry<String, AppRole> role = ctx.state.appRoles.entrySet().stream()
                .filter(e -> e.getValue().roleId.equals(roleId))
                .findFirst()
                .orElseThrow(() -> badRequest("invalid role or secret ID"));
        if (secretId.isEmpty() || !role.getValue().secretIdHashes.contains(VaultCtx.sha256(secretId))) {
            throw badRequest("invalid role or secret ID");
        }
        String token = issue(role.getValue().policies, ttl(role.getValue().ttl), "auth/approle/login",
                "approle", Map.of("role_name", role.getKey()), null);
        return ApiResponse.ok(authResponse(token));
    }

    private ApiResponse lookupSelf(ApiRequest req) {
        Caller c = req.principal(Caller.class);
        Token t = c.token();
        String value = VaultEmulator.tokenOf(req).orElseThrow();
        ObjectNode d = Json.object();
        d.put("accessor", t.accessor);
        d.put("creation_time", t.creationTime);
        d.put("creation_ttl", t.ttl);
        d.put("display_name", t.displayName);
        d.put("entity_id", "");
        if (t.expireTime > 0) {
            d.put("expire_time", java.time.Instant.ofEpochSecond(t.expireTime).toString());
        } else {
            d.putNull("expire_time");
        }
        d.put("explicit_max_ttl", 0);
        d.put("id", value);
        d.put("issue_time", java.time.Instant.ofEpochSecond(t.creationTime).toString());
        d.set("meta", t.meta.isEmpty() ? Json.object().nullNode() : Json.MAPPER.valueToTree(t.meta));
        d.put("num_uses", 0);
        d.put("orphan", t.orphan);
        d.put("path", t.path);
        var policies = d.putArray("policies");
        t.policies.forEach(policies::add);
        d.put("renewable", t.renewable);
        d.put("ttl", t.expireTime > 0 ? Math.max(0, t.expireTime - ctx.now().getEpochSecond()) : 0);
        d.put("type", "service");
        return ApiResponse.ok(ctx.envelope(d));
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = VaultCtx.body(req);
        Caller c = req.principal(Caller.class);
        List<String> policies = new ArrayList<>();
        body.path("policies").forEach(p -> policies.add(p.asText()));
        if (policies.isEmpty()) {
            policies.addAll(c.token().policies);
        } else if (!c.token().policies.contains("root") && !c.token().policies.containsAll(policies)) {
            throw badRequest("child policies must be subset of parent");
        }
        Duration ttl = body.has("ttl") ? parseDuration(body.get("ttl")) : ctx.settings.defaultTokenTtl();
        if (policies.contains("root") && !body.has("ttl")) {
            ttl = Duration.ZERO;
        }
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        body.path("meta").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        boolean orphan = body.path("no_parent").asBoolean(false);
        String name = body.path("display_name").asText("");
        String token = issue(policies, ttl, "auth/token/create", name.isEmpty() ? "token" : "token-" + name, meta,
                orphan ? null : c.hash());
        return ApiResponse.ok(authResponse(token));
    }

    /** Vault durations: a number of seconds or a Go duration such as {@code 90s}, {@code 15m}, {@code 1h}. */
    static Duration parseDuration(JsonNode v) {
        if (v.canConvertToLong()) {
            return Duration.ofSeconds(v.asLong());
        }
        String s = v.asText().trim();
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.ofSeconds(Long.parseLong(s));
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw badRequest("invalid duration: " + s);
        }
    }

    private ApiResponse renewSelf(ApiRequest req) {
        Caller c = req.principal(Caller.class);
        Token t = c.token();
        if (!t.renewable) {
            throw badRequest("lease is not renewable");
        }
        JsonNode inc = VaultCtx.body(req).get("increment");
        long seconds = inc == null ? t.ttl : parseDuration(inc).toSeconds();
        t.expireTime = ctx.now().getEpochSecond() + seconds;
        return ApiResponse.ok(authResponse(VaultEmulator.tokenOf(req).orElseThrow()));
    }

    private ApiResponse revokeOther(ApiRequest req) {
        String token = VaultCtx.body(req).path("token").asText("");
        if (token.isEmpty()) {
            throw badRequest("missing token");
        }
        revoke(VaultCtx.sha256(token));
        return ApiResponse.noContent(204);
    }

    private ApiResponse revokeAccessor(ApiRequest req) {
        String accessor = VaultCtx.body(req).path("accessor").asText("");
        String hash = ctx.state.tokens.entrySet().stream()
                .filter(e -> e.getValue().accessor.equals(accessor))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> badRequest("invalid accessor"));
        revoke(hash);
        return ApiResponse.noContent(204);
    }
}
