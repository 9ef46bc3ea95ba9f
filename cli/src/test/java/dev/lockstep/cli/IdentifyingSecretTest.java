package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sensitive value in an attribute that names its object (a Kubernetes name or namespace, a
 * Databricks secret scope or workspace path) is refused at the attribute, because the name
 * becomes the object's id, which plans and state show in clear: the canary appears in no output
 * and in no file; {@code nonsensitive()} says the value is not secret and is accepted.
 */
class IdentifyingSecretTest {

    private static final String CANARY = "canary-name-91b4";

    @TempDir
    Path dir;

    private static final String CONFIG = """
            variable "ns" {
              sensitive = true
            }
            resource "kubernetes_namespace" "team" {
              metadata {
                name = %s
              }
            }
            resource "kubernetes_config_map" "settings" {
              metadata {
                name      = "settings"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = {
                mode = "on"
              }
            }
            resource "databricks_secret_scope" "team" {
              name = %s
            }
            """;

    private void assertNoCanaryInAnyFile() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(CANARY), f.toString());
            }
        }
    }

    @Test
    void aSecretInANameIsRefusedAtTheAttributeAndNeverShown() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG.formatted("var.ns", "\"scope-${var.ns}\""));
        for (List<String> args : List.of(List.of("validate"), List.of("plan"), List.of("apply", "--auto-approve"))) {
            String[] all = Stream.concat(args.stream(), Stream.of("--var", "ns=" + CANARY)).toArray(String[]::new);
            CliTest.Run r = CliTest.onSandbox(dir, all);
            String what = String.join(" ", args) + ":\n" + r.out() + r.err();
            assertEquals(1, r.code(), what);
            assertFalse((r.out() + r.err()).contains(CANARY), what);
            assertTrue(r.err().contains("Sensitive value in an identifying attribute"), what);
            // at the value of metadata.name and of the scope's name
            assertTrue(r.err().contains("on main.hcl line 6, column 12"), what);
            assertTrue(r.err().contains("on main.hcl line 19, column 10"), what);
            assertTrue(r.err().contains("anyone who can list these objects can read it"), what);
            assertTrue(r.err().contains("nonsensitive()"), what);
            assertFalse(r.out().contains("Apply complete"), what);
        }
        assertNoCanaryInAnyFile();
    }

    @Test
    void aSecretInAManifestsNameIsRefusedToo() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "ns" {
                  sensitive = true
                }
                resource "kubernetes_manifest" "cm" {
                  manifest = {
                    apiVersion = "v1"
                    kind       = "ConfigMap"
                    metadata   = { name = "cm-${var.ns}", namespace = "default" }
                    data       = { mode = "on" }
                  }
                }
                """);
        for (List<String> args : List.of(List.of("plan"), List.of("apply", "--auto-approve"))) {
            String[] all = Stream.concat(args.stream(), Stream.of("--var", "ns=" + CANARY)).toArray(String[]::new);
            CliTest.Run r = CliTest.onSandbox(dir, all);
            String what = String.join(" ", args) + ":\n" + r.out() + r.err();
            assertEquals(1, r.code(), what);
            assertFalse((r.out() + r.err()).contains(CANARY), what);
            assertTrue(r.err().contains("Sensitive value in an identifying attribute"), what);
            assertTrue(r.err().contains("manifest.metadata.name"), what);
        }
        assertNoCanaryInAnyFile();
    }

    @Test
    void nonsensitiveSaysTheNameIsNotSecret() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG.formatted("nonsensitive(var.ns)",
                "nonsensitive(\"scope-${var.ns}\")"));
        CliTest.Run r = CliTest.onSandbox(dir, "apply", "--auto-approve", "--var", "ns=team-a");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Apply complete! Resources: 3 added"), r.out());
        assertTrue(r.out().contains("id=team-a"), r.out());
    }
}
