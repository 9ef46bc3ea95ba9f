package dev.lockstep.secrets;

import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.DataSourceHandler.DataResponse;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.value.Value;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.aws.AwsProviderFactory;
import dev.lockstep.secrets.testing.Opened;
import dev.lockstep.secrets.vault.VaultProviderFactory;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distinct canary values placed in Vault (secret values, the token, an AppRole secret id, a
 * Kubernetes JWT) and in Secrets Manager (string, JSON and binary secrets, the secret access key)
 * are read successfully and then pushed through every failure the providers can be made to report.
 * No canary may appear in any diagnostic, log line, exception message, state rendering, or in what
 * the JVM printed meanwhile.
 */
class CanaryTest {

    private static final String VAULT_TOKEN = "hvs.CANARY01vaulttoken";
    private static final String VAULT_PASSWORD = "CANARY02-vault-password";
    private static final String VAULT_NESTED = "CANARY03-vault-nested";
    private static final String VAULT_OLD = "CANARY04-vault-old-version";
    private static final String APPROLE_SECRET_ID = "CANARY05-approle-secret-id";
    private static final String JWT = "CANARY06.kubernetes.jwt";
    private static final String SM_STRING = "CANARY07-sm-string";
    private static final String SM_JSON = "CANARY08-sm-json";
    private static final String SM_PREVIOUS = "CANARY09-sm-previous";
    private static final String SM_BINARY = "CANARY10-sm-binary";
    private static final String SM_SECRET_KEY = "CANARY11-sm-secret-access-key";
    private static final String WRONG_SECRET_KEY = "CANARY12-wrong-secret-key";
    private static final String WRONG_SECRET_ID = "CANARY13-wrong-approle-secret-id";
    private static final String ACCESS_KEY = "AKIACANARYTEST000001";

    @TempDir
    Path dir;
    private final List<String> seen = new ArrayList<>();
    private Opened opened;

    @Test
    void noCanaryInAnyMessage() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        opened = new Opened(dir);
        try {
            vault();
            secretsManager();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        seen.add(printed.toString(StandardCharsets.UTF_8));
        opened.diagnostics.forEach(d -> seen.add(d.toString()));
        seen.addAll(opened.log.lines());
        assertTrue(opened.diagnostics.size() >= 20, "every failure produced a diagnostic: " + opened.diagnostics.size());

        List<String> canaries = new ArrayList<>(List.of(VAULT_TOKEN, VAULT_PASSWORD, VAULT_NESTED, VAULT_OLD,
                APPROLE_SECRET_ID, JWT, SM_STRING, SM_JSON, SM_PREVIOUS, SM_BINARY, SM_SECRET_KEY, WRONG_SECRET_KEY,
                WRONG_SECRET_ID));
        canaries.add(Base64.getEncoder().encodeToString(SM_BINARY.getBytes(StandardCharsets.UTF_8)));
        for (String text : seen) {
            for (String c : canaries) {
                assertFalse(text.contains(c), () -> "canary " + c + " leaked into: " + text);
            }
            assertFalse(text.contains("CANARY"), () -> "a canary leaked into: " + text);
        }
    }

    /** Runs {@code op}; an exception thrown by a provider is a failure of the test, its message recorded. */
    private <T> T run(Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            seen.add(String.valueOf(e));
            throw new AssertionError("a provider threw instead of reporting a diagnostic", e);
        }
    }

    private void record(DataResponse r) {
        if (r.state() != null) {
            seen.add(r.state().toString());
            r.state().attributes().forEach((k, v) -> seen.add(k + "=" + v));
            Value data = r.state().get("data") != null ? r.state().get("data") : r.state().get("secret_json");
            if (data != null && !data.isNull()) {
                data.attributes().values().forEach(v -> seen.add(v.toString()));
            }
        }
    }

    private DataResponse read(Provider p, String type, String hcl) {
        DataResponse r = run(() -> opened.read(p, type, hcl));
        record(r);
        return r;
    }

    private void vault() throws Exception {
        VaultEmulator vault = new VaultEmulator(new VaultSettings().rootToken(VAULT_TOKEN),
                EmulatorServer.Options.defaults());
        vault.start();
        String address = vault.baseUri().toString();
        try {
            vault.putSecret("secret/app/db", Map.of("password", VAULT_OLD));
            vault.putSecret("secret/app/db", Map.of("password", VAULT_PASSWORD, "nested", Map.of("x", VAULT_NESTED)));
            vault.putSecret("secret/app/gone", Map.of("password", VAULT_PASSWORD));
            Vault.create(new VaultConfig().address(vault.baseUri().toString()).token(VAULT_TOKEN).engineVersion(2)
                    .build()).logical().delete("secret/app/gone", new int[] {1});
            vault.registerAppRole("ci", "role-1", List.of(APPROLE_SECRET_ID), List.of("ci"), Duration.ZERO);
            vault.registerKubernetesRole("lockstep", List.of("runner"), List.of("platform"), List.of("r"),
                    Duration.ZERO);
            Files.writeString(dir.resolve("jwt"), JWT);
            Map<String, String> env = Map.of("HOME", dir.toString(), "VAULT_ADDR", vault.baseUri().toString(),
                    "VAULT_TOKEN", VAULT_TOKEN);
            VaultProviderFactory f = new VaultProviderFactory();

            Provider p = opened.openOk(f, "", env, Map.of());
            DataResponse ok = read(p, "vault_kv_secret", "path = \"app/db\"");
            assertEquals(VAULT_PASSWORD, ok.state().get("data").get("password").unmark().asString(), "canaries are real");
            read(p, "vault_kv_secret", "path = \"app/db\"\nversion = 1");
            read(p, "vault_kv_secret", "path = \"app/nope\"");
            read(p, "vault_kv_secret", "path = \"app/gone\"");
            read(p, "vault_kv_secret", "mount = \"nomount\"\npath = \"app/db\"");
            vault.faults().tooManyRequestsBurst(1);
            read(p, "vault_kv_secret", "path = \"app/db\"");
            vault.faults().reset().serverErrorRate(1.0, 5);
            read(p, "vault_kv_secret", "path = \"app/db\"");
            read(p, "vault_kv_secret", "path = \"app/db\"\nversion = 1");
            vault.faults().reset();

            String approle = "auth_approle {\n role_id = \"role-1\"\n secret_id = " + quote(WRONG_SECRET_ID) + "\n}";
            run(() -> opened.open(f, approle, env, Map.of()));
            String k8s = "auth_kubernetes {\n role = \"lockstep\"\n jwt_path = " + quote(dir.resolve("jwt").toString())
                    + "\n}";
            run(() -> opened.open(f, k8s, env, Map.of())); // the JWT is not registered: 403
            vault.registerServiceAccountJwt(JWT, "platform", "runner");
            Provider viaK8s = opened.openOk(f, k8s, env, Map.of());
            read(viaK8s, "vault_kv_secret", "path = \"app/db\"");
            run(() -> {
                viaK8s.close();
                return null;
            });
            Provider viaAppRole = opened.openOk(f, "auth_approle {\n role_id = \"role-1\"\n secret_id = "
                    + quote(APPROLE_SECRET_ID) + "\n}", env, Map.of());
            read(viaAppRole, "vault_kv_secret", "path = \"app/db\"");
            vault.faults().serverErrorRate(1.0, 9);
            run(() -> {
                viaAppRole.close(); // revoke-self fails: a warning in the log
                return null;
            });
            vault.faults().reset();
            assertTrue(opened.log.lines().stream().anyMatch(l -> l.startsWith("warn vault: revoking the login token "
                    + "failed")), opened.log.lines().toString());

            String child = vault.createToken(List.of("x"), Duration.ofHours(1));
            Provider revokedLater = opened.openOk(f, "token = " + quote(child), env, Map.of());
            vault.revokeToken(VAULT_TOKEN);
            vault.revokeToken(child);
            for (Provider revoked : List.of(p, revokedLater)) {
                assertEquals("Permission denied reading Vault secret secret/app/db", Opened.onlyError(
                        read(revoked, "vault_kv_secret", "path = \"app/db\"").diagnostics()).summary());
            }
            OpenResult refused = run(() -> opened.open(f, "", env, Map.of()));
            assertEquals("Vault token rejected", Opened.onlyError(refused.diagnostics()).summary());
        } finally {
            vault.stop();
        }
        OpenResult unreachable = run(() -> opened.open(new VaultProviderFactory(), "", Map.of("HOME", dir.toString(),
                "VAULT_ADDR", address, "VAULT_TOKEN", VAULT_TOKEN), Map.of()));
        assertEquals("Cannot reach Vault", Opened.onlyError(unreachable.diagnostics()).summary());
    }

    private void secretsManager() {
        SecretsManagerEmulator sm = new SecretsManagerEmulator(new AwsSettings().credentials(ACCESS_KEY, SM_SECRET_KEY),
                EmulatorServer.Options.defaults());
        sm.start();
        try {
            sm.createSecret("us-east-1", "app/db", SM_PREVIOUS);
            sm.putSecretValue("us-east-1", "app/db", SM_STRING);
            sm.createSecret("us-east-1", "app/json", "{\"password\":\"" + SM_JSON + "\",\"n\":[\"" + SM_JSON + "\"]}");
            sm.createBinarySecret("us-east-1", "app/bin", SM_BINARY.getBytes(StandardCharsets.UTF_8));
            Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "AWS_REGION", "us-east-1",
                    "AWS_EC2_METADATA_DISABLED", "true", "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                    SM_SECRET_KEY));
            String endpoint = "endpoint = " + quote(sm.baseUri().toString()) + "\nmax_retries = 1";
            AwsProviderFactory f = new AwsProviderFactory();
            Provider p = opened.openOk(f, endpoint, env, Map.of());
            String type = "aws_secretsmanager_secret";
            DataResponse ok = read(p, type, "secret_id = \"app/db\"");
            assertEquals(SM_STRING, ok.state().get("secret_string").unmark().asString(), "canaries are real");
            read(p, type, "secret_id = \"app/db\"\nversion_stage = \"AWSPREVIOUS\"");
            assertEquals(SM_JSON, read(p, type, "secret_id = \"app/json\"").state().get("secret_json").get("password")
                    .unmark().asString());
            assertNotNull(read(p, type, "secret_id = \"app/bin\"").state().get("secret_binary"));
            read(p, type, "secret_id = \"app/nope\"");
            read(p, type, "secret_id = \"app/bin\"\nversion_stage = \"AWSPREVIOUS\"");
            read(p, type, "secret_id = \"app/db\"\nversion_id = \"00000000-0000-0000-0000-000000000000\"");
            sm.faults().tooManyRequestsBurst(5);
            assertEquals("Secrets Manager rate limit reached reading secret app/db", Opened.onlyError(
                    read(p, type, "secret_id = \"app/db\"").diagnostics()).summary());
            sm.faults().reset().serverErrorRate(1.0, 2);
            read(p, type, "secret_id = \"app/json\"");
            sm.faults().reset();

            env.put("AWS_SECRET_ACCESS_KEY", WRONG_SECRET_KEY);
            Provider wrong = opened.openOk(f, endpoint, env, Map.of());
            read(wrong, type, "secret_id = \"app/db\"");
            env.put("AWS_ACCESS_KEY_ID", "AKIAUNKNOWNKEY000001");
            read(opened.openOk(f, endpoint, env, Map.of()), type, "secret_id = \"app/db\"");
            run(() -> opened.open(f, endpoint, Map.of("HOME", dir.toString(), "AWS_REGION", "us-east-1",
                    "AWS_EC2_METADATA_DISABLED", "true"), Map.of()));
            run(() -> opened.open(f, endpoint + "\naccess_key = " + quote(ACCESS_KEY), env, Map.of()));
            Provider later = opened.openOk(f, endpoint + "\naccess_key = " + quote(ACCESS_KEY) + "\nsecret_key = "
                    + quote(SM_SECRET_KEY), Map.of("HOME", dir.toString(), "AWS_REGION", "us-east-1"), Map.of());
            sm.stop();
            read(later, type, "secret_id = \"app/db\""); // connection refused
            run(() -> {
                later.close();
                return null;
            });
        } finally {
            sm.stop();
        }
    }
}
