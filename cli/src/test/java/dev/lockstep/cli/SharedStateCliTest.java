package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared backends and encryption from the command line, on the sandbox's own emulators (no
 * {@code serve}): migrating a local state into the Kubernetes backend and back out to S3,
 * re-encrypting after a rotation, and the errors a user meets first.
 */
class SharedStateCliTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(System.getenv());

    private CliTest.Run run(String... args) {
        List<String> a = new ArrayList<>(List.of("--sandbox", "--no-color", "-C", dir.toString()));
        a.addAll(List.of(args));
        return CliTest.run(env, a.toArray(String[]::new));
    }

    private void write(String lockstepBlock) throws Exception {
        Files.writeString(dir.resolve("main.hcl"), lockstepBlock + """

                resource "terraform_data" "a" {
                  count = 3
                  input = "value-${count.index}"
                }
                """);
    }

    private static final String KUBERNETES = """
            lockstep {
              backend "kubernetes" {
                secret_suffix = "cli"
              }
            }
            """;

    @Test
    void aLocalStateMovesToKubernetesWithItsHistoryAndOnToS3() throws Exception {
        write("");
        assertEquals(0, run("apply", "--auto-approve").code());
        Files.writeString(dir.resolve("main.hcl"), Files.readString(dir.resolve("main.hcl")).replace("count = 3",
                "count = 4"));
        assertEquals(0, run("apply", "--auto-approve").code());
        Files.writeString(dir.resolve("old.hcl.txt"), "lockstep {\n  backend \"local\" {}\n}\n");
        Files.writeString(dir.resolve("main.hcl"), KUBERNETES + Files.readString(dir.resolve("main.hcl")));

        CliTest.Run empty = run("state", "list");
        assertEquals(0, empty.code(), empty.err());
        assertEquals("", empty.out().trim(), "the new backend is empty until migrated");
        assertTrue(empty.err().contains("Shared state is not encrypted"), empty.err());

        CliTest.Run m = run("state", "migrate");
        assertEquals(0, m.code(), m.out() + m.err());
        assertTrue(m.out().contains("Copied 2 versions (serials 1 to 2)") && m.out().contains("lockstep-cli"),
                m.out());
        assertEquals(4, run("state", "list").out().lines().count());
        assertTrue(run("state", "history").out().contains("apply"));
        assertEquals(0, run("plan", "--detailed-exitcode").code(), "converged after the move");
        CliTest.Run again = run("state", "migrate");
        assertTrue(again.out().contains("is up to date"), again.out());

        // from the Kubernetes backend to S3, naming the old backend with --from
        Files.writeString(dir.resolve("old.hcl.txt"), KUBERNETES);
        Files.writeString(dir.resolve("main.hcl"), Files.readString(dir.resolve("main.hcl")).replace(
                "backend \"kubernetes\" {\n    secret_suffix = \"cli\"\n  }",
                "backend \"s3\" {\n    bucket = \"state\"\n    key    = \"cli/state\"\n    region = \"us-east-1\"\n  }"));
        CliTest.Run toS3 = run("state", "migrate", "--from", "old.hcl.txt");
        assertEquals(0, toS3.code(), toS3.out() + toS3.err());
        assertTrue(toS3.out().contains("lockstep-state-cli") || toS3.out().contains("Secrets"), toS3.out());
        assertEquals(0, run("plan", "--detailed-exitcode").code(), "converged in S3");
    }

    @Test
    void backendMistakesAreUserErrorsWithPositions() throws Exception {
        write("lockstep {\n  backend \"consul\" {\n    path = \"x\"\n  }\n}\n");
        CliTest.Run r = run("state", "list");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Unsupported backend") && r.err().contains("line 2"), r.err());
        assertTrue(r.err().contains("\"kubernetes\"") && r.err().contains("\"s3\""), r.err());
        write("lockstep {\n  backend \"kubernetes\" {\n    namespace = \"ci\"\n    secret_suffix = \"Bad_Name\"\n  }\n}\n");
        CliTest.Run k = run("validate");
        assertEquals(1, k.code());
        assertTrue(k.err().contains("Invalid backend configuration") && k.err().contains("line 4"), k.err());
        write("lockstep {\n  backend \"s3\" {\n    bucket = \"b\"\n    key = \"k\"\n    dynamodb_table = \"locks\"\n  }\n}\n");
        CliTest.Run d = run("plan");
        assertEquals(1, d.code());
        assertTrue(d.err().contains("dynamodb_table"), d.err());
        assertFalse(d.err().contains("Exception"), d.err());
    }

    @Test
    void rotationThenReencryptLeavesEveryVersionReadableWithTheNewKeyAlone() throws Exception {
        String both = """
                lockstep {
                  backend "kubernetes" {
                    secret_suffix = "rotate"
                  }
                  encryption {
                    key_provider "pbkdf2" "old" {
                      passphrase = var.old
                      iterations = 200000
                    }
                    key_provider "pbkdf2" "new" {
                      passphrase = var.new
                      iterations = 200000
                    }
                    method "aes_gcm" "old" {
                      keys = key_provider.pbkdf2.old
                    }
                    method "aes_gcm" "new" {
                      keys = key_provider.pbkdf2.new
                    }
                    state {
                      method = method.aes_gcm.%s
                      %s
                    }
                  }
                }
                """;
        env.put("LOCKSTEP_VAR_old", "the old passphrase, long enough");
        env.put("LOCKSTEP_VAR_new", "the new passphrase, long enough");
        write(both.formatted("old", ""));
        assertEquals(0, run("apply", "--auto-approve").code());
        write(both.formatted("new", "fallback {\n        method = method.aes_gcm.old\n      }"));
        CliTest.Run re = run("state", "reencrypt");
        assertEquals(0, re.code(), re.out() + re.err());
        assertTrue(re.out().contains("Re-encrypted 1 version"), re.out());
        // without the fallback, and with the old passphrase gone, everything still opens
        env.remove("LOCKSTEP_VAR_old");
        write(both.formatted("new", "").replaceAll("(?s)key_provider \"pbkdf2\" \"old\" \\{.*?\\n    }\\n", "")
                .replaceAll("(?s)method \"aes_gcm\" \"old\" \\{.*?\\n    }\\n", ""));
        CliTest.Run list = run("state", "list");
        assertEquals(0, list.code(), list.err());
        assertEquals(3, list.out().lines().count(), list.out());
        assertTrue(run("state", "history").out().contains("apply"));
        // a wrong passphrase is a clean error that changes nothing
        env.put("LOCKSTEP_VAR_new", "not the passphrase at all, sorry");
        CliTest.Run wrong = run("apply", "--auto-approve");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("Cannot decrypt"), wrong.err());
        assertFalse(wrong.err().contains("not the passphrase") || wrong.err().contains("Exception"), wrong.err());
    }

    private static final String CANARY = "canary-0d9e4b7a-in-no-secret-or-object";

    /**
     * Whether the canary is anywhere in the sandbox's stored objects: in any string of its data
     * files, raw, base64-decoded, or base64-decoded and gunzipped (a chunk).
     */
    private boolean canaryInSandbox() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String f : List.of("kubernetes.json", "s3.json")) {
            Path p = dir.resolve(".lockstep/sandbox").resolve(f);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> strings = new ArrayList<>();
            collect(json.readTree(p.toFile()), strings);
            for (String v : strings) {
                if (v.contains(CANARY) || decoded(v).contains(CANARY)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode n, List<String> into) {
        if (n.isTextual()) {
            into.add(n.textValue());
        }
        n.elements().forEachRemaining(c -> collect(c, into));
    }

    private static String decoded(String v) {
        byte[] b;
        try {
            b = java.util.Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            return "";
        }
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            text += new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            // not gzip
        }
        return text;
    }

    @Test
    void noCanaryInAnySecretOrObjectWhenEncryptedWhileThePlaintextControlShowsIt() throws Exception {
        String config = """
                lockstep {
                  backend "%s" {
                    %s
                  }
                  %s
                }
                resource "terraform_data" "a" {
                  input = "%s"
                }
                """;
        String encryption = """
                encryption {
                    key_provider "pbkdf2" "k" {
                      passphrase = var.pass
                      iterations = 200000
                    }
                    method "aes_gcm" "k" {
                      keys = key_provider.pbkdf2.k
                    }
                    state {
                      method = method.aes_gcm.k
                    }
                    plan {
                      method = method.aes_gcm.k
                    }
                  }""";
        env.put("LOCKSTEP_VAR_pass", "a passphrase for the canary test");
        for (String[] b : List.of(new String[] {"kubernetes", "secret_suffix = \"canary\""},
                new String[] {"s3", "bucket = \"b\"\n    key = \"canary/state\"\n    region = \"us-east-1\""})) {
            Files.writeString(dir.resolve("main.hcl"), config.formatted(b[0], b[1], "", CANARY));
            assertEquals(0, run("apply", "--auto-approve").code());
            assertTrue(canaryInSandbox(), b[0] + ": the control finds the canary in a plaintext state");
            assertEquals(0, run("destroy", "--auto-approve").code());
            assertEquals(0, run("sandbox", "reset").code());

            Files.writeString(dir.resolve("main.hcl"), config.formatted(b[0], b[1], encryption, CANARY));
            CliTest.Run a = run("apply", "--auto-approve");
            assertEquals(0, a.code(), a.out() + a.err());
            Files.writeString(dir.resolve("main.hcl"), config.formatted(b[0], b[1], encryption, CANARY + "-2"));
            CliTest.Run p2 = run("plan", "--out", "plan.out");
            assertEquals(0, p2.code(), p2.out() + p2.err());
            assertFalse(canaryInSandbox(), b[0] + ": encrypted, the canary is in no Secret or object");
            assertFalse(Files.readString(dir.resolve("plan.out"), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains(CANARY), "nor in the plan file");
            assertEquals(0, run("sandbox", "reset").code());
        }
    }
}
