package dev.lockstep.secrets.vault;

import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.testing.Opened;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes and AppRole auth through the real driver against the Vault emulator. */
class VaultAuthTest {

    private static final String READ = "path = \"app/db\"";

    @TempDir
    Path dir;
    private VaultEmulator vault;
    private Opened opened;
    private Map<String, String> env;
    private final VaultProviderFactory factory = new VaultProviderFactory();

    @BeforeEach
    void start() throws Exception {
        vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        vault.start();
        vault.putSecret("secret/app/db", Map.of("password", "from-vault"));
        vault.registerKubernetesRole("lockstep", List.of("runner"), List.of("platform"), List.of("read"),
                Duration.ofMinutes(20));
        vault.registerServiceAccountJwt("jwt-of-runner", "platform", "runner");
        vault.registerServiceAccountJwt("jwt-of-intruder", "platform", "intruder");
        vault.registerAppRole("ci", "role-123", List.of("secret-abc"), List.of("ci"), Duration.ZERO);
        Files.writeString(dir.resolve("runner.jwt"), "jwt-of-runner\n");
        Files.writeString(dir.resolve("intruder.jwt"), "jwt-of-intruder");
        // VAULT_TOKEN is set to prove that an auth block wins over it
        env = Map.of("HOME", dir.toString(), "VAULT_ADDR", vault.baseUri().toString(), "VAULT_TOKEN", "hvs.ignored");
        opened = new Opened(dir);
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private static String kubernetes(String role, String jwtPath) {
        return "auth_kubernetes {\n  role = " + quote(role) + "\n  jwt_path = " + quote(jwtPath) + "\n}\n";
    }

    @Test
    void kubernetesLoginThenReadThenTheTokenIsRevokedAtClose() {
        vault.requestLog().reset();
        Provider p = opened.openOk(factory, kubernetes("lockstep", "runner.jwt"), env, Map.of());
        assertEquals("from-vault", opened.readOk(p, "vault_kv_secret", READ).get("data").get("password").unmark()
                .asString());
        assertTrue(opened.log.lines().stream().anyMatch(l -> l.startsWith("info vault: logged in at ")
                && l.contains("Kubernetes auth (mount \"kubernetes\", role \"lockstep\", service-account token "
                        + dir.resolve("runner.jwt") + ")") && l.contains("lease 1200s")), opened.log.lines().toString());
        p.close();
        var log = vault.requestLog().snapshot();
        assertEquals(1, log.count("POST /v1/auth/kubernetes/login", 200));
        assertEquals(1, log.count("GET /v1/{mount}/data/{path}", 200));
        assertEquals(0, log.count("GET /v1/auth/token/lookup-self"), "a fresh login token needs no check");
        assertEquals(1, log.count("POST /v1/auth/token/revoke-self", 204), "the login token is revoked at close");
        assertEquals(Map.of("POST /v1/auth/kubernetes/login", 1L, "GET /v1/{mount}/data/{path}", 1L,
                "POST /v1/auth/token/revoke-self", 1L), p.requestCounts());
        p.close();
        assertEquals(1, vault.requestLog().snapshot().count("POST /v1/auth/token/revoke-self"), "close is idempotent");
    }

    @Test
    void kubernetesLoginFailuresAreClearDiagnostics() {
        Diagnostic intruder = Opened.onlyError(opened.open(factory, kubernetes("lockstep", "intruder.jwt"), env,
                Map.of()).diagnostics());
        assertEquals("Vault login failed", intruder.summary());
        assertTrue(intruder.detail().contains("was refused: HTTP 403: service account name not authorized."),
                intruder.detail());
        assertTrue(intruder.detail().contains("not bound to the role"), intruder.detail());

        Diagnostic role = Opened.onlyError(opened.open(factory, kubernetes("nope", "runner.jwt"), env, Map.of())
                .diagnostics());
        assertTrue(role.detail().contains("HTTP 400: invalid role name \"nope\". Check the role name."),
                role.detail());

        Diagnostic noFile = Opened.onlyError(opened.open(factory, "auth_kubernetes {\n role = \"lockstep\"\n}\n",
                env, Map.of()).diagnostics());
        assertEquals("Cannot read the service-account token", noFile.summary());
        assertTrue(noFile.detail().contains(VaultOptions.DEFAULT_JWT_PATH + ", which does not exist"),
                noFile.detail());

        Diagnostic otherMount = Opened.onlyError(opened.open(factory, "auth_kubernetes {\n role = \"lockstep\"\n"
                + " jwt_path = \"runner.jwt\"\n mount = \"k8s-east\"\n}\n", env, Map.of()).diagnostics());
        assertTrue(otherMount.detail().contains("no Kubernetes auth method is mounted at auth/k8s-east"),
                otherMount.detail());
    }

    @Test
    void appRoleLoginThenRead() {
        Provider p = opened.openOk(factory, "auth_approle {\n role_id = \"role-123\"\n secret_id = \"secret-abc\"\n}\n",
                env, Map.of());
        assertEquals("from-vault", opened.readOk(p, "vault_kv_secret", READ).get("data").get("password").unmark()
                .asString());
        assertEquals(1L, p.requestCounts().get("POST /v1/auth/approle/login"));

        Diagnostic wrong = Opened.onlyError(opened.open(factory, "auth_approle {\n role_id = \"role-123\"\n"
                + " secret_id = \"secret-wrong\"\n}\n", env, Map.of()).diagnostics());
        assertEquals("Vault login failed", wrong.summary());
        assertTrue(wrong.detail().startsWith("Logging in with AppRole auth (mount \"approle\", role id \"role-123\") at "
                + vault.baseUri() + " was refused: HTTP 400: invalid role or secret ID. Check role_id and secret_id"),
                wrong.detail());
    }

    @Test
    void atMostOneAuthMethod() {
        var r = opened.open(factory, kubernetes("lockstep", "runner.jwt")
                + "auth_approle {\n role_id = \"role-123\"\n secret_id = \"secret-abc\"\n}\n", env, Map.of());
        assertNull(r.provider());
        assertEquals("Conflicting Vault auth methods", Opened.onlyError(r.diagnostics()).summary());
    }

    @Test
    void theSandboxTokenReplacesAnyAuthMethod() {
        vault.requestLog().reset();
        Provider p = opened.openOk(factory, kubernetes("lockstep", "/nonexistent/jwt"), Map.of("HOME",
                dir.toString()), Map.of("address", vault.baseUri().toString(), "token", vault.rootToken()));
        opened.readOk(p, "vault_kv_secret", READ);
        assertEquals(0, vault.requestLog().snapshot().count("POST /v1/auth/kubernetes/login"));
    }
}
