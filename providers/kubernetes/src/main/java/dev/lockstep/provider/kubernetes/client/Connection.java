package dev.lockstep.provider.kubernetes.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides how to reach the cluster, in this order: the sandbox overrides; an explicit {@code host}
 * (or {@code KUBE_HOST}); {@code config_path}/{@code config_paths}; the {@code KUBE_CONFIG_PATH},
 * {@code KUBE_CONFIG_PATHS} and {@code KUBECONFIG} variables; {@code ~/.kube/config}; the
 * in-cluster service account. Every source looked at is recorded, so that "no cluster" names
 * what was tried.
 */
public final class Connection {

    static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** The chosen client configuration and a description of where it came from. */
    public record Resolved(Config config, String source) {
    }

    /** Thrown when a source was chosen but is unusable (a missing context, an unreadable file). */
    public static final class ConnectionException extends Exception {
        public ConnectionException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final Map<String, String> sandbox;
    private final Map<String, String> env;
    private final Path serviceAccountDir;
    private final List<String> tried = new ArrayList<>();

    public Connection(Settings settings, Map<String, String> sandbox, Map<String, String> env, Path serviceAccountDir) {
        this.settings = settings.withEnvironment(env);
        this.sandbox = sandbox == null ? Map.of() : sandbox;
        this.env = env == null ? Map.of() : env;
        this.serviceAccountDir = serviceAccountDir;
    }

    /** What was looked at, in order, for messages. */
    public List<String> tried() {
        return List.copyOf(tried);
    }

    /** The configuration to use, or null when no source applies. */
    public Resolved resolve() throws ConnectionException {
        if (!sandbox.isEmpty()) {
            tried.add("the sandbox endpoint");
            if (sandbox.containsKey("kubeconfig")) {
                Path p = Path.of(sandbox.get("kubeconfig"));
                return new Resolved(fromKubeconfig(p, sandbox.get("context")), "sandbox kubeconfig " + p);
            }
            if (sandbox.containsKey("host")) {
                Config c = Config.empty();
                c.setMasterUrl(sandbox.get("host"));
                if (sandbox.containsKey("token")) {
                    c.setOauthToken(sandbox.get("token"));
                }
                c.setTrustCerts(Boolean.parseBoolean(sandbox.getOrDefault("insecure", "true")));
                return new Resolved(c, "sandbox endpoint " + sandbox.get("host"));
            }
            throw new ConnectionException("the sandbox settings name neither a kubeconfig nor a host");
        }
        if (settings.get("host") != null) {
            tried.add("host = " + settings.get("host"));
            return new Resolved(direct(), "host " + settings.get("host"));
        }
        List<String> paths = new ArrayList<>();
        if (settings.get("config_path") != null) {
            paths.add(settings.get("config_path"));
        }
        paths.addAll(settings.configPaths());
        if (!paths.isEmpty()) {
            for (String p : paths) {
                Path path = expand(p);
                tried.add("config_path " + path);
                if (Files.isRegularFile(path)) {
                    return new Resolved(fromKubeconfig(path, context()), "kubeconfig " + path + contextNote());
                }
            }
            throw new ConnectionException("none of the configured kubeconfig files exists: " + String.join(", ", paths));
        }
        for (String var : List.of("KUBE_CONFIG_PATH", "KUBE_CONFIG_PATHS", "KUBECONFIG")) {
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                tried.add("$" + var + " (not set)");
                continue;
            }
            for (String p : value.split(java.io.File.pathSeparator)) {
                Path path = expand(p);
                tried.add("$" + var + " -> " + path);
                if (Files.isRegularFile(path)) {
                    return new Resolved(fromKubeconfig(path, context()), "kubeconfig " + path + contextNote());
                }
            }
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path dflt = Path.of(home, ".kube", "config");
        tried.add(dflt.toString());
        if (Files.isRegularFile(dflt)) {
            return new Resolved(fromKubeconfig(dflt, context()), "kubeconfig " + dflt + contextNote());
        }
        String svcHost = env.get("KUBERNETES_SERVICE_HOST");
        Path token = serviceAccountDir.resolve("token");
        tried.add("in-cluster service account (" + (svcHost == null ? "KUBERNETES_SERVICE_HOST not set" : token) + ")");
        if (svcHost != null && Files.isReadable(token)) {
            return new Resolved(inCluster(svcHost, env.getOrDefault("KUBERNETES_SERVICE_PORT", "443"), token),
                    "in-cluster service account");
        }
        return null;
    }

    /**
     * The pod's service account only ({@code in_cluster_config = true}): the sandbox overrides still
     * come first; otherwise {@code KUBERNETES_SERVICE_HOST} and a readable token are required.
     */
    public Resolved resolveInCluster() throws ConnectionException {
        if (!sandbox.isEmpty()) {
            return resolve();
        }
        String svcHost = env.get("KUBERNETES_SERVICE_HOST");
        Path token = serviceAccountDir.resolve("token");
        tried.add("in-cluster service account (" + (svcHost == null ? "KUBERNETES_SERVICE_HOST not set" : token) + ")");
        if (svcHost == null || !Files.isReadable(token)) {
            throw new ConnectionException("in_cluster_config is set, but this process does not run in a pod with a "
                    + "service account (" + (svcHost == null ? "KUBERNETES_SERVICE_HOST is not set"
                    : token + " is not readable") + ")");
        }
        return new Resolved(inCluster(svcHost, env.getOrDefault("KUBERNETES_SERVICE_PORT", "443"), token),
                "in-cluster service account");
    }

    private String context() {
        return settings.get("config_context");
    }

    private String contextNote() {
        String c = context();
        return c == null ? "" : " (context " + c + ")";
    }

    private Path expand(String p) {
        if (p.startsWith("~/")) {
            return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), p.substring(2));
        }
        return Path.of(p);
    }

    private Config direct() throws ConnectionException {
        if (settings.get("exec.command") != null) {
            return execConfig();
        }
        Config c = Config.empty();
        c.setMasterUrl(settings.get("host"));
        if (settings.get("token") != null) {
            c.setOauthToken(settings.get("token"));
        }
        if (settings.get("username") != null) {
            c.setUsername(settings.get("username"));
            c.setPassword(settings.get("password"));
        }
        if (settings.get("cluster_ca_certificate") != null) {
            c.setCaCertData(b64(settings.get("cluster_ca_certificate")));
        }
        if (settings.get("client_certificate") != null) {
            c.setClientCertData(b64(settings.get("client_certificate")));
            c.setClientKeyData(b64(settings.get("client_key")));
        }
        if (settings.insecure()) {
            c.setTrustCerts(true);
            c.setDisableHostnameVerification(true);
        }
        if (settings.get("proxy_url") != null) {
            c.setHttpsProxy(settings.get("proxy_url"));
            c.setHttpProxy(settings.get("proxy_url"));
        }
        return c;
    }

    /** A host with an exec credential plugin: written as an in-memory kubeconfig so the client runs the plugin. */
    private Config execConfig() throws ConnectionException {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", settings.get("host"));
        if (settings.get("cluster_ca_certificate") != null) {
            cluster.put("certificate-authority-data", b64(settings.get("cluster_ca_certificate")));
        }
        if (settings.insecure()) {
            cluster.put("insecure-skip-tls-verify", true);
        }
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", settings.get("exec.api_version"));
        exec.put("command", settings.get("exec.command"));
        exec.put("args", settings.execArgs());
        List<Map<String, String>> envList = new ArrayList<>();
        settings.execEnv().forEach((k, v) -> envList.add(Map.of("name", k, "value", v)));
        exec.put("env", envList);
        Map<String, Object> kubeconfig = new LinkedHashMap<>();
        kubeconfig.put("apiVersion", "v1");
        kubeconfig.put("kind", "Config");
        kubeconfig.put("clusters", List.of(Map.of("name", "lockstep", "cluster", cluster)));
        kubeconfig.put("users", List.of(Map.of("name", "lockstep", "user", Map.of("exec", exec))));
        kubeconfig.put("contexts", List.of(Map.of("name", "lockstep", "context",
                Map.of("cluster", "lockstep", "user", "lockstep"))));
        kubeconfig.put("current-context", "lockstep");
        return Config.fromKubeconfig("lockstep", new KubernetesSerialization().asJson(kubeconfig), null);
    }

    @SuppressWarnings("unchecked")
    private Config fromKubeconfig(Path path, String context) throws ConnectionException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectionException("cannot read kubeconfig " + path + ": " + e.getMessage());
        }
        Map<String, Object> doc;
        try {
            doc = new KubernetesSerialization().unmarshal(text, Map.class);
        } catch (RuntimeException e) {
            throw new ConnectionException("kubeconfig " + path + " is not valid YAML");
        }
        if (doc == null) {
            throw new ConnectionException("kubeconfig " + path + " is empty");
        }
        List<Map<String, Object>> contexts = (List<Map<String, Object>>) doc.getOrDefault("contexts", List.of());
        String ctx = context != null ? context : (String) doc.get("current-context");
        Map<String, Object> chosen = null;
        List<String> names = new ArrayList<>();
        for (Map<String, Object> c : contexts) {
            names.add(String.valueOf(c.get("name")));
            if (String.valueOf(c.get("name")).equals(ctx)) {
                chosen = c;
            }
        }
        if (chosen == null) {
            throw new ConnectionException("kubeconfig " + path + " has no context \"" + ctx + "\" (it has: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        String authInfo = settings.get("config_context_auth_info");
        String clusterName = settings.get("config_context_cluster");
        if (authInfo != null || clusterName != null) {
            Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) chosen.get("context"));
            if (authInfo != null) {
                inner.put("user", authInfo);
            }
            if (clusterName != null) {
                inner.put("cluster", clusterName);
            }
            chosen.put("context", inner);
            text = new KubernetesSerialization().asJson(doc);
        }
        try {
            return Config.fromKubeconfig(ctx, text, path.toString());
        } catch (RuntimeException e) {
            throw new ConnectionException("kubeconfig " + path + " cannot be used: " + e.getMessage());
        }
    }

    private static Config inCluster(String host, String port, Path tokenFile) {
        Config c = Config.empty();
        String h = host.contains(":") ? "[" + host + "]" : host;
        c.setMasterUrl("https://" + h + ":" + port);
        Path ca = tokenFile.resolveSibling("ca.crt");
        if (Files.isReadable(ca)) {
            c.setCaCertFile(ca.toString());
        }
        c.setOauthTokenProvider(() -> {
            try {
                return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                return null;
            }
        });
        return c;
    }

    private static String b64(String pem) {
        return pem == null ? null : Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
