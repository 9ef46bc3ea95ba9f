package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.AclEntry;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A loopback Databricks workspace: the REST paths, JSON, status codes and error bodies of the
 * Clusters 2.1, Cluster policies, Instance pools, Jobs 2.2, Permissions, SCIM, Secrets, Workspace,
 * Tokens and Token management APIs, enough for {@code databricks-sdk-java} to run unchanged
 * against {@link #baseUri()} with a personal access token.
 *
 * <p>A new workspace has the groups {@code admins} and {@code users}, the bootstrap admin user
 * (token {@link WorkspaceSettings#DEFAULT_ADMIN_TOKEN} unless configured), the folders
 * {@code /}, {@code /Users}, {@code /Shared} and the admin's home folder.
 */
public final class DatabricksEmulator extends EmulatorServer {
    private final WorkspaceSettings settings;
    private final DatabricksState state = new DatabricksState();
    private final DatabricksErrors errors = new DatabricksErrors();
    private final Ctx ctx;
    private final TokensApi tokens;
    private final OAuthApi oauth;
    private final java.util.concurrent.atomic.AtomicInteger failAfterCreate = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean outageAfterCreate = new java.util.concurrent.atomic.AtomicBoolean();

    /** An emulator with default settings and an in-memory state. */
    public DatabricksEmulator() {
        this(new WorkspaceSettings(), Options.defaults());
    }

    /** An emulator with the given workspace settings and server options (port, store, ...). */
    public DatabricksEmulator(WorkspaceSettings settings, Options options) {
        super("databricks", options);
        this.settings = settings;
        this.ctx = new Ctx(state, settings, this::hiddenAfterCreate, this::created);
        this.tokens = new TokensApi(ctx);
        router.add("GET", "/.well-known/databricks-config", req -> ApiResponse.ok(hostMetadata()), true);
        new ClustersApi(ctx).register(router);
        new ClusterPoliciesApi(ctx).register(router);
        new InstancePoolsApi(ctx).register(router);
        new JobsApi(ctx).register(router);
        new PermissionsApi(ctx).register(router);
        new ScimApi(ctx).register(router);
        new SecretsApi(ctx).register(router);
        new WorkspaceApi(ctx).register(router);
        tokens.register(router);
        this.oauth = new OAuthApi(ctx, this::baseUri);
        oauth.register(router);
    }

    private void created(String key) {
        recordCreated(key);
        if (outageAfterCreate.getAndSet(false)) {
            faults().serverErrorRate(1.0, 0);
        }
        if (failAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw DatabricksErrors.error(503, "TEMPORARILY_UNAVAILABLE",
                    "The service is temporarily unavailable. (injected after the object was created)");
        }
    }

    /**
     * The next {@code n} requests that create an object (cluster, job, pool, policy, SCIM principal,
     * secret scope, workspace object) take effect and then answer 503, as when a gateway fails after
     * the workspace did the work: the client cannot tell whether the object exists.
     */
    public void failAfterCreate(int n) {
        failAfterCreate.set(n);
    }

    /**
     * The next request that creates an object succeeds, and from then on every request answers 500
     * or 503 (an outage right after the create) until {@code faults().reset()}: the client knows
     * the new object's id but cannot read it back.
     */
    public void outageAfterCreate() {
        outageAfterCreate.set(true);
    }

    private ObjectNode hostMetadata() {
        ObjectNode o = Json.object();
        o.put("workspace_id", settings.workspaceId());
        o.put("cloud", "aws");
        return o;
    }

    @Override
    protected ErrorRenderer errors() {
        return errors;
    }

    @Override
    protected void authenticate(ApiRequest request) {
        String header = request.header("Authorization").orElse("").trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw DatabricksErrors.unauthenticated();
        }
        String token = header.substring(7).trim();
        Caller caller = withStateLock(() -> resolve(token)).orElseThrow(DatabricksErrors::invalidToken);
        request.principal(caller);
    }

    private Optional<Caller> resolve(String token) {
        String userName = settings.bootstrapTokens().get(token);
        if (userName != null) {
            return ctx.principals.userByName(userName).flatMap(u -> ctx.principals.caller(u.path("id").asText()));
        }
        Optional<Caller> pat = TokensApi.lookup(state, token, ctx.now()).flatMap(t -> ctx.principals.caller(t.ownerId));
        return pat.isPresent() ? pat : oauth.lookup(token);
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
            throw new UncheckedIOException("cannot read saved Databricks sandbox state", e);
        }
        bootstrap();
    }

    @Override
    protected void initState() {
        bootstrap();
    }

    private void bootstrap() {
        ctx.principals.bootstrap(settings.adminUserName(), settings.adminDisplayName());
        WorkspaceApi.bootstrap(ctx);
        WorkspaceApi.ensureHome(ctx, settings.adminUserName(), Caller.USER);
        if (!state.acls.containsKey("/authorization/tokens")) {
            ctx.acls.init("/authorization/tokens", List.of(
                    new AclEntry(Caller.GROUP, Principals.ADMINS, "CAN_MANAGE"),
                    new AclEntry(Caller.GROUP, Principals.USERS, "CAN_USE")));
        }
    }

    /** The bearer token of the bootstrap admin. */
    public String adminToken() {
        return settings.bootstrapTokens().entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(settings.adminUserName()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Issues a personal access token for an existing user (by user name) or service principal (by
     * application id), as if that principal had created it; returns the token value. For seeding
     * sandboxes and tests; the token shows up in the token APIs like any other.
     */
    public String issueToken(String principalName, String comment) {
        return withStateLock(() -> {
            String id = ctx.principals.userByName(principalName)
                    .or(() -> ctx.principals.servicePrincipalByAppId(principalName))
                    .map(n -> n.path("id").asText())
                    .orElseThrow(() -> new IllegalArgumentException("no such user or service principal: " + principalName));
            Caller owner = ctx.principals.caller(id)
                    .orElseThrow(() -> new IllegalArgumentException("principal is not active: " + principalName));
            ObjectNode body = Json.object();
            if (comment != null) {
                body.put("comment", comment);
            }
            String value = tokens.issue(owner, owner, body, false).path("token_value").asText();
            persistNow();
            return value;
        });
    }

    /**
     * Mints an OAuth client secret for an existing service principal (by application id), for
     * machine-to-machine authentication through {@code /oidc/v1/token}; returns the secret. Secrets
     * and the access tokens issued for them are kept in memory only.
     */
    public String oauthSecret(String applicationId) {
        return withStateLock(() -> oauth.mintSecret(applicationId));
    }

    /** Number of objects of one kind (e.g. "clusters", "jobs", "users"), for tests and reports. */
    public int count(String kind) {
        return withStateLock(() -> switch (kind.toLowerCase(Locale.ROOT)) {
            case "clusters" -> state.clusters.size();
            case "policies" -> state.policies.size();
            case "pools" -> state.pools.size();
            case "jobs" -> state.jobs.size();
            case "users" -> state.users.size();
            case "groups" -> state.groups.size();
            case "service_principals" -> state.servicePrincipals.size();
            case "scopes" -> state.scopes.size();
            case "workspace" -> state.workspace.size();
            case "tokens" -> state.tokens.size();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        });
    }
}
