package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.provider.databricks.client.ClientSettings;
import dev.lockstep.provider.databricks.client.Sleeper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the provider: host and credentials from the provider block, the environment or a
 * ~/.databrickscfg profile; clear diagnostics naming what was tried; one request to check them.
 */
class ConnectionTest extends EmulatorTest {

    @Test
    void environmentVariables() {
        OpenResult r = openResult("", Map.of("DATABRICKS_HOST", emulator.baseUri().toString(), "DATABRICKS_TOKEN",
                emulator.adminToken()), Map.of(), Sleeper.SYSTEM);
        assertNotNull(r.provider(), r.diagnostics().toString());
        assertEquals(1L, r.provider().requestCounts().get("GET /api/2.0/preview/scim/v2/Me"),
                "opening costs one request and no discovery request");
        assertEquals(1, r.provider().requestCounts().size(), r.provider().requestCounts().toString());
        r.provider().close();
    }

    @Test
    void providerBlockWinsOverEnvironment() {
        OpenResult r = openResult("host = \"" + emulator.baseUri() + "\"\ntoken = \"" + emulator.adminToken() + "\"\n",
                Map.of("DATABRICKS_HOST", "http://127.0.0.1:1", "DATABRICKS_TOKEN", "wrong"), Map.of(), Sleeper.SYSTEM);
        assertNotNull(r.provider(), r.diagnostics().toString());
        r.provider().close();
    }

    @Test
    void profileFromTheConfigFile(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve(".databrickscfg"), "[DEFAULT]\nhost = http://127.0.0.1:1\ntoken = nope\n\n"
                + "; the sandbox\n[sandbox]\nhost  = " + emulator.baseUri() + "\ntoken = " + emulator.adminToken()
                + "\n");
        OpenResult r = openResult("profile = \"sandbox\"", Map.of("HOME", home.toString()), Map.of(), Sleeper.SYSTEM);
        assertNotNull(r.provider(), r.diagnostics().toString());
        r.provider().close();
        OpenResult env = openResult("", Map.of("HOME", home.toString(), "DATABRICKS_CONFIG_PROFILE", "sandbox"),
                Map.of(), Sleeper.SYSTEM);
        assertNotNull(env.provider(), env.diagnostics().toString());
        env.provider().close();
        OpenResult missing = openResult("profile = \"prod\"", Map.of("HOME", home.toString()), Map.of(),
                Sleeper.SYSTEM);
        assertNull(missing.provider());
        assertTrue(missing.diagnostics().toString().contains("profile \"prod\""), missing.diagnostics().toString());
    }

    @Test
    void nothingConfiguredNamesWhatWasTried(@TempDir Path home) {
        OpenResult r = openResult("", Map.of("HOME", home.toString()), Map.of(), Sleeper.SYSTEM);
        assertNull(r.provider());
        String text = r.diagnostics().toString();
        assertTrue(text.contains("No Databricks workspace configured"), text);
        assertTrue(text.contains("DATABRICKS_HOST") && text.contains(home.resolve(".databrickscfg").toString())
                && text.contains("file not found"), text);
    }

    @Test
    void hostWithoutCredentials(@TempDir Path home) {
        OpenResult r = openResult("host = \"adb-1.azuredatabricks.net\"", Map.of("HOME", home.toString()), Map.of(),
                Sleeper.SYSTEM);
        assertNull(r.provider());
        String text = r.diagnostics().toString();
        assertTrue(text.contains("https://adb-1.azuredatabricks.net") && text.contains("no credentials"), text);
    }

    @Test
    void unreachableHostFailsFastAndSaysWhere() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        OpenResult r = openResult("", Map.of(), Map.of("host", "http://127.0.0.1:" + port, "token", "x"),
                Sleeper.SYSTEM);
        assertNull(r.provider());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000, "no retries against a host that never answered");
        String text = r.diagnostics().toString();
        assertTrue(text.contains("Cannot reach the Databricks workspace") && text.contains("127.0.0.1:" + port)
                && text.contains("the lockstep sandbox"), text);
    }

    @Test
    void rejectedCredentials() {
        OpenResult r = openResult("", Map.of(), Map.of("host", emulator.baseUri().toString(), "token",
                "dapi-not-a-token"), Sleeper.SYSTEM);
        assertNull(r.provider());
        String text = r.diagnostics().toString();
        assertTrue(text.contains("rejected the credentials"), text);
        assertTrue(!text.contains("dapi-not-a-token"), "the token is never printed: " + text);
    }

    @Test
    void oauthMachineToMachine() {
        String app = new com.databricks.sdk.service.iam.ServicePrincipalsAPI(admin).create(
                new com.databricks.sdk.service.iam.ServicePrincipal().setDisplayName("m2m")).getApplicationId();
        String secret = emulator.oauthSecret(app);
        OpenResult r = openResult("host = \"" + emulator.baseUri() + "\"\nclient_id = \"" + app + "\"\n"
                + "client_secret = \"" + secret + "\"\n", Map.of(), Map.of(), Sleeper.SYSTEM);
        assertNotNull(r.provider(), r.diagnostics().toString());
        try {
            dev.lockstep.api.value.Value me = new Spi(r.provider()).data("databricks_current_user", "").state();
            assertEquals(app, me.get("application_id").asString(), "acting as the service principal");
            Map<String, Long> counts = r.provider().requestCounts();
            assertEquals(1L, counts.get("GET /oidc/.well-known/oauth-authorization-server"), counts.toString());
            assertEquals(1L, counts.get("POST /oidc/v1/token"), "one token for the whole session: " + counts);
        } finally {
            r.provider().close();
        }
        OpenResult wrong = openResult("host = \"" + emulator.baseUri() + "\"\nclient_id = \"" + app + "\"\n"
                + "client_secret = \"not-the-secret\"\n", Map.of(), Map.of(), Sleeper.SYSTEM);
        assertNull(wrong.provider());
        assertTrue(!wrong.diagnostics().toString().contains("not-the-secret"), wrong.diagnostics().toString());
    }

    @Test
    void settingsDefaultsAndOverrides() {
        ClientSettings s = ClientSettings.resolve(settings("host = \"h.example.com/\"\ntoken = \"t\"\n"), Map.of(),
                Map.of()).settings();
        assertEquals("https://h.example.com", s.host());
        assertEquals(15.0, s.rateLimit());
        assertEquals(ClientSettings.Auth.PAT, s.auth());
        assertTrue(!s.allowLockout());
        ClientSettings m2m = ClientSettings.resolve(settings("host = \"h\"\nclient_id = \"id\"\nclient_secret = \"s\"\n"
                + "rate_limit = 5\nallow_lockout = true\n"), Map.of(), Map.of()).settings();
        assertEquals(ClientSettings.Auth.OAUTH_M2M, m2m.auth());
        assertEquals(5.0, m2m.rateLimit());
        assertTrue(m2m.allowLockout());
        assertTrue(ClientSettings.resolve(settings("host = \"h\"\ntoken = \"t\"\n"), Map.of(), Map.of(),
                new dev.lockstep.api.provider.RunSettings(true)).settings().allowLockout());
        // the override is a typed setting: an environment variable the user may have set means nothing
        assertTrue(!ClientSettings.resolve(settings("host = \"h\"\ntoken = \"t\"\n"), Map.of("LOCKSTEP_ALLOW_LOCKOUT",
                "true"), Map.of()).settings().allowLockout());
        assertTrue(!s.toString().contains("t]") && !m2m.toString().contains("=s"), "no credentials in toString");
        assertTrue(ClientSettings.resolve(settings("host = \"h\"\ntoken = \"t\"\nrate_limit = 0\n"), Map.of(),
                Map.of()).diagnostics().hasErrors());
    }
}
