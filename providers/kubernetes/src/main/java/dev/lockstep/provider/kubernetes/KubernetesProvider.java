package dev.lockstep.provider.kubernetes;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.Connection;
import dev.lockstep.provider.kubernetes.client.KubeApi;
import dev.lockstep.provider.kubernetes.client.RequestCounter;
import dev.lockstep.provider.kubernetes.client.RetryingHttpClient;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.handler.ApiCatalog;
import dev.lockstep.provider.kubernetes.handler.DataSources;
import dev.lockstep.provider.kubernetes.handler.ManifestHandler;
import dev.lockstep.provider.kubernetes.handler.ProviderContext;
import dev.lockstep.provider.kubernetes.handler.TypedHandler;
import dev.lockstep.provider.kubernetes.handler.UnmanagedBindings;
import dev.lockstep.provider.kubernetes.kind.Kind;
import dev.lockstep.provider.kubernetes.kind.Kinds;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.kind.Waits;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** An opened Kubernetes provider: one fabric8 client, its request counter and one handler per type. */
public final class KubernetesProvider implements Provider {

    private final KubeApi api;
    private final RequestCounter counter;
    private final Map<String, ResourceHandler> resources = new LinkedHashMap<>();
    private final Map<String, DataSourceHandler> dataSources;
    private final UnmanagedLister unmanaged;

    private KubernetesProvider(KubeApi api, RequestCounter counter, ProviderContext ctx,
            BiPredicate<String, String> importFilter) {
        this.api = api;
        this.counter = counter;
        Map<String, Kind> kinds = Kinds.all(importFilter);
        kinds.forEach((name, kind) -> resources.put(name, new TypedHandler(name, kind, ctx)));
        resources.put("kubernetes_manifest", new ManifestHandler(ctx, new ApiCatalog(api), importFilter));
        this.dataSources = DataSources.all(ctx);
        this.unmanaged = new UnmanagedBindings(ctx, kinds);
    }

    /** Opens the provider: resolves the connection, builds the client and checks that the API answers. */
    static OpenResult open(ProviderConfig config) {
        return open(config, Path.of("/var/run/secrets/kubernetes.io/serviceaccount"));
    }

    static OpenResult open(ProviderConfig config, Path serviceAccountDir) {
        Diagnostics diags = new Diagnostics();
        ProviderLog log = config.log() == null ? ProviderLog.NONE : config.log();
        Settings settings;
        List<Pattern> ignoreLabels;
        List<Pattern> ignoreAnnotations;
        try {
            settings = Settings.of(config.settings());
            ignoreLabels = patterns(settings.ignoreLabels());
            ignoreAnnotations = patterns(settings.ignoreAnnotations());
        } catch (IllegalArgumentException e) {
            return OpenResult.failed(Diagnostics.of(Diagnostic.error("Invalid kubernetes provider setting",
                    e.getMessage(), null)));
        }
        if (config.settings() != null && !config.settings().isNull() && config.settings().isObject()
                && config.settings().get("tls_server_name") != null && !config.settings().get("tls_server_name").isNull()) {
            // accepted by the Terraform provider's schema, but fabric8's client has no SNI override: refuse it
            // rather than connect without the check the user asked for
            return OpenResult.failed(Diagnostics.of(Diagnostic.error("Unsupported provider setting",
                    "tls_server_name is not supported by lockstep's Kubernetes provider (its client cannot verify the "
                    + "certificate against another server name). Remove it, or point host at a name the "
                    + "certificate covers.", null)));
        }
        Connection connection = new Connection(settings, config.sandbox(), config.environment(), serviceAccountDir);
        Connection.Resolved resolved;
        try {
            resolved = connection.resolve();
        } catch (Connection.ConnectionException e) {
            return OpenResult.failed(diags.error("Cannot configure the Kubernetes connection", e.getMessage()
                    + ". Tried: " + String.join("; ", connection.tried()) + ".", null));
        }
        if (resolved == null) {
            return OpenResult.failed(diags.error("No Kubernetes cluster configured", "Tried: "
                    + String.join("; ", connection.tried()) + ". Set host (with token or client certificates) or "
                    + "config_path in the provider block, point KUBECONFIG at a kubeconfig file, or run inside a "
                    + "cluster.", null));
        }
        Config cfg = resolved.config();
        // every retry happens in RetryingHttpClient (fabric8's own would retry 429s a fixed number of times)
        cfg.setRequestRetryBackoffLimit(0);
        cfg.setConnectionTimeout(10_000);
        cfg.setRequestTimeout(60_000);
        RequestCounter counter = new RequestCounter();
        KubernetesClient client;
        try {
            HttpClient.Builder http = new JdkHttpClientFactory().newBuilder(cfg);
            http.addOrReplaceInterceptor("lockstep-requests", counter);
            client = new KubernetesClientImpl(new RetryingHttpClient(http.build(), settings.retries(), log), cfg);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return OpenResult.failed(diags.error("Cannot configure the Kubernetes connection", "The client for "
                    + cfg.getMasterUrl() + " (from " + resolved.source() + ") cannot be built: "
                    + root.getClass().getSimpleName() + ": " + root.getMessage() + ". Tried: "
                    + String.join("; ", connection.tried()) + ".", null));
        }
        KubeApi api = new KubeApi(client, settings.listPageSize());
        try {
            String version = api.version();
            log.debug("kubernetes: connected to " + api.server() + " (" + version + ") via " + resolved.source());
        } catch (ApiException e) {
            api.close();
            if (e.code() == 429) {
                return OpenResult.failed(diags.error("The Kubernetes API is throttling requests", "Connecting to "
                        + cfg.getMasterUrl() + " (from " + resolved.source() + "): " + e.getMessage(), null));
            }
            String why = e.code() == 0 ? e.getMessage() : "HTTP " + e.code() + " " + e.getMessage();
            return OpenResult.failed(diags.error("Cannot reach the Kubernetes API", "Connecting to " + cfg.getMasterUrl()
                    + " (from " + resolved.source() + ") failed: " + why + ". Tried: "
                    + String.join("; ", connection.tried()) + ".", null));
        }
        Waits waits = new Waits(api, log, Duration.ofMillis(Math.max(50, Math.min(1000,
                settings.retries().interval().toMillis()))));
        ProviderContext ctx = new ProviderContext(api, log, settings, waits, 5);
        return OpenResult.of(new KubernetesProvider(api, counter, ctx,
                LockstepKeys.importFilter(ignoreLabels, ignoreAnnotations)));
    }

    private static List<Pattern> patterns(List<String> regexes) {
        List<Pattern> out = new ArrayList<>();
        for (String r : regexes) {
            try {
                out.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("\"" + r + "\" in ignore_labels/ignore_annotations is not a regular "
                        + "expression: " + e.getDescription());
            }
        }
        return out;
    }

    @Override
    public ResourceHandler resource(String type) {
        return resources.get(type);
    }

    @Override
    public DataSourceHandler dataSource(String type) {
        return dataSources.get(type);
    }

    @Override
    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    @Override
    public UnmanagedLister unmanaged() {
        return unmanaged;
    }

    @Override
    public void close() {
        api.close();
    }
}
