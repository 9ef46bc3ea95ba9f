package dev.lockstep.secrets.vault;

import dev.lockstep.api.toolkit.RequestCounts;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver, configured the way lockstep needs it: one shared JDK HTTP client (the driver would
 * otherwise build a new one, with its selector thread, for every request), no environment lookups
 * of its own (settings come from {@link VaultOptions}), KV version 2 everywhere
 * ({@code engineVersion(2)}; the driver's mount detection never matches a secret path), one driver
 * instance per mount depth (its {@code prefixPathDepth} is where it inserts {@code data/}), and
 * retries only for reads (the driver retries every exception, so a login refused with 4xx would be
 * retried too). Every request is counted.
 */
final class VaultClient {

    /** Seconds a request may take once connected. */
    static final int READ_TIMEOUT_SECONDS = 30;

    /** Keeps the driver from reading VAULT_ADDR, VAULT_TOKEN, ~/.vault-token or VAULT_SSL_* itself. */
    private static final EnvironmentLoader NO_ENVIRONMENT = new EnvironmentLoader() {
        private static final long serialVersionUID = 1L;

        @Override
        public String loadVariable(String name) {
            return null;
        }
    };

    private final VaultOptions options;
    private final HttpClient http;
    private final RequestCounts counter;
    private final Map<Integer, Vault> readers = new ConcurrentHashMap<>();
    private volatile String token;

    VaultClient(VaultOptions options, HttpClient http, RequestCounts counter) {
        this.options = options;
        this.http = http;
        this.counter = counter;
    }

    String address() {
        return options.address();
    }

    void useToken(String t) {
        this.token = t;
        readers.clear();
    }

    private VaultConfig config(String tok, int prefixDepth) throws VaultException {
        VaultConfig c = new VaultConfig()
                .environmentLoader(NO_ENVIRONMENT)
                .address(options.address())
                .engineVersion(2)
                .prefixPathDepth(prefixDepth)
                .httpClient(http)
                .readTimeout(READ_TIMEOUT_SECONDS);
        if (tok != null) {
            c.token(tok);
        }
        if (options.namespace() != null) {
            c.nameSpace(options.namespace());
        }
        return c.build();
    }

    private Vault reader(int prefixDepth) throws VaultException {
        Vault v = readers.get(prefixDepth);
        if (v == null) {
            v = Vault.create(config(token, prefixDepth));
            if (options.maxRetries() > 0) {
                v = v.withRetries(options.maxRetries(), 500);
            }
            readers.put(prefixDepth, v);
        }
        return v;
    }

    /** {@code GET /v1/auth/token/lookup-self} with the current token; throws on any status but 200. */
    LookupResponse lookupSelf() throws VaultException {
        counter.add("GET /v1/auth/token/lookup-self", 1);
        return Vault.create(config(token, 1)).auth().lookupSelf();
    }

    /** Logs in with Kubernetes or AppRole auth; throws on any status but 200. */
    AuthResponse login(VaultOptions.Auth auth) throws VaultException {
        Vault v = Vault.create(config(null, 1));
        if (auth instanceof VaultOptions.Kubernetes k) {
            counter.add("POST /v1/auth/" + k.mount() + "/login", 1);
            return v.auth().loginByKubernetes(k.role(), k.jwt(), "auth/" + k.mount());
        }
        VaultOptions.AppRole a = (VaultOptions.AppRole) auth;
        counter.add("POST /v1/auth/" + a.mount() + "/login", 1);
        return v.auth().loginByAppRole(a.mount(), a.roleId(), a.secretId());
    }

    /** Revokes the current token ({@code POST /v1/auth/token/revoke-self}). */
    void revokeSelf() throws VaultException {
        counter.add("POST /v1/auth/token/revoke-self", 1);
        Vault.create(config(token, 1)).auth().revokeSelf();
    }

    /**
     * Reads a KV version 2 secret; 4xx statuses come back as the response. The driver is given
     * {@code mount/path} and inserts {@code data/} after the mount's segments.
     *
     * @param version the version to read, or null for the latest
     */
    LogicalResponse readKv(String mount, String path, Integer version) throws VaultException {
        int depth = mount.split("/").length;
        Vault v = reader(depth);
        String full = mount + "/" + path;
        String endpoint = "GET /v1/{mount}/data/{path}";
        try {
            LogicalResponse r = version == null ? v.logical().read(full) : v.logical().read(full, true, version);
            counter.add(endpoint, 1L + r.getRetries());
            return r;
        } catch (VaultException e) {
            counter.add(endpoint, 1L + options.maxRetries());
            throw e;
        }
    }
}
