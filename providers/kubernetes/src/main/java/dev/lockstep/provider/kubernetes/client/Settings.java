package dev.lockstep.provider.kubernetes.client;

import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded {@code provider "kubernetes"} block, with lockstep's defaults applied. Secret
 * settings (token, password, client key) are read from the value without ever being logged.
 */
public record Settings(Map<String, String> strings, List<String> configPaths, Map<String, String> execEnv,
        List<String> execArgs, boolean insecure, List<String> ignoreLabels, List<String> ignoreAnnotations,
        int listPageSize, RetryPolicy retries, Duration deleteTimeout) {

    /**
     * Reads settings from the provider block value (null when the block is absent).
     *
     * @throws IllegalArgumentException when a duration or a retry setting is invalid
     */
    public static Settings of(Value v) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String k : List.of("host", "token", "username", "password", "client_certificate", "client_key",
                "cluster_ca_certificate", "config_path", "config_context", "config_context_auth_info",
                "config_context_cluster", "proxy_url", "delete_timeout", "retry_interval", "retry_timeout")) {
            String x = Values.string(v, k);
            if (x != null && !x.isEmpty()) {
                s.put(k, x);
            }
        }
        Value exec = Values.first(v, "exec");
        if (exec != null) {
            s.put("exec.api_version", Values.string(exec, "api_version"));
            s.put("exec.command", Values.string(exec, "command"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        Values.entries(exec, "env").forEach((k, x) -> env.put(k, x.unmark().asString()));
        return new Settings(s, strings(v, "config_paths"), env, strings(exec, "args"),
                Values.bool(v, "insecure", false), strings(v, "ignore_labels"), strings(v, "ignore_annotations"),
                integer(v, "list_page_size", 500),
                new RetryPolicy(duration(s.get("retry_timeout"), RetryPolicy.DEFAULT.timeout()),
                        integer(v, "max_retries", RetryPolicy.DEFAULT.maxRetries()),
                        duration(s.get("retry_interval"), RetryPolicy.DEFAULT.interval())),
                duration(s.get("delete_timeout"), Duration.ofMinutes(2)));
    }

    private static List<String> strings(Value v, String name) {
        List<String> out = new ArrayList<>();
        for (Value e : Values.elements(v, name)) {
            if (Values.present(e)) {
                out.add(e.unmark().asString());
            }
        }
        return out;
    }

    private static int integer(Value v, String name, int dflt) {
        Value x = Values.attr(v, name);
        return Values.present(x) ? x.unmark().asNumber().intValue() : dflt;
    }

    public String get(String key) {
        return strings.get(key);
    }

    /**
     * These settings with the Terraform provider's environment variables filling what the block
     * leaves unset: {@code KUBE_HOST}, {@code KUBE_TOKEN}, {@code KUBE_USER}, {@code KUBE_PASSWORD},
     * {@code KUBE_CLUSTER_CA_CERT_DATA}, {@code KUBE_CLIENT_CERT_DATA}, {@code KUBE_CLIENT_KEY_DATA},
     * {@code KUBE_INSECURE}, {@code KUBE_CTX}, {@code KUBE_CTX_AUTH_INFO}, {@code KUBE_CTX_CLUSTER},
     * {@code KUBE_PROXY_URL}.
     */
    public Settings withEnvironment(Map<String, String> env) {
        if (env == null || env.isEmpty()) {
            return this;
        }
        Map<String, String> s = new LinkedHashMap<>(strings);
        Map<String, String> vars = Map.ofEntries(Map.entry("host", "KUBE_HOST"), Map.entry("token", "KUBE_TOKEN"),
                Map.entry("username", "KUBE_USER"), Map.entry("password", "KUBE_PASSWORD"),
                Map.entry("cluster_ca_certificate", "KUBE_CLUSTER_CA_CERT_DATA"),
                Map.entry("client_certificate", "KUBE_CLIENT_CERT_DATA"),
                Map.entry("client_key", "KUBE_CLIENT_KEY_DATA"), Map.entry("config_context", "KUBE_CTX"),
                Map.entry("config_context_auth_info", "KUBE_CTX_AUTH_INFO"),
                Map.entry("config_context_cluster", "KUBE_CTX_CLUSTER"), Map.entry("proxy_url", "KUBE_PROXY_URL"));
        vars.forEach((key, var) -> {
            String v = env.get(var);
            if (!s.containsKey(key) && v != null && !v.isBlank()) {
                s.put(key, v);
            }
        });
        boolean skipVerify = insecure || "true".equalsIgnoreCase(env.get("KUBE_INSECURE"));
        return new Settings(s, configPaths, execEnv, execArgs, skipVerify, ignoreLabels, ignoreAnnotations,
                listPageSize, retries, deleteTimeout);
    }

    /** Names the settings that are set, never their values (some are credentials). */
    @Override
    public String toString() {
        return "Settings" + new java.util.TreeSet<>(strings.keySet()) + (insecure ? " insecure" : "");
    }

    /**
     * Parses a duration as Terraform writes them ("90s", "5m", "1h30m", "500ms"); returns
     * {@code dflt} when text is null.
     *
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration duration(String text, Duration dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        String s = text.trim();
        long millis = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("not a duration: \"" + text + "\" (write it like 30s, 5m or 1h30m)");
            }
            double n = Double.parseDouble(s.substring(start, i));
            int us = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(us, i);
            long factor = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> throw new IllegalArgumentException("not a duration: \"" + text
                        + "\" (units are ms, s, m and h)");
            };
            millis += (long) (n * factor);
        }
        return Duration.ofMillis(millis);
    }
}
