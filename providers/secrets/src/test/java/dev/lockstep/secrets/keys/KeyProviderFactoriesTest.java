package dev.lockstep.secrets.keys;

import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.KEY1;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.KEY1_TEXT;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.KEY2_TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.config.EncryptionSettings;
import dev.lockstep.planner.config.Settings;
import dev.lockstep.planner.config.SettingsDecoder;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.sandbox.Sandbox;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.testing.RecordingLoader;
import dev.lockstep.state.crypto.KeyProvider;
import dev.lockstep.state.crypto.KeyProviderFactory;
import dev.lockstep.state.crypto.StaticKeyProvider;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two key provider types are found by {@link ServiceLoader}, decode from a {@code lockstep}
 * block the way the planner reads it (arguments from {@code var.NAME} in the environment), open
 * against the emulators, and load no SDK class until {@code open}.
 */
class KeyProviderFactoriesTest {

    @TempDir
    Path dir;

    private static Map<String, KeyProviderFactory> factories() {
        Map<String, KeyProviderFactory> m = new TreeMap<>();
        ServiceLoader.load(KeyProviderFactory.class).forEach(f -> m.put(f.type(), f));
        return m;
    }

    @Test
    void bothTypesAreRegisteredWithTheirSandboxSystems() {
        Map<String, KeyProviderFactory> m = factories();
        assertEquals(Set.of("vault_kv", "aws_secretsmanager"), m.keySet());
        assertEquals("vault", m.get("vault_kv").sandboxSystem());
        assertEquals("aws", m.get("aws_secretsmanager").sandboxSystem());
        assertTrue(Sandbox.PROVIDERS.containsAll(List.of("vault", "aws")));
        assertEquals(Set.of("secret_id", "version_stage", "version_id", "field", "region", "profile", "endpoint",
                "max_retries"), m.get("aws_secretsmanager").schema().attributes().keySet(),
                "no static keys in a key provider block");
        assertTrue(m.get("vault_kv").schema().attributes().get("token").sensitive());
        assertTrue(m.get("vault_kv").schema().blocks().keySet().containsAll(List.of("auth_kubernetes",
                "auth_approle")), "the vault provider's auth methods");
    }

    @Test
    void decodedFromTheLockstepBlockAndOpened() throws Exception {
        VaultEmulator vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        SecretsManagerEmulator sm = new SecretsManagerEmulator(new AwsSettings(), EmulatorServer.Options.defaults());
        vault.start();
        sm.start();
        try {
            vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
            vault.putSecret("secret/lockstep", Map.of("key", KEY2_TEXT));
            sm.createSecret("us-east-1", "lockstep/key", "{\"k\":\"" + KEY1_TEXT + "\"}");
            String hcl = """
                    lockstep {
                      encryption {
                        key_provider "vault_kv" "v" {
                          address = var.vault_addr
                          token   = var.vault_token
                          path    = "lockstep"
                          version = 1
                        }
                        key_provider "aws_secretsmanager" "a" {
                          secret_id = "lockstep/key"
                          field     = "k"
                          endpoint  = var.sm_endpoint
                          region    = "us-east-1"
                        }
                        method "aes_gcm" "m" {
                          keys = key_provider.vault_kv.v
                        }
                        state {
                          method = method.aes_gcm.m
                        }
                      }
                    }
                    """;
            Map<String, String> env = Map.of("HOME", dir.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                    "AWS_ACCESS_KEY_ID", AwsSettings.DEFAULT_ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", AwsSettings.DEFAULT_SECRET_KEY,
                    "LOCKSTEP_VAR_vault_addr", vault.baseUri().toString(),
                    "TF_VAR_vault_token", vault.rootToken(),
                    "LOCKSTEP_VAR_sm_endpoint", sm.baseUri().toString());
            Diagnostics d = new Diagnostics();
            Body file = Hcl.parseFile(hcl, "main.hcl", d);
            Settings s = SettingsDecoder.decode(dir, file.blocks(), d, env);
            assertFalse(d.hasErrors(), d::toString);
            Map<String, KeyProviderFactory> f = factories();
            Map<String, EncryptionSettings.KeyProvider> kps = s.encryption().keyProviders();

            EncryptionSettings.KeyProvider v = kps.get("vault_kv.v");
            KeyProvider vk = f.get(v.type()).open(v.label(), v.arguments(), env, Map.of());
            assertEquals("secret/lockstep#1", ((StaticKeyProvider) vk).keyId(), "version 1 was pinned");
            assertArrayEquals(KEY1, vk.encryptionKey().key());

            EncryptionSettings.KeyProvider a = kps.get("aws_secretsmanager.a");
            KeyProvider ak = f.get(a.type()).open(a.label(), a.arguments(), env, Map.of());
            assertEquals("aws_secretsmanager.a", ak.name());
            assertArrayEquals(KEY1, ak.encryptionKey().key());
        } finally {
            vault.stop();
            sm.stop();
        }
    }

    @Test
    void variablesInNestedBlocksComeFromTheEnvironmentToo() {
        String hcl = """
                lockstep {
                  encryption {
                    key_provider "vault_kv" "v" {
                      path = "lockstep"
                      auth_approle {
                        role_id   = var.role
                        secret_id = var.secret
                      }
                    }
                  }
                }
                """;
        Diagnostics d = new Diagnostics();
        Body file = Hcl.parseFile(hcl, "main.hcl", d);
        Settings s = SettingsDecoder.decode(dir, file.blocks(), d, Map.of("LOCKSTEP_VAR_role", "r-1",
                "TF_VAR_secret", "s-canary"));
        assertFalse(d.hasErrors(), d::toString);
        var approle = s.encryption().keyProviders().get("vault_kv.v").arguments().get("auth_approle");
        var block = approle.isList() ? approle.elements().get(0) : approle;
        assertEquals("r-1", block.get("role_id").asString());
        assertEquals("s-canary", block.get("secret_id").asString());
    }

    @Test
    void typeSchemaAndSandboxSystemLoadNoSdkClass() throws Exception {
        try (RecordingLoader loader = RecordingLoader.ofTestClassPath()) {
            Class<?> spi = loader.loadClass(KeyProviderFactory.class.getName());
            List<String> types = new ArrayList<>();
            for (Object f : ServiceLoader.load(spi, loader)) {
                types.add((String) spi.getMethod("type").invoke(f));
                spi.getMethod("sandboxSystem").invoke(f);
                Method schema = spi.getMethod("schema");
                assertTrue(schema.invoke(f).toString().contains("secret"), "a schema was built");
            }
            assertTrue(types.containsAll(List.of("vault_kv", "aws_secretsmanager")), types.toString());
            assertTrue(loader.loaded(VaultKvKeyProviderFactory.class.getName()), "the check saw our classes");
            assertEquals(List.of(), loader.sdk(), "SDK classes loaded by type(), schema() or sandboxSystem()");
        }
    }
}
