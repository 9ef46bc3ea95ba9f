package dev.lockstep.provider.databricks.client;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The provider's resolved connection and behaviour settings. Each connection attribute is taken
 * from the first source that has it: the sandbox override, the {@code provider} block, the
 * environment ({@code DATABRICKS_HOST}, {@code DATABRICKS_TOKEN}, ...), then the profile of a
 * {@code ~/.databrickscfg} file. Nothing here loads SDK classes or touches the network.
 *
 * @param host workspace URL with scheme and without a trailing slash
 * @param token personal access token (PAT authentication), or null
 * @param clientId OAuth client id (machine-to-machine authentication), or null
 * @param clientSecret OAuth client secret, or null
 * @param source where the host and credentials came from, for messages
 * @param rateLimit client-side requests per second
 * @param httpTimeoutSeconds connect/read timeout of one HTTP request
 * @param retryTimeout how long 429/503 answers are retried before giving up
 * @param consistencyTimeout how long "does not exist" is retried for objects created moments ago
 * @param clusterStateTimeout how long to wait for a cluster to leave a transitional state
 * @param allowLockout whether plans may remove the calling identity's own manage right
 */
public record ClientSettings(String host, String token, String clientId, String clientSecret, String source,
        double rateLimit, int httpTimeoutSeconds, Duration retryTimeout, Duration consistencyTimeout,
        Duration clusterStateTimeout, boolean allowLockout) {

    /** Default client-side rate limit, in requests per second. */
    public static final double DEFAULT_RATE_LIMIT = 15;

    /** How requests are authenticated. */
    public enum Auth {
        PAT, OAUTH_M2M
    }

    public Auth auth() {
        return token != null ? Auth.PAT : Auth.OAUTH_M2M;
    }

    /** Settings or the reasons there are none. */
    public record Resolution(ClientSettings settings, Diagnostics diagnostics) {
    }

    /**
     * Resolves settings from the decoded provider block (an object whose unset attributes are
     * null, or null), the process environment and the sandbox overrides.
     */
    public static Resolution resolve(Value block, Map<String, String> env, Map<String, String> sandbox) {
        return resolve(block, env, sandbox, dev.lockstep.api.provider.RunSettings.DEFAULTS);
    }

    /** Resolves the settings, honouring the user's choices for this run (such as {@code --allow-lockout}). */
    public static Resolution resolve(Value block, Map<String, String> env, Map<String, String> sandbox,
            dev.lockstep.api.provider.RunSettings run) {
        Diagnostics d = new Diagnostics();
        List<String> tried = new ArrayList<>();
        String host = null;
        String token = null;
        String clientId = null;
        String clientSecret = null;
        String source;
        if (sandbox != null && sandbox.get("host") != null) {
            host = sandbox.get("host");
            token = sandbox.get("token");
            clientId = sandbox.get("client_id");
            clientSecret = sandbox.get("client_secret");
            source = "the lockstep sandbox";
        } else {
            tried.add("the provider block (host, token, client_id, client_secret)");
            host = text(block, "host");
            token = text(block, "token");
            clientId = text(block, "client_id");
            clientSecret = text(block, "client_secret");
            source = host != null ? "the provider block" : null;
            tried.add("the environment (DATABRICKS_HOST, DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID, "
                    + "DATABRICKS_CLIENT_SECRET)");
            if (host == null && nonEmpty(env.get("DATABRICKS_HOST"))) {
                host = env.get("DATABRICKS_HOST");
                source = "the environment";
            }
            token = token != null ? token : blankToNull(env.get("DATABRICKS_TOKEN"));
            clientId = clientId != null ? clientId : blankToNull(env.get("DATABRICKS_CLIENT_ID"));
            clientSecret = clientSecret != null ? clientSecret : blankToNull(env.get("DATABRICKS_CLIENT_SECRET"));
            String profile = text(block, "profile");
            boolean explicitProfile = profile != null || nonEmpty(env.get("DATABRICKS_CONFIG_PROFILE"));
            if (profile == null) {
                profile = nonEmpty(env.get("DATABRICKS_CONFIG_PROFILE")) ? env.get("DATABRICKS_CONFIG_PROFILE")
                        : "DEFAULT";
            }
            boolean needProfile = explicitProfile || host == null || (token == null && clientId == null);
            if (needProfile) {
                Path file = configFile(block, env);
                String where = "profile " + profile + " in " + file;
                Map<String, String> p = null;
                if (!Files.isRegularFile(file)) {
                    tried.add(where + " (file not found)");
                } else {
                    try {
                        p = DatabricksCfgFile.read(file).profile(profile);
                        tried.add(where + (p == null ? " (no such profile)" : ""));
                    } catch (IOException e) {
                        tried.add(where + " (unreadable: " + e.getClass().getSimpleName() + ")");
                    }
                }
                if (p == null && explicitProfile) {
                    d.error("Databricks profile not found", "The profile \"" + profile + "\" was requested but "
                            + "could not be read from " + file + ". Tried: " + String.join("; ", tried) + ".", null);
                    return new Resolution(null, d);
                }
                if (p != null) {
                    if (host == null && nonEmpty(p.get("host"))) {
                        host = p.get("host");
                        source = where;
                    }
                    if (token == null && clientId == null) {
                        token = blankToNull(p.get("token"));
                        clientId = blankToNull(p.get("client_id"));
                        clientSecret = blankToNull(p.get("client_secret"));
                    }
                }
            }
        }
        if (host == null) {
            d.error("No Databricks workspace configured", "lockstep found no workspace host. Tried: "
                    + String.join("; ", tried) + ". Set host in the provider \"databricks\" block, DATABRICKS_HOST, "
                    + "or a profile in ~/.databrickscfg.", null);
            return new Resolution(null, d);
        }
        if (token == null && (clientId == null || clientSecret == null)) {
            d.error("No Databricks credentials configured", "lockstep found the host " + normalizeHost(host) + " (from "
                    + source + ") but no credentials: a personal access token (token, DATABRICKS_TOKEN) or OAuth "
                    + "client credentials (client_id and client_secret). Tried: " + String.join("; ", tried) + ".",
                    null);
            return new Resolution(null, d);
        }
        double rate = number(block, "rate_limit", DEFAULT_RATE_LIMIT);
        if (rate <= 0) {
            d.error("Invalid rate_limit", "rate_limit is the number of requests per second and must be positive.",
                    null);
            return new Resolution(null, d);
        }
        int timeout = (int) number(block, "http_timeout_seconds", 60);
        Duration retry = Duration.ofSeconds((long) number(block, "retry_timeout_seconds", 300));
        Duration consistency = Duration.ofSeconds((long) number(block, "consistency_timeout_seconds", 60));
        Duration clusterWait = Duration.ofSeconds((long) number(block, "cluster_state_timeout_seconds", 1200));
        boolean lockout = bool(block, "allow_lockout") || run.allowLockout();
        return new Resolution(new ClientSettings(normalizeHost(host), token, clientId, clientSecret, source, rate,
                Math.max(1, timeout), retry, consistency, clusterWait, lockout), d);
    }

    private static Path configFile(Value block, Map<String, String> env) {
        String f = text(block, "config_file");
        if (f == null) {
            f = blankToNull(env.get("DATABRICKS_CONFIG_FILE"));
        }
        if (f != null) {
            return Path.of(expandHome(f, env));
        }
        return Path.of(home(env), ".databrickscfg");
    }

    private static String expandHome(String f, Map<String, String> env) {
        return f.startsWith("~/") ? home(env) + f.substring(1) : f;
    }

    private static String home(Map<String, String> env) {
        String h = env.get("HOME");
        return nonEmpty(h) ? h : System.getProperty("user.home");
    }

    /** Adds {@code https://} when no scheme is given and drops trailing slashes. */
    public static String normalizeHost(String host) {
        String h = host.strip();
        if (!h.toLowerCase(Locale.ROOT).startsWith("http://") && !h.toLowerCase(Locale.ROOT).startsWith("https://")) {
            h = "https://" + h;
        }
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static String text(Value block, String name) {
        Value v = attr(block, name);
        return v == null ? null : blankToNull(v.asString());
    }

    private static double number(Value block, String name, double dflt) {
        Value v = attr(block, name);
        return v == null ? dflt : v.asNumber().doubleValue();
    }

    private static boolean bool(Value block, String name) {
        Value v = attr(block, name);
        return v != null && v.asBool();
    }

    private static Value attr(Value block, String name) {
        if (block == null || block.isNull() || !block.isKnown() || !block.isMapping()) {
            return null;
        }
        Value v = block.get(name);
        return v == null || v.isNull() || !v.isKnown() ? null : v.unmarkDeep();
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return nonEmpty(s) ? s.strip() : null;
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "ClientSettings[host=" + host + ", auth=" + auth() + ", source=" + source + ", rateLimit=" + rateLimit
                + "]";
    }
}
