package dev.lockstep.planner.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.RunSettings;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.testing.ApproveAll;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.MemoryBackendFactory;
import dev.lockstep.state.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted state and plan files through the front door: what lands on disk (or in a shared store)
 * never holds a canary value, a wrong or missing key changes nothing, and rotation and migration
 * work with a fallback.
 */
class EncryptedStateTest {

    static final String CANARY = "canary-7f3a9c1e-visible-only-to-key-holders";
    static final String PASS = "correct horse battery staple";

    @TempDir
    Path dir;

    private static String encryption(String providers, String state) {
        return """
                lockstep {
                  @BACKEND@
                  encryption {
                    %s
                    method "aes_gcm" "new" {
                      keys = key_provider.pbkdf2.new
                    }
                    method "unencrypted" "migrate" {}
                    %s
                    plan {
                      method = method.aes_gcm.new
                    }
                  }
                }
                resource "terraform_data" "a" {
                  input = var.n
                }
                variable "n" {
                  type = string
                }
                """.formatted(providers, state);
    }

    private static final String NEW_KEY = """
            key_provider "pbkdf2" "new" {
              passphrase = var.passphrase
              iterations = 200000
            }""";

    private static final String STATE_NEW = """
            state {
              method   = method.aes_gcm.new
              enforced = true
            }""";

    private Outcome<Workspace> open(Map<String, String> env) {
        return Workspace.open(new Workspace.Request(dir, env, RunSettings.DEFAULTS, Workspace.NO_SANDBOX,
                ProviderLog.NONE));
    }

    private Workspace ws(Map<String, String> env) {
        Outcome<Workspace> o = open(env);
        assertTrue(o.ok(), () -> Configs.describe(o.diagnostics()));
        return o.result();
    }

    private static final ApplyCallbacks APPROVE = new ApproveAll();

    private static Outcome<ApplyReport> apply(Workspace w, String n) {
        return w.operations().apply(new ApplyRequest("apply", PlanOptions.defaults(), null,
                new VariableInputs(Map.of(), List.of(), List.of("n=" + n)), Duration.ZERO, true), APPROVE);
    }

    private void assertNoCanaryIn(Path root) throws Exception {
        byte[] b64 = Base64.getEncoder().encode(CANARY.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(CANARY), f + " holds the canary");
                assertFalse(text.contains(new String(b64, StandardCharsets.ISO_8859_1)), f + " holds the canary in base64");
            }
        }
    }

    @Test
    void stateSnapshotsJournalAndPlanAreEncryptedAndAWrongKeyChangesNothing() throws Exception {
        Configs.write(dir, "main.hcl", encryption(NEW_KEY, STATE_NEW).replace("@BACKEND@", ""));
        Map<String, String> env = Map.of("LOCKSTEP_VAR_passphrase", PASS);
        try (Workspace w = ws(env)) {
            Outcome<ApplyReport> a = apply(w, CANARY);
            assertTrue(a.ok(), () -> Configs.describe(a.diagnostics()));
            Outcome<Planned> p = w.operations().plan(new PlanRequest(PlanOptions.defaults(),
                    new VariableInputs(Map.of(), List.of(), List.of("n=" + CANARY + "-2")), Duration.ZERO,
                    Path.of("plan.out")));
            assertTrue(p.ok(), () -> Configs.describe(p.diagnostics()));
            assertEquals(CANARY, w.state().current().result().resources().values().iterator().next().attributes()
                    .get("input").asString(), "the key holder reads it back");
        }
        assertTrue(Files.readString(dir.resolve(".lockstep/state.json")).startsWith("{\"encrypted\":1"));
        assertNoCanaryIn(dir.resolve(".lockstep"));
        assertFalse(Files.readString(dir.resolve("plan.out"), StandardCharsets.ISO_8859_1).contains(CANARY));

        byte[] before = Files.readAllBytes(dir.resolve(".lockstep/state.json"));
        try (Workspace w = ws(Map.of("LOCKSTEP_VAR_passphrase", "a different passphrase, long enough"))) {
            Outcome<State> s = w.state().current();
            String text = Configs.describe(s.diagnostics());
            assertInstanceOf(Outcome.Failed.class, s, text);
            assertTrue(text.contains("Cannot decrypt") && text.contains("state.json") && !text.contains(".."), text);
            assertFalse(text.contains(PASS), text);
            Outcome<ApplyReport> a = apply(w, "other");
            assertFalse(a.ok());
            Outcome<dev.lockstep.planner.planfile.SavedPlan> plan = w.operations().readPlan(Path.of("plan.out"));
            assertEquals(Refusal.PLAN_UNUSABLE, assertInstanceOf(Outcome.Refused.class, plan).reason());
        }
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(".lockstep/state.json")), "nothing written");

        Outcome<Workspace> shortOne = open(Map.of("LOCKSTEP_VAR_passphrase", "too short"));
        String shortText = Configs.describe(shortOne.diagnostics());
        assertTrue(!shortOne.ok() && shortText.contains("Passphrase too short") && shortText.contains("main.hcl:")
                && !shortText.contains("too short ("), shortText);

        Outcome<Workspace> missing = open(Map.of());
        String text = Configs.describe(missing.diagnostics());
        assertTrue(!missing.ok() && text.contains("LOCKSTEP_VAR_passphrase") && text.contains("main.hcl:"), text);
    }

    @Test
    void aFlippedByteInTheStateIsRefused() throws Exception {
        Configs.write(dir, "main.hcl", encryption(NEW_KEY, STATE_NEW).replace("@BACKEND@", ""));
        Map<String, String> env = Map.of("LOCKSTEP_VAR_passphrase", PASS);
        try (Workspace w = ws(env)) {
            assertTrue(apply(w, "x").ok());
        }
        Path f = dir.resolve(".lockstep/state.json");
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x01;
        Files.write(f, b);
        try (Workspace w = ws(env)) {
            assertInstanceOf(Outcome.Failed.class, w.state().current());
        }
    }

    @Test
    void aPlaintextStateIsRefusedUntilTheUnencryptedFallbackMigratesIt() throws Exception {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = var.n
                }
                variable "n" {
                  type = string
                }
                """);
        try (Workspace w = ws(Map.of())) {
            assertTrue(apply(w, "plain").ok());
        }
        Map<String, String> env = Map.of("LOCKSTEP_VAR_passphrase", PASS);
        Configs.write(dir, "main.hcl", encryption(NEW_KEY, STATE_NEW).replace("@BACKEND@", ""));
        try (Workspace w = ws(env)) {
            Outcome<State> s = w.state().current();
            String text = Configs.describe(s.diagnostics());
            assertTrue(!s.ok() && text.contains("is not encrypted") && text.contains("fallback"), text);
        }
        Configs.write(dir, "main.hcl", encryption(NEW_KEY, """
                state {
                  method = method.aes_gcm.new
                  fallback {
                    method = method.unencrypted.migrate
                  }
                }""").replace("@BACKEND@", ""));
        try (Workspace w = ws(env)) {
            assertTrue(apply(w, "now encrypted").ok());
        }
        assertTrue(Files.readString(dir.resolve(".lockstep/state.json")).startsWith("{\"encrypted\":1"));
        // rotation: a new key provider encrypts, the previous one is the fallback that reads what it wrote
        String rotation = """
                lockstep {
                  encryption {
                    key_provider "pbkdf2" "new" {
                      passphrase = var.passphrase
                      iterations = 200000
                    }
                    key_provider "pbkdf2" "next" {
                      passphrase = var.next
                      iterations = 200000
                    }
                    method "aes_gcm" "new" {
                      keys = key_provider.pbkdf2.new
                    }
                    method "aes_gcm" "next" {
                      keys = key_provider.pbkdf2.next
                    }
                    state {
                      method = method.aes_gcm.next
                      fallback {
                        method = method.aes_gcm.new
                      }
                    }
                  }
                }
                resource "terraform_data" "a" {
                  input = var.n
                }
                variable "n" {
                  type = string
                }
                """;
        Configs.write(dir, "main.hcl", rotation);
        Map<String, String> rotated = Map.of("LOCKSTEP_VAR_passphrase", PASS, "LOCKSTEP_VAR_next",
                "the next passphrase for this state");
        try (Workspace w = ws(rotated)) {
            assertEquals("now encrypted", w.state().current().result().resources().values().iterator().next()
                    .attributes().get("input").asString());
            assertTrue(apply(w, "rotated").ok());
        }
        String nextOnly = rotation.replaceAll("(?s)key_provider \"pbkdf2\" \"new\" \\{.*?\n    \\}\n", "")
                .replaceAll("(?s)method \"aes_gcm\" \"new\" \\{.*?\n    \\}\n", "")
                .replaceAll("(?s)      fallback \\{.*?\n      \\}\n", "");
        Configs.write(dir, "main.hcl", nextOnly);
        try (Workspace w = ws(Map.of("LOCKSTEP_VAR_next", "the next passphrase for this state"))) {
            Outcome<State> s = w.state().current();
            assertTrue(s.ok(), () -> nextOnly + Configs.describe(s.diagnostics()));
            assertEquals("rotated", s.result().resources().values().iterator().next()
                    .attributes().get("input").asString(), "the latest version opens with the new key alone");
        }
    }

    @Test
    void aSharedStoreHoldsOnlyCiphertextAndAnUnencryptedShareIsWarnedAbout() throws Exception {
        String name = UUID.randomUUID().toString();
        String backend = "backend \"memory\" {\n    name = \"" + name + "\"\n  }";
        Configs.write(dir, "main.hcl", encryption(NEW_KEY, STATE_NEW).replace("@BACKEND@", backend));
        try (Workspace w = ws(Map.of("LOCKSTEP_VAR_passphrase", PASS))) {
            assertTrue(apply(w, CANARY).ok());
        }
        byte[] b64 = Base64.getEncoder().encode(CANARY.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> blob : MemoryBackendFactory.store(name).blobs().entrySet()) {
            String text = new String(blob.getValue(), StandardCharsets.ISO_8859_1);
            String unzipped = blob.getKey().startsWith("chunk.") ? new String(new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(blob.getValue())).readAllBytes(), StandardCharsets.ISO_8859_1) : text;
            assertFalse(text.contains(CANARY) || unzipped.contains(CANARY), blob.getKey());
            assertFalse(unzipped.contains(new String(b64, StandardCharsets.ISO_8859_1)), blob.getKey());
        }
        Configs.write(dir, "main.hcl", "lockstep {\n  " + backend + "\n}\n");
        Outcome<Workspace> plain = open(Map.of());
        assertTrue(Configs.describe(plain.diagnostics()).contains("Shared state is not encrypted"),
                Configs.describe(plain.diagnostics()));
    }

    @Test
    void migrateReadsTheSourceWithTheEncryptionOfTheFromFileAndWritesWithTheNewOne() throws Exception {
        Configs.write(dir, "main.hcl", encryption(NEW_KEY, STATE_NEW).replace("@BACKEND@", ""));
        try (Workspace w = ws(Map.of("LOCKSTEP_VAR_passphrase", PASS))) {
            assertTrue(apply(w, "moved").ok());
        }
        String name = UUID.randomUUID().toString();
        String old = encryption(NEW_KEY, STATE_NEW).replace("@BACKEND@", "backend \"local\" {}");
        Configs.write(dir, "old.hcl.txt", old.substring(0, old.indexOf("resource \"terraform_data\"")));
        Configs.write(dir, "plain-old.hcl.txt", "lockstep {\n  backend \"local\" {}\n}\n");
        Configs.write(dir, "main.hcl", encryption(NEW_KEY.replace("var.passphrase", "var.next"), STATE_NEW)
                .replace("@BACKEND@", "backend \"memory\" {\n    name = \"" + name + "\"\n  }"));
        Map<String, String> env = Map.of("LOCKSTEP_VAR_passphrase", PASS, "LOCKSTEP_VAR_next",
                "the passphrase of the shared state");
        try (Workspace w = ws(env)) {
            Outcome<StateMigration.Migrated> plain = w.state().migrate(Path.of("plain-old.hcl.txt"), Duration.ZERO);
            String text = Configs.describe(plain.diagnostics());
            assertTrue(!plain.ok() && text.contains("no encryption block"), text);
            Outcome<StateMigration.Migrated> m = w.state().migrate(Path.of("old.hcl.txt"), Duration.ZERO);
            assertTrue(m.ok(), () -> Configs.describe(m.diagnostics()));
        }
        try (Workspace w = ws(Map.of("LOCKSTEP_VAR_next", "the passphrase of the shared state"))) {
            assertEquals("moved", w.state().current().result().resources().values().iterator().next().attributes()
                    .get("input").asString(), "the target opens with its own key alone");
        }
    }
}
