package dev.lockstep.secrets.vault;

import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.provider.DataSourceHandler.DataResponse;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.testing.Opened;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data "vault_kv_secret"} through the real driver against the Vault emulator, with a token. */
class VaultKvSecretTest {

    private static final String KV_READ = "GET /v1/{mount}/data/{path}";
    private static final String LOOKUP = "GET /v1/auth/token/lookup-self";

    @TempDir
    Path dir;
    private VaultEmulator vault;
    private Opened opened;
    private final VaultProviderFactory factory = new VaultProviderFactory();

    @BeforeEach
    void start() {
        vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        vault.start();
        opened = new Opened(dir);
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private Map<String, String> env(String token) {
        return Map.of("HOME", dir.toString(), "VAULT_ADDR", vault.baseUri().toString(), "VAULT_TOKEN", token);
    }

    private Provider open(String token) {
        return opened.openOk(factory, "", env(token), Map.of());
    }

    private static String kv(String mount, String path, Integer version) {
        return (mount == null ? "" : "mount = " + quote(mount) + "\n") + "path = " + quote(path) + "\n"
                + (version == null ? "" : "version = " + version + "\n");
    }

    @Test
    void readsTheLatestVersionAsSensitiveValues() {
        vault.putSecret("secret/app/db", Map.of("password", "one"));
        vault.putSecret("secret/app/db", Map.of("password", "two", "user", "svc"));
        Provider p = open(vault.rootToken());
        vault.requestLog().reset();

        Value s = opened.readOk(p, "vault_kv_secret", kv(null, "app/db", null));
        assertEquals("secret", s.get("mount").asString(), "mount defaults to secret");
        assertEquals("app/db", s.get("path").asString());
        assertEquals(2, s.get("version").asNumber().intValue());
        Value data = s.get("data");
        assertTrue(data.isSensitive() && data.get("password").isSensitive(), "the map and its elements are marked");
        assertEquals(Map.of("password", "two", "user", "svc"), Map.of("password", data.get("password").unmark()
                .asString(), "user", data.get("user").unmark().asString()));
        assertTrue(s.get("data_json").isSensitive());
        assertEquals("{\"password\":\"two\",\"user\":\"svc\"}", s.get("data_json").unmark().asString());
        assertTrue(s.get("created_time").asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), s.get("created_time")
                .asString());
        assertTrue(s.get("custom_metadata").isNull());
        assertEquals(Type.map(Type.STRING), s.get("custom_metadata").type());
        assertEquals(s.type(), factory.schema().dataSources().get("vault_kv_secret").block().impliedType(),
                "the state has exactly the schema's shape");

        assertEquals(1, vault.requestLog().snapshot().count(KV_READ), "one GET for one read");
        assertEquals(Map.of(KV_READ, 1L, LOOKUP, 1L), p.requestCounts());
        assertTrue(opened.log.lines().stream().anyMatch(l -> l.contains("read secret/app/db version 2")),
                opened.log.lines().toString());
    }

    @Test
    void pinsAVersion() {
        vault.putSecret("secret/app/db", Map.of("password", "one"));
        vault.putSecret("secret/app/db", Map.of("password", "two"));
        Provider p = open(vault.rootToken());
        Value v1 = opened.readOk(p, "vault_kv_secret", kv("secret", "app/db", 1));
        assertEquals("one", v1.get("data").get("password").unmark().asString());
        assertEquals(1, v1.get("version").asNumber().intValue());

        DataResponse missing = opened.read(p, "vault_kv_secret", kv("secret", "app/db", 3));
        assertNull(missing.state());
        Diagnostic e = Opened.onlyError(missing.diagnostics());
        assertEquals("No secret at secret/app/db (version 3)", e.summary());

        DataResponse zero = opened.read(p, "vault_kv_secret", kv("secret", "app/db", 0));
        assertTrue(Opened.onlyError(zero.diagnostics()).detail().contains("must be a whole number from 1"),
                zero.diagnostics().toString());
    }

    @Test
    void readsFromANestedMount() {
        vault.mount("team/kv");
        vault.putSecret("team/kv/app/db", Map.of("user", "svc"));
        Provider p = open(vault.rootToken());
        Value s = opened.readOk(p, "vault_kv_secret", kv("/team/kv/", "app/db", null));
        assertEquals("team/kv", s.get("mount").asString(), "slashes trimmed");
        assertEquals("svc", s.get("data").get("user").unmark().asString());
    }

    @Test
    void aRevokedTokenFailsAtOpenBeforeAnyRead() {
        vault.putSecret("secret/app/db", Map.of("password", "x"));
        String token = vault.createToken(List.of("app"), Duration.ofHours(1));
        vault.revokeToken(token);
        vault.requestLog().reset();

        OpenResult r = opened.open(factory, "", env(token), Map.of());
        assertNull(r.provider());
        Diagnostic e = Opened.onlyError(r.diagnostics());
        assertEquals("Vault token rejected", e.summary());
        assertTrue(e.detail().startsWith("permission denied: the token is invalid, expired or revoked (the token "
                + "from VAULT_TOKEN"), e.detail());
        var log = vault.requestLog().snapshot();
        assertEquals(1, log.total(), "only the token check reached Vault");
        assertEquals(1, log.count(LOOKUP, 403));
        assertEquals(0, log.count(KV_READ));
    }

    @Test
    void aBusyVaultAtOpenIsNotARejectedToken() {
        vault.faults().tooManyRequestsBurst(1);
        Diagnostic limited = Opened.onlyError(opened.open(factory, "", env(vault.rootToken()), Map.of()).diagnostics());
        assertEquals("Vault rate limit reached", limited.summary());
        assertTrue(limited.detail().contains("HTTP 429"), limited.detail());
        vault.faults().serverErrorRate(1.0, 1);
        Diagnostic down = Opened.onlyError(opened.open(factory, "", env(vault.rootToken()), Map.of()).diagnostics());
        vault.faults().reset();
        assertEquals("Vault unavailable", down.summary());
        assertTrue(down.detail().startsWith("Checking the token from VAULT_TOKEN with auth/token/lookup-self"),
                down.detail());
    }

    @Test
    void aTokenRevokedAfterOpeningGivesAClearDiagnosticOnRead() {
        vault.putSecret("secret/app/db", Map.of("password", "x"));
        String token = vault.createToken(List.of("app"), Duration.ofHours(1));
        Provider p = open(token);
        vault.revokeToken(token);
        DataResponse r = opened.read(p, "vault_kv_secret", kv(null, "app/db", null));
        Diagnostic e = Opened.onlyError(r.diagnostics());
        assertEquals("Permission denied reading Vault secret secret/app/db", e.summary());
        assertTrue(e.detail().startsWith("permission denied: the token is invalid, expired or revoked, or its "
                + "policies do not allow reading secret/data/app/db"), e.detail());
    }

    @Test
    void aMissingPathNamesMountAndPathWithHints() {
        Provider p = open(vault.rootToken());
        Diagnostic missing = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "app/nope", null))
                .diagnostics());
        assertEquals("No secret at secret/app/nope", missing.summary());
        assertTrue(missing.detail().contains("(latest version)"), missing.detail());

        vault.putSecret("secret/app/db", Map.of("k", "v"));
        Diagnostic withData = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "data/app/db", null))
                .diagnostics());
        assertTrue(withData.detail().contains("never contains data/; write path = \"app/db\""), withData.detail());
        Diagnostic withMount = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "secret/app/db", null))
                .diagnostics());
        assertTrue(withMount.detail().contains("write path = \"app/db\""), withMount.detail());

        Diagnostic noMount = Opened.onlyError(opened.read(p, "vault_kv_secret", kv("nothere", "app/db", null))
                .diagnostics());
        assertEquals("No secrets engine at mount \"nothere\"", noMount.summary());
    }

    @Test
    void deletedAndDestroyedVersionsSaySo() throws Exception {
        vault.putSecret("secret/app/db", Map.of("k", "1"));
        vault.putSecret("secret/app/db", Map.of("k", "2"));
        vault.putSecret("secret/app/db", Map.of("k", "3"));
        Vault admin = Vault.create(new VaultConfig().address(vault.baseUri().toString()).token(vault.rootToken())
                .engineVersion(2).build());
        admin.logical().delete("secret/app/db", new int[] {3});
        admin.logical().destroy("secret/app/db", new int[] {1});
        Provider p = open(vault.rootToken());

        Diagnostic deleted = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "app/db", null))
                .diagnostics());
        assertEquals("Vault secret version deleted", deleted.summary());
        assertTrue(deleted.detail().startsWith("Version 3 of secret/app/db was deleted at "), deleted.detail());
        Diagnostic destroyed = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "app/db", 1))
                .diagnostics());
        assertEquals("Version 1 of secret/app/db was destroyed; read another version.", destroyed.detail());
        assertEquals("2", opened.readOk(p, "vault_kv_secret", kv(null, "app/db", 2)).get("data").get("k").unmark()
                .asString());
    }

    @Test
    void nonStringValuesBecomeJsonTextAndCustomMetadataIsRead() throws Exception {
        vault.putSecret("secret/app/cfg", Map.of("port", 5432, "tls", true, "hosts", List.of("a", "b"),
                "opts", Map.of("x", 1)));
        HttpResponse<String> meta = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(vault.baseUri() + "/v1/secret/metadata/app/cfg")).header("X-Vault-Token", vault.rootToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"custom_metadata\":{\"owner\":\"platform\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, meta.statusCode(), meta.body());
        Provider p = open(vault.rootToken());
        Value s = opened.readOk(p, "vault_kv_secret", kv(null, "app/cfg", null));
        Value data = s.get("data");
        assertEquals("5432", data.get("port").unmark().asString());
        assertEquals("true", data.get("tls").unmark().asString());
        assertEquals("[\"a\",\"b\"]", data.get("hosts").unmark().asString());
        assertEquals("{\"x\":1}", data.get("opts").unmark().asString());
        assertEquals("platform", s.get("custom_metadata").get("owner").asString());
        assertTrue(!s.get("custom_metadata").containsSensitive(), "metadata is not secret");
    }

    @Test
    void tokenComesFromTheSettingThenVaultTokenThenTheTokenHelperFile() throws Exception {
        vault.putSecret("secret/app/db", Map.of("k", "v"));
        String fromFile = vault.createToken(List.of("a"), Duration.ofHours(1));
        Files.writeString(dir.resolve(".vault-token"), fromFile + "\n");
        Map<String, String> noToken = Map.of("HOME", dir.toString(), "VAULT_ADDR", vault.baseUri().toString());
        opened.openOk(factory, "", noToken, Map.of());
        assertTrue(opened.log.lines().stream().anyMatch(l -> l.contains("the token from the token helper file "
                + dir.resolve(".vault-token") + " is valid")), opened.log.lines().toString());

        opened.openOk(factory, "", env(vault.rootToken()), Map.of());
        assertTrue(opened.log.lines().get(opened.log.lines().size() - 1).contains("token from VAULT_TOKEN"));
        opened.openOk(factory, "token = " + quote(fromFile), env("hvs.bogus"), Map.of());
        assertTrue(opened.log.lines().get(opened.log.lines().size() - 1).contains("the provider's token setting"));

        Files.delete(dir.resolve(".vault-token"));
        OpenResult none = opened.open(factory, "", noToken, Map.of());
        Diagnostic e = Opened.onlyError(none.diagnostics());
        assertEquals("No Vault token", e.summary());
        assertTrue(e.detail().contains("Tried the provider's token setting, VAULT_TOKEN, the token helper file "
                + dir.resolve(".vault-token")), e.detail());
    }

    @Test
    void addressIsRequiredAndChecked() {
        Diagnostic none = Opened.onlyError(opened.open(factory, "", Map.of("HOME", dir.toString(), "VAULT_TOKEN",
                "x"), Map.of()).diagnostics());
        assertEquals("No Vault address", none.summary());
        Diagnostic bad = Opened.onlyError(opened.open(factory, "address = \"vault:8200\"", env("x"), Map.of())
                .diagnostics());
        assertEquals("Invalid Vault address", bad.summary());
    }

    @Test
    void anUnreachableVaultIsAClearDiagnostic() {
        int port = vault.baseUri().getPort();
        Map<String, String> env = env("root");
        vault.stop();
        Diagnostic e = Opened.onlyError(opened.open(factory, "", env, Map.of()).diagnostics());
        assertEquals("Cannot reach Vault", e.summary());
        assertTrue(e.detail().contains("cannot connect to http://127.0.0.1:" + port), e.detail());
        vault.start();
    }

    @Test
    void sandboxOverrideWinsOverSettingsAndEnvironment() {
        vault.putSecret("secret/app/db", Map.of("k", "v"));
        Provider p = opened.openOk(factory, "address = \"https://vault.invalid:8200\"\ntoken = \"hvs.real\"",
                Map.of("HOME", dir.toString()), Map.of("address", vault.baseUri().toString(), "token",
                        vault.rootToken()));
        assertEquals("v", opened.readOk(p, "vault_kv_secret", kv(null, "app/db", null)).get("data").get("k")
                .unmark().asString());

        // in the sandbox, a missing secret is one nobody put there yet: say how
        Diagnostic missing = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "app/nope", null))
                .diagnostics());
        assertTrue(missing.detail().contains("store the secret with `lockstep sandbox put-secret vault "
                + "secret/app/nope KEY=VALUE...`"), missing.detail());
        Diagnostic outside = Opened.onlyError(opened.read(open(vault.rootToken()), "vault_kv_secret",
                kv(null, "app/nope", null)).diagnostics());
        assertFalse(outside.detail().contains("sandbox"), "not outside the sandbox: " + outside.detail());
    }

    @Test
    void retriesAreOffByDefaultAndCountedWhenOn() {
        vault.putSecret("secret/app/db", Map.of("k", "v"));
        Provider once = open(vault.rootToken());
        Provider thrice = opened.openOk(factory, "max_retries = 2", env(vault.rootToken()), Map.of());
        vault.faults().serverErrorRate(1.0, 1);
        vault.requestLog().reset();
        Diagnostic e = Opened.onlyError(opened.read(once, "vault_kv_secret", kv(null, "app/db", null)).diagnostics());
        assertTrue(e.detail().matches("Reading secret/app/db \\(latest version\\) failed: HTTP 50[03]: .*"),
                e.detail());
        assertEquals(1, vault.requestLog().snapshot().count(KV_READ));
        assertEquals(1L, once.requestCounts().get(KV_READ));

        vault.requestLog().reset();
        opened.read(thrice, "vault_kv_secret", kv(null, "app/db", null));
        assertEquals(3, vault.requestLog().snapshot().count(KV_READ));
        assertEquals(3L, thrice.requestCounts().get(KV_READ));

        vault.faults().reset().tooManyRequestsBurst(1);
        Diagnostic limited = Opened.onlyError(opened.read(thrice, "vault_kv_secret", kv(null, "app/db", null))
                .diagnostics());
        assertEquals("Vault rate limit reached reading secret/app/db", limited.summary());
        assertEquals(4L, thrice.requestCounts().get(KV_READ), "a 429 is a response: never retried");
    }

    @Test
    void pathsTheDriverCannotSendAreRefusedBeforeAnyRequest() {
        Provider p = open(vault.rootToken());
        vault.requestLog().reset();
        Diagnostic e = Opened.onlyError(opened.read(p, "vault_kv_secret", kv(null, "app/my db", null))
                .diagnostics());
        assertEquals("Unsupported characters in the Vault path", e.summary());
        assertEquals(0, vault.requestLog().snapshot().total());
    }
}
