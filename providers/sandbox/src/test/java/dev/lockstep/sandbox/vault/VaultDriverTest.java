package dev.lockstep.sandbox.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.http.EmulatorServer;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.WriteOptions;
import io.github.jopenlibs.vault.api.sys.mounts.Mount;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator driven through the real jopenlibs vault-java-driver, as lockstep's provider uses it. */
class VaultDriverTest {
    private VaultEmulator vault;

    @BeforeEach
    void start() {
        vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        vault.start();
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private Vault driver(String token) throws VaultException {
        return driver(token, 1, null);
    }

    private Vault driver(String token, int prefixPathDepth, String namespace) throws VaultException {
        VaultConfig cfg = new VaultConfig()
                .address(vault.baseUri().toString())
                .token(token)
                .engineVersion(2)
                .prefixPathDepth(prefixPathDepth)
                .openTimeout(5)
                .readTimeout(5);
        if (namespace != null) {
            cfg.nameSpace(namespace);
        }
        return Vault.create(cfg.build());
    }

    private static String body(LogicalResponse r) {
        return new String(r.getRestResponse().getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void writesAndReadsVersionsWithThePathTheDriverWants() throws Exception {
        Vault v = driver(vault.rootToken());
        LogicalResponse w1 = v.logical().write("secret/app/db", Map.of("password", "one", "port", 5432));
        assertEquals(200, w1.getRestResponse().getStatus());
        assertEquals("1", w1.getData().get("version"), "a KV v2 write answers the new version's metadata");
        v.logical().write("secret/app/db", Map.of("password", "two"));

        LogicalResponse latest = v.logical().read("secret/app/db");
        assertEquals(200, latest.getRestResponse().getStatus());
        assertEquals(Map.of("password", "two"), latest.getData());
        assertEquals(2L, latest.getDataMetadata().getVersion());

        LogicalResponse pinned = v.logical().read("secret/app/db", false, 1);
        assertEquals("one", pinned.getData().get("password"));
        assertEquals("5432", pinned.getData().get("port"), "the driver flattens non-strings to their JSON text");
        assertEquals(1L, pinned.getDataMetadata().getVersion());

        LogicalResponse missing = v.logical().read("secret/app/db", false, 3);
        assertEquals(404, missing.getRestResponse().getStatus(), "4xx comes back as a response, not an exception");
        assertTrue(missing.getData().isEmpty());
        assertEquals(404, v.logical().read("secret/nope").getRestResponse().getStatus());
    }

    @Test
    void checkAndSetConflictIsA400WithVaultsMessage() throws Exception {
        Vault v = driver(vault.rootToken());
        LogicalResponse first = v.logical().write("secret/cas", Map.of("k", "v1"), null, new WriteOptions().checkAndSet(0L));
        assertEquals(200, first.getRestResponse().getStatus(), "cas=0 creates a missing secret");
        LogicalResponse again = v.logical().write("secret/cas", Map.of("k", "v2"), null, new WriteOptions().checkAndSet(0L));
        assertEquals(400, again.getRestResponse().getStatus());
        assertEquals("{\"errors\":[\"check-and-set parameter did not match the current version\"]}", body(again));
        LogicalResponse ok = v.logical().write("secret/cas", Map.of("k", "v2"), null, new WriteOptions().checkAndSet(1L));
        assertEquals(200, ok.getRestResponse().getStatus());
        assertEquals("v2", v.logical().read("secret/cas").getData().get("k"));
    }

    @Test
    void aRevokedTokenGets403BeforeAnyWrite() throws Exception {
        vault.putSecret("secret/app", Map.of("k", "original"));
        String token = vault.createToken(List.of("app"), Duration.ofHours(1));
        Vault v = driver(token);
        assertEquals("original", v.logical().read("secret/app").getData().get("k"));

        v.auth().revokeSelf();
        LogicalResponse read = v.logical().read("secret/app");
        assertEquals(403, read.getRestResponse().getStatus(), "403 is a response with a status, not an exception");
        assertEquals("{\"errors\":[\"permission denied\"]}", body(read));
        LogicalResponse write = v.logical().write("secret/app", Map.of("k", "changed"));
        assertEquals(403, write.getRestResponse().getStatus());
        assertEquals("original", driver(vault.rootToken()).logical().read("secret/app").getData().get("k"));

        VaultException lookup = assertThrows(VaultException.class, () -> v.auth().lookupSelf());
        assertEquals(403, lookup.getHttpStatusCode(), "token-method calls throw on 4xx instead");
        assertEquals(403, driver("hvs.not-a-token").logical().read("secret/app").getRestResponse().getStatus());
    }

    @Test
    void revokingFromTheTestApiAlsoRevokesChildTokens() throws Exception {
        String parent = vault.createToken(List.of("app"), Duration.ofHours(1));
        String child = driver(parent).auth().createToken(new io.github.jopenlibs.vault.api.Auth.TokenRequest()
                .polices(List.of("app"))).getAuthClientToken();
        assertEquals(List.of("app", "default"), driver(child).auth().lookupSelf().getPolicies());
        vault.revokeToken(parent);
        assertEquals(403, driver(child).logical().read("secret/x").getRestResponse().getStatus());
    }

    @Test
    void nestedMountsNeedThePrefixDepthInTheDriver() throws Exception {
        vault.mount("team/kv");
        Vault deep = driver(vault.rootToken(), 2, null);
        assertEquals(200, deep.logical().write("team/kv/app", Map.of("user", "svc")).getRestResponse().getStatus());
        assertEquals("svc", deep.logical().read("team/kv/app").getData().get("user"));

        // With the default depth of 1 the driver asks for team/data/kv/app: no such mount.
        LogicalResponse shallow = driver(vault.rootToken()).logical().read("team/kv/app");
        assertEquals(404, shallow.getRestResponse().getStatus());
        assertTrue(body(shallow).contains("no handler for route"), body(shallow));
    }

    @Test
    void listsDeletesUndeletesAndDestroysVersions() throws Exception {
        Vault v = driver(vault.rootToken());
        v.logical().write("secret/apps/a", Map.of("k", "1"));
        v.logical().write("secret/apps/a", Map.of("k", "2"));
        v.logical().write("secret/apps/b/c", Map.of("k", "x"));
        assertEquals(List.of("a", "b/"), v.logical().list("secret/apps").getListData());

        v.logical().delete("secret/apps/a", new int[] {2});
        LogicalResponse deleted = v.logical().read("secret/apps/a");
        assertEquals(404, deleted.getRestResponse().getStatus());
        assertFalse(deleted.getDataMetadata().getMetadataMap().get("deletion_time").isEmpty(),
                "a deleted version answers 404 with its metadata");
        assertEquals("1", v.logical().read("secret/apps/a", false, 1).getData().get("k"));

        v.logical().unDelete("secret/apps/a", new int[] {2});
        assertEquals("2", v.logical().read("secret/apps/a").getData().get("k"));
        v.logical().destroy("secret/apps/a", new int[] {2});
        LogicalResponse destroyed = v.logical().read("secret/apps/a");
        assertEquals(404, destroyed.getRestResponse().getStatus());
        assertEquals("true", destroyed.getDataMetadata().getMetadataMap().get("destroyed"));

        v.logical().delete("secret/apps/b/c");
        assertEquals(List.of("a"), v.logical().list("secret/apps").getListData(), "metadata delete removes the key");
    }

    @Test
    void kubernetesLoginGivesAWorkingToken() throws Exception {
        vault.registerKubernetesRole("lockstep", List.of("runner"), List.of("platform"), List.of("read-secrets"),
                Duration.ofMinutes(20));
        vault.registerServiceAccountJwt("jwt-of-runner", "platform", "runner");
        vault.registerServiceAccountJwt("jwt-of-intruder", "platform", "intruder");
        vault.putSecret("secret/app", Map.of("k", "v"));

        AuthResponse login = driver(null).auth().loginByKubernetes("lockstep", "jwt-of-runner");
        assertTrue(login.getAuthClientToken().startsWith("hvs."));
        assertEquals(List.of("default", "read-secrets"), login.getAuthPolicies());
        assertEquals(1200, login.getAuthLeaseDuration());
        assertEquals("v", driver(login.getAuthClientToken()).logical().read("secret/app").getData().get("k"));

        VaultException badJwt = assertThrows(VaultException.class, () -> driver(null).auth().loginByKubernetes("lockstep", "forged"));
        assertEquals(403, badJwt.getHttpStatusCode(), "logins throw on any non-200");
        VaultException wrongSa = assertThrows(VaultException.class,
                () -> driver(null).auth().loginByKubernetes("lockstep", "jwt-of-intruder"));
        assertEquals(403, wrongSa.getHttpStatusCode());
        assertTrue(wrongSa.getMessage().contains("service account name not authorized"), wrongSa.getMessage());
        VaultException badRole = assertThrows(VaultException.class, () -> driver(null).auth().loginByKubernetes("nope", "jwt-of-runner"));
        assertEquals(400, badRole.getHttpStatusCode());
        assertTrue(badRole.getMessage().contains("invalid role name \\\"nope\\\""), badRole.getMessage());
    }

    @Test
    void appRoleLogin() throws Exception {
        vault.registerAppRole("ci", "role-123", List.of("secret-abc"), List.of("ci"), Duration.ZERO);
        AuthResponse login = driver(null).auth().loginByAppRole("role-123", "secret-abc");
        assertEquals(List.of("ci", "default"), login.getAuthPolicies());
        assertEquals(768L * 3600, login.getAuthLeaseDuration(), "the default TTL when the role sets none");
        assertEquals("approle", driver(login.getAuthClientToken()).auth().lookupSelf().getDisplayName());
        VaultException bad = assertThrows(VaultException.class, () -> driver(null).auth().loginByAppRole("role-123", "wrong"));
        assertEquals(400, bad.getHttpStatusCode());
        assertTrue(bad.getMessage().contains("invalid role or secret ID"));
    }

    @Test
    void mountsAndEngineDetection() throws Exception {
        vault.mount("team/kv");
        Map<String, Mount> mounts = driver(vault.rootToken()).sys().mounts().list().getMounts();
        assertTrue(mounts.containsKey("secret/") && mounts.containsKey("team/kv/") && mounts.containsKey("sys/"), mounts.keySet().toString());

        VaultConfig cfg = new VaultConfig().address(vault.baseUri().toString()).token(vault.rootToken()).build();
        Vault detecting = Vault.create(cfg, true, 1);
        assertEquals(Map.of("secret/", "2", "team/kv/", "2", "sys/", "unknown", "cubbyhole/", "unknown", "identity/", "unknown"),
                cfg.getSecretsEnginePathMap(), "read from GET /v1/sys/mounts");
        assertEquals(1, detecting.logical().getEngineVersionForSecretPath("secret/x"),
                "the driver looks the full secret path up in the mount map, so detection never matches a secret");
        assertEquals(2, detecting.logical().getEngineVersionForSecretPath("secret"));
    }

    @Test
    void namespaceHeaderIsAccepted() throws Exception {
        vault.putSecret("secret/app", Map.of("k", "v"));
        assertEquals("v", driver(vault.rootToken(), 1, "team-a").logical().read("secret/app").getData().get("k"));
    }

    @Test
    void injected429IsAResponseAnd503IsRetriedOnlyWithRetries() throws Exception {
        vault.putSecret("secret/app", Map.of("k", "v"));
        Vault v = driver(vault.rootToken());
        vault.faults().tooManyRequestsBurst(1);
        LogicalResponse limited = v.logical().read("secret/app");
        assertEquals(429, limited.getRestResponse().getStatus(), "the driver never retries a 429");

        vault.faults().serverErrorRate(1.0, 7);
        VaultException failed = assertThrows(VaultException.class, () -> v.logical().read("secret/app"));
        assertNotEquals(0, failed.getHttpStatusCode());
        vault.faults().reset();
        vault.requestLog().reset();
        Vault retrying = Vault.create(new VaultConfig().address(vault.baseUri().toString()).token(vault.rootToken())
                .engineVersion(2).build()).withRetries(3, 10);
        vault.faults().tooManyRequestsBurst(0).serverErrorRate(0.5, 3);
        LogicalResponse r = retrying.logical().read("secret/app");
        assertEquals(200, r.getRestResponse().getStatus());
        var log = vault.requestLog().snapshot();
        assertEquals(r.getRetries() + 1, log.count("GET /v1/{mount}/data/{path}"));
    }
}
