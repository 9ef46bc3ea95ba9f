package dev.lockstep.secrets.vault;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.HomeDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code vault} provider's settings after the defaults, the environment and the sandbox
 * override have been applied: everything needed to connect, and nothing from the driver. Credential
 * fields never appear in {@link #toString()}.
 *
 * @param address Vault's base URL without a trailing slash
 * @param namespace the Enterprise namespace, or null
 * @param auth how to get a token
 * @param skipTlsVerify accept any server certificate
 * @param caCertFile a PEM bundle to trust instead of the JDK's trust store, or null
 * @param maxRetries retries of a read after a 5xx or an I/O error
 */
record VaultOptions(String address, String namespace, Auth auth, boolean skipTlsVerify, Path caCertFile,
        int maxRetries) {

    /** Where Kubernetes mounts a pod's service-account token. */
    static final String DEFAULT_JWT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /** How the provider gets its Vault token. */
    sealed interface Auth permits Token, Kubernetes, AppRole {
        /** A phrase for messages: where the credentials came from. */
        String describe();

        /** The credentials to scrub from messages. */
        List<String> secrets();
    }

    /** A token given directly; {@code source} says where it was found. */
    record Token(String token, String source) implements Auth {
        @Override
        public String describe() {
            return "the token from " + source;
        }

        @Override
        public List<String> secrets() {
            return List.of(token);
        }

        @Override
        public String toString() {
            return "Token[source=" + source + "]";
        }
    }

    /** Kubernetes auth: log in with the pod's service-account token. */
    record Kubernetes(String role, String jwt, Path jwtPath, String mount) implements Auth {
        @Override
        public String describe() {
            return "Kubernetes auth (mount \"" + mount + "\", role \"" + role + "\", service-account token "
                    + jwtPath + ")";
        }

        @Override
        public List<String> secrets() {
            return List.of(jwt);
        }

        @Override
        public String toString() {
            return "Kubernetes[role=" + role + ", jwtPath=" + jwtPath + ", mount=" + mount + "]";
        }
    }

    /** AppRole auth: log in with a role id and a secret id. */
    record AppRole(String roleId, String secretId, String mount) implements Auth {
        @Override
        public String describe() {
            return "AppRole auth (mount \"" + mount + "\", role id \"" + roleId + "\")";
        }

        @Override
        public List<String> secrets() {
            return List.of(secretId);
        }

        @Override
        public String toString() {
            return "AppRole[roleId=" + roleId + ", mount=" + mount + "]";
        }
    }

    /** Applies defaults, environment and sandbox override; null after reporting every problem. */
    static VaultOptions resolve(ProviderConfig config, Diagnostics d) {
        Map<String, String> env = config.environment() == null ? Map.of() : config.environment();
        Map<String, String> sandbox = config.sandbox() == null ? Map.of() : config.sandbox();
        Args s = new Args(config.settings(), "provider \"vault\"", d);
        int errors = d.errorCount();

        String address = sandbox.isEmpty() ? s.stringOrEnv("address", env, "VAULT_ADDR") : sandbox.get("address");
        if (address == null || address.isBlank()) {
            d.error("No Vault address", sandbox.isEmpty()
                    ? "Set address in the provider \"vault\" block or the VAULT_ADDR environment variable."
                    : "The sandbox override for provider \"vault\" has no address.", null);
        } else {
            address = checkAddress(address.strip(), d);
        }
        String namespace = s.stringOrEnv("namespace", env, "VAULT_NAMESPACE");
        if (namespace != null) {
            namespace = trimSlashes(namespace.strip());
            namespace = namespace.isEmpty() ? null : namespace;
        }
        Boolean skip = s.bool("skip_tls_verify");
        if (skip == null && env.get("VAULT_SKIP_VERIFY") != null && !env.get("VAULT_SKIP_VERIFY").isBlank()) {
            skip = parseBool(env.get("VAULT_SKIP_VERIFY"));
            if (skip == null) {
                d.error("Invalid VAULT_SKIP_VERIFY", "VAULT_SKIP_VERIFY must be true or false (or 1, 0, t, f).",
                        null);
            }
        }
        String ca = s.stringOrEnv("ca_cert_file", env, "VAULT_CACERT");
        Path caFile = ca == null ? null : resolvePath(config, ca);
        if (caFile != null && !Files.isReadable(caFile)) {
            d.error("Cannot read ca_cert_file", "The CA certificate file " + caFile + " does not exist or cannot "
                    + "be read.", null);
        }
        Integer retries = s.wholeNumber("max_retries", 0, 10);
        Auth auth = sandbox.containsKey("token") ? new Token(sandbox.get("token"), "the sandbox")
                : auth(config, s, env, d);
        if (d.errorCount() > errors) {
            return null;
        }
        return new VaultOptions(address, namespace, auth, skip != null && skip, caFile,
                retries == null ? 0 : retries);
    }

    private static Auth auth(ProviderConfig config, Args s, Map<String, String> env, Diagnostics d) {
        Args k8s = s.block("auth_kubernetes");
        Args approle = s.block("auth_approle");
        if (k8s != null && approle != null) {
            d.error("Conflicting Vault auth methods", "Set at most one of auth_kubernetes and auth_approle in the "
                    + "provider \"vault\" block.", null);
            return null;
        }
        if (k8s != null) {
            String jwtPath = k8s.string("jwt_path");
            Path p = jwtPath == null ? Path.of(DEFAULT_JWT_PATH) : resolvePath(config, jwtPath);
            String jwt;
            try {
                jwt = Files.readString(p, StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                d.error("Cannot read the service-account token", "Kubernetes auth reads the service-account "
                        + "token (a JWT) from " + p + ", which " + (Files.exists(p) ? "cannot be read" : "does not "
                        + "exist") + ". Outside a pod, set jwt_path in auth_kubernetes or use another auth method.",
                        null);
                return null;
            }
            if (jwt.isEmpty()) {
                d.error("Empty service-account token", "The service-account token file " + p + " is empty.", null);
                return null;
            }
            return new Kubernetes(k8s.string("role"), jwt, p, mount(k8s.string("mount"), "kubernetes"));
        }
        if (approle != null) {
            return new AppRole(approle.string("role_id"), approle.string("secret_id"),
                    mount(approle.string("mount"), "approle"));
        }
        List<String> tried = new ArrayList<>();
        String token = s.string("token");
        tried.add("the provider's token setting");
        if (token != null && !token.isBlank()) {
            return new Token(token.strip(), "the provider's token setting");
        }
        tried.add("VAULT_TOKEN");
        String fromEnv = env.get("VAULT_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Token(fromEnv.strip(), "VAULT_TOKEN");
        }
        Path helper = tokenHelperFile(env);
        tried.add("the token helper file " + helper);
        if (Files.isRegularFile(helper)) {
            try {
                String fromFile = Files.readString(helper, StandardCharsets.UTF_8).strip();
                if (!fromFile.isEmpty()) {
                    return new Token(fromFile, "the token helper file " + helper);
                }
            } catch (IOException e) {
                d.warning("Cannot read the Vault token helper file", helper + " exists but cannot be read ("
                        + e.getClass().getSimpleName() + ").", null);
            }
        }
        d.error("No Vault token", "Tried " + String.join(", ", tried) + ". Run \"vault login\", set VAULT_TOKEN, "
                + "or configure auth_kubernetes or auth_approle in the provider \"vault\" block.", null);
        return null;
    }

    /** {@code ~/.vault-token}, with the home directory taken from the given environment first. */
    static Path tokenHelperFile(Map<String, String> env) {
        return HomeDirectory.of(env).resolve(".vault-token");
    }

    private static String checkAddress(String address, Diagnostics d) {
        String a = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        try {
            URI u = new URI(a);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return a;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        d.error("Invalid Vault address", "\"" + address + "\" is not an http:// or https:// URL, such as "
                + "https://vault.example.com:8200.", null);
        return null;
    }

    private static String mount(String given, String dflt) {
        String m = given == null ? "" : trimSlashes(given.strip());
        return m.isEmpty() ? dflt : m;
    }

    static String trimSlashes(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '/') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '/') {
            e--;
        }
        return s.substring(b, e);
    }

    private static Path resolvePath(ProviderConfig config, String p) {
        Path path = Path.of(p);
        if (p.startsWith("~/")) {
            path = HomeDirectory.of(config.environment() == null ? Map.of() : config.environment())
                    .resolve(p.substring(2));
        }
        return path.isAbsolute() || config.configDir() == null ? path : config.configDir().resolve(path);
    }

    /** Go's strconv.ParseBool, which the Vault CLI uses for its environment variables. */
    static Boolean parseBool(String s) {
        switch (s.strip()) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return Boolean.TRUE;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
