package dev.lockstep.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.testing.Hcl2;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks written the way users write them decode against the schemas the factories publish. */
class HclBlocksTest {

    private static final String CONFIG = """
            provider "vault" {
              address   = "https://vault.example.com:8200"
              namespace = "team-a"
              max_retries = 2

              auth_kubernetes {
                role = "lockstep"
              }
            }

            provider "aws" {
              region  = "eu-west-1"
              profile = "ci"
            }

            data "vault_kv_secret" "db" {
              mount = "secret"
              path  = "team/db"
            }

            data "vault_kv_secret" "pinned" {
              mount   = "team/kv"
              path    = "app"
              version = 3
            }

            data "aws_secretsmanager_secret" "api" {
              secret_id     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf"
              version_stage = "AWSPREVIOUS"
            }

            data "aws_secretsmanager_secret" "by_id" {
              secret_id  = "app/db"
              version_id = "01234567-89ab-cdef-0123-456789abcdef"
            }
            """;

    @TempDir
    Path dir;

    private static Map<String, ProviderFactory> factories() {
        return ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(ProviderFactory::name, f -> f));
    }

    private static Body parse(String hcl) {
        Diagnostics d = new Diagnostics();
        Body b = Hcl.parseFile(hcl, "main.hcl", d);
        assertFalse(d.hasErrors(), d::toString);
        return b;
    }

    private static Map<String, Value> decodeAll(Body file, Diagnostics d) {
        Map<String, ProviderFactory> f = factories();
        Map<String, Value> out = new LinkedHashMap<>();
        for (Block b : file.blocks()) {
            String type = b.label(0);
            ProviderSchema schema = f.get(b.type().equals("provider") ? type : type.substring(0, type.indexOf('_')))
                    .schema();
            if (b.type().equals("provider")) {
                out.put("provider." + type, Hcl2.decode(b, schema.config(), d));
            } else {
                out.put(type + "." + b.label(1), Hcl2.decode(b, schema.dataSources().get(type).block(), d));
            }
        }
        return out;
    }

    @Test
    void bothProvidersAreFoundByServiceLoader() {
        Map<String, ProviderFactory> f = factories();
        assertEquals(List.of("vault_kv_secret"), List.copyOf(f.get("vault").schema().dataSources().keySet()));
        assertEquals(List.of("aws_secretsmanager_secret"), List.copyOf(f.get("aws").schema().dataSources().keySet()));
        assertTrue(f.get("vault").schema().resources().isEmpty() && f.get("aws").schema().resources().isEmpty());
    }

    @Test
    void userBlocksDecode() {
        Diagnostics d = new Diagnostics();
        Map<String, Value> v = decodeAll(parse(CONFIG), d);
        assertFalse(d.hasErrors(), d::toString);

        Value vault = v.get("provider.vault");
        assertEquals("team-a", vault.get("namespace").asString());
        assertEquals("lockstep", vault.get("auth_kubernetes").get("role").asString());
        assertTrue(vault.get("auth_kubernetes").get("jwt_path").isNull());
        assertTrue(vault.get("auth_approle").isNull());
        assertEquals("ci", v.get("provider.aws").get("profile").asString());

        Value db = v.get("vault_kv_secret.db");
        assertEquals("team/db", db.get("path").asString());
        assertTrue(db.get("version").isNull());
        assertEquals(3, v.get("vault_kv_secret.pinned").get("version").asNumber().intValue());
        assertEquals("AWSPREVIOUS", v.get("aws_secretsmanager_secret.api").get("version_stage").asString());
        assertTrue(v.get("aws_secretsmanager_secret.by_id").get("version_stage").isNull());
    }

    @Test
    void credentialSettingsAreMarkedSensitiveWhenDecoded() {
        Diagnostics d = new Diagnostics();
        Map<String, Value> v = decodeAll(parse("""
                provider "vault" {
                  token = "hvs.abc"
                  auth_approle {
                    role_id   = "r"
                    secret_id = "s"
                  }
                }
                provider "aws" {
                  access_key = "AKIA"
                  secret_key = "k"
                }
                """), d);
        assertTrue(v.get("provider.vault").get("token").isSensitive());
        assertTrue(v.get("provider.vault").get("auth_approle").get("secret_id").isSensitive());
        assertFalse(v.get("provider.vault").get("auth_approle").get("role_id").isSensitive());
        assertTrue(v.get("provider.aws").get("secret_key").isSensitive());
    }

    @Test
    void mistakesAreDiagnosedWithPositions() {
        Diagnostics d = new Diagnostics();
        decodeAll(parse("""
                data "vault_kv_secret" "a" {
                  mount = "secret"
                }
                data "vault_kv_secret" "b" {
                  path = "x"
                  data = {}
                }
                data "aws_secretsmanager_secret" "c" {
                  secret_idd = "x"
                }
                provider "vault" {
                  auth_kubernetes {
                    jwt_path = "/tmp/jwt"
                  }
                }
                """), d);
        List<String> errors = d.asList().stream().filter(Diagnostic::isError)
                .map(e -> e.summary() + " @" + e.subject().start().line()).toList();
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("Missing required argument") && e.endsWith("@1")),
                errors.toString());
        assertTrue(errors.contains("Invalid configuration for read-only attribute @6"), errors.toString());
        assertTrue(errors.contains("Unsupported argument @9"), errors.toString());
        assertTrue(d.asList().stream().anyMatch(e -> e.detail().contains("Did you mean \"secret_id\"?")),
                d.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("Missing required argument") && e.endsWith("@12")),
                errors.toString());
    }

    @Test
    void aDecodedBlockReadsThroughTheProvider() {
        VaultEmulator vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        vault.start();
        try {
            vault.putSecret("secret/team/db", Map.of("password", "pw"));
            Diagnostics d = new Diagnostics();
            Map<String, Value> v = decodeAll(parse(CONFIG), d);
            ProviderFactory f = factories().get("vault");
            Value settings = Hcl2.decode("max_retries = 1", f.schema().config());
            Provider p = f.open(new ProviderConfig("vault", null, settings, Map.of("HOME", dir.toString()), dir,
                    dir, Map.of("address", vault.baseUri().toString(), "token", vault.rootToken()), ProviderLog.NONE))
                    .provider();
            DataSourceHandler.DataResponse r = p.dataSource("vault_kv_secret").read(v.get("vault_kv_secret.db"));
            assertTrue(r.diagnostics().isEmpty(), r.diagnostics()::toString);
            assertEquals("pw", r.state().get("data").get("password").unmark().asString());
            p.close();
        } finally {
            vault.stop();
        }
    }
}
