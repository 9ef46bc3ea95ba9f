package dev.lockstep.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import dev.lockstep.sandbox.vault.VaultState.AppRole;
import dev.lockstep.sandbox.vault.VaultState.KubernetesRole;
import dev.lockstep.sandbox.vault.VaultState.ServiceAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A loopback Vault server with the KV version 2 secrets engine on any number of mounts (nested ones
 * such as {@code team/kv/} included), the Kubernetes, AppRole and token auth methods, and {@code
 * sys/mounts}: the paths, JSON and status codes of Vault's HTTP API, enough for the jopenlibs
 * {@code vault-java-driver} and the {@code vault} CLI to run unchanged against {@link #baseUri()}.
 *
 * <p>Requests authenticate with {@code X-Vault-Token} (or {@code Authorization: Bearer}); a
 * missing, unknown, expired or revoked token gets 403 {@code {"errors":["permission denied"]}}.
 * Every valid token may do everything: policies are carried, not enforced. {@code
 * X-Vault-Namespace} is accepted and ignored. A new sandbox has the mount {@code secret/} and the
 * root token {@link VaultSettings#DEFAULT_ROOT_TOKEN} unless configured otherwise.
 */
public final class VaultEmulator extends EmulatorServer {
    private final VaultSettings settings;
    private final VaultState state = new VaultState();
    private final VaultCtx ctx;
    private final VaultErrors errors = new VaultErrors();
    private final KvApi kv;
    private final AuthApi auth;
    private final SysApi sys;

    /** An emulator with default settings and an in-memory state. */
    public VaultEmulator() {
        this(new VaultSettings(), Options.defaults());
    }

    /** An emulator with the given settings and server options (port, store, ...). */
    public VaultEmulator(VaultSettings settings, Options options) {
        super("vault", options);
        this.settings = settings;
        this.ctx = new VaultCtx(state, settings);
        this.kv = new KvApi(ctx);
        this.auth = new AuthApi(ctx);
        this.sys = new SysApi(ctx);
        auth.register(router);
        sys.register(router);
        for (String method : List.of("GET", "LIST", "POST", "PUT", "PATCH", "DELETE")) {
            router.add(method, "/v1/{path+}", kv::handle);
        }
    }

    /** {@code team/kv} or {@code /team/kv/} → {@code team/kv/}. */
    static String normalizeMount(String path) {
        String p = path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty mount path");
        }
        return p.endsWith("/") ? p : p + "/";
    }

    /** The token a request carries, from {@code X-Vault-Token} or a bearer Authorization header. */
    static Optional<String> tokenOf(ApiRequest req) {
        Optional<String> t = req.header("X-Vault-Token").map(String::trim).filter(s -> !s.isEmpty());
        if (t.isPresent()) {
            return t;
        }
        return req.header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(s -> !s.isEmpty());
    }

    @Override
    protected ErrorRenderer errors() {
        return errors;
    }

    @Override
    protected void authenticate(ApiRequest request) {
        String token = tokenOf(request).orElseThrow(VaultErrors::permissionDenied);
        AuthApi.Caller caller = withStateLock(() -> auth.lookup(token)).orElseThrow(VaultErrors::permissionDenied);
        request.principal(caller);
    }

    /** KV requests are counted as {@code "GET /v1/{mount}/data/{path}"}; LIST and GET ?list=true alike. */
    @Override
    protected String endpointKey(Router.Match match, ApiRequest request) {
        if (!match.route().template().equals("/v1/{path+}")) {
            return match.route().endpoint();
        }
        String method = KvApi.isList(request) ? "LIST" : request.method();
        return withStateLock(() -> ctx.resolve(request.pathParam("path"))
                .map(p -> method + " /v1/{mount}/" + p.op() + (p.secretPath().isEmpty() ? "/" : "/{path}"))
                .orElse(method + " /v1/{path+}"));
    }

    @Override
    protected JsonNode exportState() {
        return Json.MAPPER.valueToTree(state);
    }

    @Override
    protected void importState(JsonNode saved) {
        try {
            Json.MAPPER.readerForUpdating(state).readValue(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read saved Vault sandbox state", e);
        }
        bootstrapRoot();
    }

    @Override
    protected void initState() {
        for (String m : settings.initialMounts()) {
            state.mounts.put(m, sys.newMount());
        }
        state.mounts.values().forEach(m -> m.description = "key/value secret storage");
        bootstrapRoot();
    }

    private void bootstrapRoot() {
        String hash = VaultCtx.sha256(settings.rootToken());
        if (!state.tokens.containsKey(hash)) {
            VaultState.Token root = new VaultState.Token();
            root.accessor = ctx.randomString(24);
            root.policies = new java.util.ArrayList<>(List.of("root"));
            root.path = "auth/token/root";
            root.displayName = "root";
            root.creationTime = ctx.now().getEpochSecond();
            root.orphan = true;
            state.tokens.put(hash, root);
        }
    }

    /** The root token. */
    public String rootToken() {
        return settings.rootToken();
    }

    /** Adds a KV version 2 mount (e.g. {@code team/kv}); a no-op if it exists. */
    public void mount(String path) {
        String p = normalizeMount(path);
        mutate(() -> state.mounts.computeIfAbsent(p, x -> sys.newMount()));
    }

    /**
     * Writes a new version of a KV version 2 secret, as {@code vault kv put} would; returns the new
     * version number. {@code path} names the mount and the secret, e.g. {@code secret/app/db} or
     * {@code team/kv/app} (no {@code data/} segment).
     */
    public int putSecret(String path, Map<String, ?> data) {
        ObjectNode node = Json.MAPPER.valueToTree(data);
        return mutate(() -> {
            String full = normalizeMount(path);
            full = full.substring(0, full.length() - 1);
            VaultCtx.KvPath mountOnly = ctx.resolve(full)
                    .orElseThrow(() -> new IllegalArgumentException("no KV mount for " + path));
            String secretPath = full.substring(mountOnly.mountPath().length());
            if (secretPath.isEmpty()) {
                throw new IllegalArgumentException("no secret path below the mount in " + path);
            }
            return kv.seed(new VaultCtx.KvPath(mountOnly.mountPath(), mountOnly.mount(), "data", secretPath), node);
        });
    }

    /** Issues a token with these policies and TTL (zero = never expires); returns its value. */
    public String createToken(List<String> policies, Duration ttl) {
        return mutate(() -> auth.issue(policies, ttl, "auth/token/create", "token", Map.of(), null));
    }

    /** Revokes a token (and the tokens it created); unknown tokens are ignored. */
    public void revokeToken(String token) {
        mutateVoid(() -> auth.revoke(VaultCtx.sha256(token)));
    }

    /**
     * Registers a Kubernetes auth role: service accounts named in {@code serviceAccountNames} from
     * the namespaces in {@code namespaces} ({@code "*"} = any) get tokens with these policies and
     * TTL (zero = the default TTL).
     */
    public void registerKubernetesRole(String role, List<String> serviceAccountNames, List<String> namespaces,
            List<String> policies, Duration ttl) {
        KubernetesRole r = new KubernetesRole();
        r.boundServiceAccountNames = List.copyOf(serviceAccountNames);
        r.boundServiceAccountNamespaces = List.copyOf(namespaces);
        r.policies = List.copyOf(policies);
        r.ttl = ttl.toSeconds();
        mutate(() -> state.kubernetesRoles.put(Objects.requireNonNull(role), r));
    }

    /**
     * Makes the emulated TokenReview accept {@code jwt} as the token of service account {@code
     * namespace/name}. Any other JWT is refused with 403 at login.
     */
    public void registerServiceAccountJwt(String jwt, String namespace, String name) {
        ServiceAccount sa = new ServiceAccount();
        sa.namespace = Objects.requireNonNull(namespace);
        sa.name = Objects.requireNonNull(name);
        sa.uid = UUID.nameUUIDFromBytes((namespace + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        mutate(() -> state.serviceAccountJwts.put(VaultCtx.sha256(jwt), sa));
    }

    /** Registers an AppRole with one role id and the secret ids that may log in with it. */
    public void registerAppRole(String roleName, String roleId, List<String> secretIds, List<String> policies,
            Duration ttl) {
        AppRole r = new AppRole();
        r.roleId = Objects.requireNonNull(roleId);
        secretIds.forEach(s -> r.secretIdHashes.add(VaultCtx.sha256(s)));
        r.policies = List.copyOf(policies);
        r.ttl = ttl.toSeconds();
        mutate(() -> state.appRoles.put(Objects.requireNonNull(roleName), r));
    }

    private <T> T mutate(java.util.function.Supplier<T> change) {
        return withStateLock(() -> {
            T result = change.get();
            persistNow();
            return result;
        });
    }

    private void mutateVoid(Runnable change) {
        mutate(() -> {
            change.run();
            return null;
        });
    }
}
