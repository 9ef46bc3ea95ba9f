package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text plan of the real Kubernetes provider on the sandbox shows its nested blocks as
 * Terraform shows them: a label added to a namespace is a change inside {@code ~ metadata {},
 * with the computed attributes the provider recomputes on update known after apply and the
 * unchanged ones counted.
 */
class KubernetesPlanTextTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            resource "kubernetes_namespace" "team" {
              metadata {
                name   = "team"
                labels = %s
              }
            }
            """;

    private CliTest.Run run(String... args) {
        return CliTest.onSandbox(dir, args);
    }

    @Test
    void aLabelChangeIsAChangeInsideTheMetadataBlock() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG.formatted("{ team = \"data\" }"));
        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(0, apply.code(), apply.out() + apply.err());

        Files.writeString(dir.resolve("main.hcl"), CONFIG.formatted("{ team = \"data\", env = \"prod\" }"));
        CliTest.Run plan = run("plan");
        assertEquals(0, plan.code(), plan.out() + plan.err());
        String out = plan.out();
        int at = out.indexOf("  # kubernetes_namespace.team will be updated in-place");
        assertTrue(at >= 0, out);
        assertEquals("""
                  # kubernetes_namespace.team will be updated in-place
                  ~ resource "kubernetes_namespace" "team" {
                        id = "team"

                      ~ metadata {
                          ~ generation       = 1 -> (known after apply)
                          ~ labels           = {
                              + "env"  = "prod"
                                # (1 unchanged element hidden)
                            }
                            name             = "team"
                          ~ resource_version = "5" -> (known after apply)
                            # (1 unchanged attribute hidden)
                        }
                    }
                """, out.substring(at, out.indexOf("\n\n", out.indexOf("\n    }", at)) + 1));
    }
}
