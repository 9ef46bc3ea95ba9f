package dev.lockstep.provider.databricks.client;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.CredentialsProvider;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.PatCredentialsProvider;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.oauth.OAuthM2MServicePrincipalCredentialsProvider;
import com.databricks.sdk.core.retry.NoRetryStrategyPicker;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.core.utils.Timer;
import com.databricks.sdk.service.compute.ClusterPoliciesAPI;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.InstancePoolsAPI;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.PermissionsAPI;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import com.databricks.sdk.service.iam.UsersAPI;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.settings.TokenManagementAPI;
import com.databricks.sdk.service.settings.TokensAPI;
import com.databricks.sdk.service.workspace.SecretsAPI;
import com.databricks.sdk.service.workspace.WorkspaceAPI;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.toolkit.RequestCounts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One connection to a workspace: the SDK's {@link ApiClient} built without discovery requests
 * (explicit HTTP client, no {@code resolve()}), the SDK service classes on top of it, the shared
 * rate limiter and request counter, the identity lockstep acts as, and the eventual-consistency
 * helpers. Thread-safe.
 */
public final class DatabricksClient {

    private final ClientSettings settings;
    private final Sleeper sleeper;
    private final ProviderLog log;
    private final RequestCounts counter = new RequestCounts();
    private final ObjectMapper mapper = SerDeUtils.createMapper();
    private final Scrubber scrubber;
    private final Map<String, Long> recent = new ConcurrentHashMap<>();
    private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();
    private final ApiClient api;
    private volatile Identity identity;

    public final ClustersAPI clusters;
    public final ClusterPoliciesAPI policies;
    public final InstancePoolsAPI pools;
    public final JobsAPI jobs;
    public final PermissionsAPI permissions;
    public final GroupsAPI groups;
    public final UsersAPI users;
    public final ServicePrincipalsAPI servicePrincipals;
    public final CurrentUserAPI currentUser;
    public final SecretsAPI secrets;
    public final WorkspaceAPI workspace;
    public final TokensAPI tokens;
    public final TokenManagementAPI tokenManagement;

    private DatabricksClient(ClientSettings settings, Sleeper sleeper, ProviderLog log) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.log = log;
        this.scrubber = Scrubber.of(settings.token(), settings.clientSecret());
        RateLimiter limiter = new RateLimiter(settings.rateLimit(), sleeper);
        ResilientHttpClient http = new ResilientHttpClient(
                new CommonsHttpClient.Builder().withTimeoutSeconds(settings.httpTimeoutSeconds()).build(), limiter,
                counter, sleeper, settings.retryTimeout(), m -> log.debug("databricks: " + m));
        CredentialsProvider credentials = settings.auth() == ClientSettings.Auth.PAT ? new PatCredentialsProvider()
                : new OAuthM2MServicePrincipalCredentialsProvider();
        DatabricksConfig cfg = new DatabricksConfig()
                .setHost(settings.host())
                .setCredentialsProvider(credentials)
                .setHttpClient(http)
                .setHttpTimeoutSeconds(settings.httpTimeoutSeconds())
                .setDisableRetries(true);
        if (settings.auth() == ClientSettings.Auth.PAT) {
            cfg.setToken(settings.token());
        } else {
            // no background refresh threads: a command is short, and the token is renewed on use
            cfg.setClientId(settings.clientId()).setClientSecret(settings.clientSecret())
                    .setDisableAsyncTokenRefresh(true);
        }
        this.api = new ApiClient.Builder().withDatabricksConfig(cfg).withRetryStrategyPicker(new NoRetryStrategyPicker())
                .withTimer(new SleeperTimer(sleeper)).build();
        this.clusters = new ClustersAPI(api);
        this.policies = new ClusterPoliciesAPI(api);
        this.pools = new InstancePoolsAPI(api);
        this.jobs = new JobsAPI(api);
        this.permissions = new PermissionsAPI(api);
        this.groups = new GroupsAPI(api);
        this.users = new UsersAPI(api);
        this.servicePrincipals = new ServicePrincipalsAPI(api);
        this.currentUser = new CurrentUserAPI(api);
        this.secrets = new SecretsAPI(api);
        this.workspace = new WorkspaceAPI(api);
        this.tokens = new TokensAPI(api);
        this.tokenManagement = new TokenManagementAPI(api);
    }

    /** Builds the client; sends nothing. */
    public static DatabricksClient create(ClientSettings settings, Sleeper sleeper, ProviderLog log) {
        return new DatabricksClient(settings, sleeper, log);
    }

    public ClientSettings settings() {
        return settings;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public ProviderLog log() {
        return log;
    }

    public ApiClient api() {
        return api;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** A scrubber that knows the provider's own credentials. */
    public Scrubber scrubber() {
        return scrubber;
    }

    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    // ------------------------------------------------------------------ identity

    /** The identity lockstep acts as (one {@code Me} request the first time). */
    public Identity identity() {
        Identity i = identity;
        if (i == null) {
            synchronized (this) {
                if (identity == null) {
                    identity = Identity.load(this);
                }
                i = identity;
            }
        }
        return i;
    }

    // ------------------------------------------------------------------ SDK model conversion

    /** An SDK model object as JSON (snake_case, as the REST API spells it). */
    public JsonNode json(Object sdkObject) {
        return mapper.valueToTree(sdkObject);
    }

    /** JSON as an SDK model object. */
    public <T> T model(JsonNode json, Class<T> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot build " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    // ------------------------------------------------------------------ eventual consistency

    /** Records that lockstep just created the object named {@code key} (such as {@code cluster:ID}). */
    public void created(String key) {
        recent.put(key, sleeper.nanoTime());
        seen.remove(key);
    }

    /** Forgets a created object (it was deleted: "does not exist" is now the truth). */
    public void deleted(String key) {
        recent.remove(key);
        seen.remove(key);
    }

    /** Whether the object was created by this process within the consistency timeout. */
    public boolean recentlyCreated(String key) {
        Long t = recent.get(key);
        return t != null && sleeper.nanoTime() - t < settings.consistencyTimeout().toNanos();
    }

    /**
     * Runs a read of an object; when it fails with "does not exist" although this process created
     * the object moments ago and has not yet seen it, retries with backoff until the consistency
     * timeout: a new object can be invisible to reads for a while. Once seen, "does not exist"
     * means what it says.
     */
    public <T> T consistent(String key, Supplier<T> call) {
        if (!recentlyCreated(key) || seen.contains(key)) {
            return call.get();
        }
        T out = untilVisible(key, call);
        seen.add(key);
        return out;
    }

    /**
     * Runs a write that names an object (an ACL change, an edit); "does not exist" is retried as
     * long as the object was created moments ago, seen or not, since other services (the
     * permissions service) may learn about it later than the one that created it.
     */
    public <T> T consistentWrite(String key, Supplier<T> call) {
        return recentlyCreated(key) ? untilVisible(key, call) : call.get();
    }

    /** Like {@link #consistent}, but retries "does not exist" regardless of who created the object. */
    public <T> T untilVisible(String what, Supplier<T> call) {
        long deadline = sleeper.nanoTime() + settings.consistencyTimeout().toNanos();
        long waitMs = 100;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!Errors.isNotFound(e) || sleeper.nanoTime() + waitMs * 1_000_000 > deadline) {
                    throw e;
                }
                log.debug("databricks: " + what + " not visible yet, retrying in " + waitMs + " ms");
                sleeper.sleepUninterruptibly(Duration.ofMillis(waitMs));
                waitMs = Math.min(waitMs * 2, 5000);
            }
        }
    }

    /** The SDK's timer, for any wait the SDK itself still does. */
    private static final class SleeperTimer implements Timer {
        private final Sleeper sleeper;

        SleeperTimer(Sleeper sleeper) {
            this.sleeper = sleeper;
        }

        @Override
        public void sleep(long milliseconds) throws InterruptedException {
            sleeper.sleep(Duration.ofMillis(milliseconds));
        }

        @Override
        public long getCurrentTime() {
            return System.currentTimeMillis();
        }
    }
}
