package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.RetryPolicy;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.value.Values;
import dev.lockstep.state.backend.StateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The decoded {@code backend "kubernetes"} block, checked: where the state lives ({@code namespace},
 * {@code secret_suffix}, the user's {@code labels}) and how to connect (the provider's
 * {@link Settings}, plus {@code in_cluster_config}). Terraform's environment variables fill what the
 * block leaves unset ({@code KUBE_NAMESPACE}, {@code KUBE_IN_CLUSTER_CONFIG} and the provider's
 * {@code KUBE_*}). Credentials are never part of {@link #toString()}.
 *
 * @param namespace where the Secrets and the Lease live
 * @param suffix {@code secret_suffix}
 * @param labels the user's labels, added to every object
 * @param connection the connection settings, as the provider's
 * @param inCluster {@code in_cluster_config}: use the pod's service account only
 */
public record BackendSettings(String namespace, String suffix, Map<String, String> labels, Settings connection,
        boolean inCluster) {

    /** The label keys lockstep sets itself; a user label may not use its prefix. */
    static final String RESERVED_PREFIX = "lockstep.dev/";

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
    private static final Pattern LABEL_PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    public BackendSettings {
        labels = Map.copyOf(labels);
    }

    /**
     * Reads and checks the block.
     *
     * @throws StateException naming the argument and what to write instead
     */
    public static BackendSettings of(Value v, Map<String, String> env) throws StateException {
        String suffix = Values.string(v, "secret_suffix");
        if (suffix == null || suffix.isEmpty()) {
            throw error("secret_suffix is required: it names the state's Secrets (lockstep-<secret_suffix>-...)");
        }
        if (suffix.length() > 63 || !DNS_LABEL.matcher(suffix).matches()) {
            throw error("secret_suffix \"" + suffix + "\" is not usable: it must be at most 63 lower-case letters, "
                    + "digits and dashes, starting and ending with a letter or digit (it is part of Secret names "
                    + "and the value of the lockstep.dev/state label)");
        }
        String namespace = first(Values.string(v, "namespace"), env.get("KUBE_NAMESPACE"), "default");
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw error("namespace \"" + namespace + "\" is not a valid namespace name (at most 63 lower-case letters, "
                    + "digits and dashes)");
        }
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, Value> e : Values.entries(v, "labels").entrySet()) {
            String value = Values.present(e.getValue()) ? e.getValue().unmark().asString() : "";
            checkLabel(e.getKey(), value);
            labels.put(e.getKey(), value);
        }
        Value loadConfigFile = Values.attr(v, "load_config_file");
        if (Values.present(loadConfigFile) && !loadConfigFile.unmark().asBool()) {
            throw error("load_config_file = false is not supported: lockstep reads a kubeconfig only when no host is "
                    + "set, as with load_config_file = true. Set host (with token or client certificates) instead, or "
                    + "remove load_config_file");
        }
        boolean inCluster = Values.present(Values.attr(v, "in_cluster_config"))
                ? Values.bool(v, "in_cluster_config", false)
                : "true".equalsIgnoreCase(env.getOrDefault("KUBE_IN_CLUSTER_CONFIG", "false"));
        Settings connection = connection(v).withEnvironment(env);
        if (inCluster) {
            List<String> clash = new ArrayList<>();
            for (String k : List.of("host", "config_path", "config_context", "token", "client_certificate",
                    "client_key", "username", "exec.command")) {
                if (connection.get(k) != null) {
                    clash.add(k.replace(".command", ""));
                }
            }
            if (!connection.configPaths().isEmpty()) {
                clash.add("config_paths");
            }
            if (!clash.isEmpty()) {
                throw error("in_cluster_config = true uses the pod's service account and cannot be combined with "
                        + String.join(", ", clash) + "; remove one or the other");
            }
        }
        if (connection.get("host") == null && !inCluster && connection.get("exec.command") != null) {
            throw error("exec is used together with host; set host to the API server's URL, or put the credential "
                    + "plugin in the kubeconfig's user instead");
        }
        if ((connection.get("client_certificate") == null) != (connection.get("client_key") == null)) {
            throw error("client_certificate and client_key go together; set both or neither");
        }
        if ((connection.get("username") == null) != (connection.get("password") == null)) {
            throw error("username and password go together; set both or neither");
        }
        return new BackendSettings(namespace, suffix, labels, connection, inCluster);
    }

    private static Settings connection(Value v) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String k : List.of("host", "token", "username", "password", "client_certificate", "client_key",
                "cluster_ca_certificate", "config_path", "config_context", "config_context_auth_info",
                "config_context_cluster", "proxy_url")) {
            String x = Values.string(v, k);
            if (x != null && !x.isEmpty()) {
                s.put(k, x);
            }
        }
        Value exec = Values.attr(v, "exec");
        if (Values.present(exec) && exec.isSequence()) {
            exec = exec.length() == 0 ? null : exec.elements().get(0);
        }
        Map<String, String> execEnv = new LinkedHashMap<>();
        List<String> execArgs = new ArrayList<>();
        if (Values.present(exec)) {
            s.put("exec.api_version", Values.string(exec, "api_version"));
            s.put("exec.command", Values.string(exec, "command"));
            Values.entries(exec, "env").forEach((k, x) -> execEnv.put(k, Values.present(x) ? x.unmark().asString() : ""));
            for (Value a : Values.elements(exec, "args")) {
                execArgs.add(Values.present(a) ? a.unmark().asString() : "");
            }
        }
        List<String> paths = new ArrayList<>();
        for (Value p : Values.elements(v, "config_paths")) {
            if (Values.present(p)) {
                paths.add(p.unmark().asString());
            }
        }
        return new Settings(s, paths, execEnv, execArgs, Values.bool(v, "insecure", false), List.of(), List.of(), 100,
                RetryPolicy.DEFAULT, Duration.ZERO);
    }

    private static void checkLabel(String key, String value) throws StateException {
        if (key.startsWith(RESERVED_PREFIX)) {
            throw error("label \"" + key + "\" uses the prefix " + RESERVED_PREFIX + ", which lockstep keeps for its own "
                    + "labels (lockstep.dev/state, lockstep.dev/kind); choose another key");
        }
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean ok = name.length() <= 63 && LABEL_NAME.matcher(name).matches()
                && (prefix == null || prefix.length() <= 253 && LABEL_PREFIX.matcher(prefix).matches());
        if (!ok) {
            throw error("label key \"" + key + "\" is not a valid Kubernetes label key (an optional DNS prefix and "
                    + "\"/\", then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or "
                    + "digit)");
        }
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            throw error("the value of label \"" + key + "\" is not a valid Kubernetes label value (at most 63 letters, "
                    + "digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
    }

    private static String first(String... values) {
        for (String s : values) {
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static StateException error(String message) {
        return new StateException("backend \"kubernetes\": " + message + ".");
    }

    /** Names where the state lives, never a credential. */
    @Override
    public String toString() {
        return "BackendSettings[namespace=" + namespace + ", secret_suffix=" + suffix + ", labels=" + labels + ", "
                + connection + (inCluster ? ", in_cluster_config" : "") + "]";
    }
}
