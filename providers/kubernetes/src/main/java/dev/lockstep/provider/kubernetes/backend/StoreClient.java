package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.provider.kubernetes.client.Connection;
import dev.lockstep.provider.kubernetes.client.RequestCounter;
import dev.lockstep.provider.kubernetes.client.RetryPolicy;
import dev.lockstep.provider.kubernetes.client.RetryingHttpClient;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The backend's fabric8 client, found the way the provider finds its cluster ({@link Connection}:
 * the sandbox overrides, host, kubeconfig files, KUBECONFIG, in-cluster, exec plugins), on the
 * provider's {@link RetryingHttpClient} (429 honouring Retry-After, 5xx and lost connections with
 * bounded back-off) with its {@link RequestCounter}.
 */
final class StoreClient {

    /**
     * How requests are retried and how long one attempt may take.
     *
     * @param retries the retry policy of every request
     * @param requestTimeout how long one attempt waits for its answer before it counts as lost
     */
    record Options(RetryPolicy retries, Duration requestTimeout) {
        /** The provider's defaults (60 s, 5 retries from 500 ms) and 30 s per attempt. */
        static final Options DEFAULT = new Options(RetryPolicy.DEFAULT, Duration.ofSeconds(30));
    }

    private StoreClient() {
    }

    /**
     * A connected client, the request counter on it, the retrier of its calls and where the
     * connection came from.
     */
    record Connected(KubernetesClient client, RequestCounter counter, Retrier retrier, String source) {
    }

    static Connected connect(BackendSettings settings, BackendConfig config, Path serviceAccountDir, Options options)
            throws StateException {
        ProviderLog log = config.log() == null ? ProviderLog.NONE : config.log();
        Connection connection = new Connection(settings.connection(), config.sandbox(), config.environment(),
                serviceAccountDir);
        Connection.Resolved resolved;
        try {
            resolved = settings.inCluster() ? connection.resolveInCluster() : connection.resolve();
        } catch (Connection.ConnectionException e) {
            throw new StateException("backend \"kubernetes\": cannot configure the connection: " + e.getMessage()
                    + ". Tried: " + String.join("; ", connection.tried()) + ".");
        }
        if (resolved == null) {
            throw new StateException("backend \"kubernetes\": no Kubernetes cluster configured. Tried: "
                    + String.join("; ", connection.tried()) + ". Set host (with token or client certificates), "
                    + "config_path or in_cluster_config in the backend block, or point KUBECONFIG at a kubeconfig file.");
        }
        Config cfg = resolved.config();
        if (config.sandbox().isEmpty() && !resolved.source().startsWith("host ")) {
            overrides(cfg, settings.connection());
        }
        cfg.setRequestRetryBackoffLimit(0);
        cfg.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, Math.min(10_000, options.requestTimeout().toMillis())));
        cfg.setRequestTimeout((int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis()));
        RequestCounter counter = new RequestCounter();
        try {
            HttpClient.Builder http = new JdkHttpClientFactory().newBuilder(cfg);
            http.addOrReplaceInterceptor("lockstep-requests", counter);
            // the HTTP client waits out 429s only; server errors and lost answers are retried by the
            // Retrier, so that the store knows when a write may have been applied without an answer
            RetryPolicy throttling = new RetryPolicy(options.retries().timeout(), 0, options.retries().interval());
            KubernetesClient client = new KubernetesClientImpl(new RetryingHttpClient(http.build(), throttling, log), cfg);
            return new Connected(client, counter, new Retrier(options.retries(), log), resolved.source());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new StateException("backend \"kubernetes\": the client for " + cfg.getMasterUrl() + " (from "
                    + resolved.source() + ") cannot be built: " + root.getClass().getSimpleName() + ": "
                    + root.getMessage() + ".");
        }
    }

    /**
     * What the block sets on top of a kubeconfig or the in-cluster account, as Terraform's backend
     * applies it: token, basic auth, certificates, insecure and proxy_url. (With host they were
     * applied by {@link Connection} already.)
     */
    private static void overrides(Config cfg, Settings s) {
        if (s.get("token") != null) {
            cfg.setOauthToken(s.get("token"));
        }
        if (s.get("username") != null) {
            cfg.setUsername(s.get("username"));
            cfg.setPassword(s.get("password"));
        }
        if (s.get("cluster_ca_certificate") != null) {
            cfg.setCaCertFile(null);
            cfg.setCaCertData(b64(s.get("cluster_ca_certificate")));
        }
        if (s.get("client_certificate") != null) {
            cfg.setClientCertFile(null);
            cfg.setClientKeyFile(null);
            cfg.setClientCertData(b64(s.get("client_certificate")));
            cfg.setClientKeyData(b64(s.get("client_key")));
        }
        if (s.insecure()) {
            cfg.setTrustCerts(true);
            cfg.setDisableHostnameVerification(true);
        }
        if (s.get("proxy_url") != null) {
            cfg.setHttpsProxy(s.get("proxy_url"));
            cfg.setHttpProxy(s.get("proxy_url"));
        }
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
