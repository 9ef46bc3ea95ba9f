package dev.lockstep.planner.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.planner.testing.Configs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource bodies are checked against schemas that provider modules register via ServiceLoader. */
class SchemaValidationTest {

    @TempDir
    Path dir;

    private String errors(String hcl) {
        Configs.write(dir, "main.hcl", hcl);
        return Configs.describe(Configs.validate(dir).diagnostics());
    }

    @Test
    void aValidResourceOfARegisteredProviderPasses() {
        String out = errors("""
                provider "testprov" {
                  endpoint = "http://localhost"
                }
                resource "testprov_role" "reader" {
                  description = "reads"
                  metadata {
                    name   = "reader"
                    labels = { team = "data" }
                  }
                  rule {
                    verbs = ["get", "list"]
                  }
                  dynamic "rule" {
                    for_each = ["pods", "secrets"]
                    content {
                      verbs     = ["watch"]
                      resources = [rule.value]
                    }
                  }
                }
                data "testprov_lookup" "x" {
                  name = testprov_role.reader.metadata.name
                }
                """);
        assertEquals("", out);
    }

    @Test
    void aValueTheSchemaDoesNotAllowIsAnErrorAtTheAttributeWithTheClosestValue() {
        String out = errors("""
                resource "testprov_role" "r" {
                  metadata { name = "r" }
                  tier   = "PREMUIM"
                  grants = ["read", "OWN_EVERYTHING"]
                }
                """);
        assertTrue(out.contains("error: Invalid value for \"tier\" @ main.hcl:3:12"), out);
        assertTrue(out.contains("tier must be one of STANDARD, PREMIUM, not \"PREMUIM\". Did you mean \"PREMIUM\"?"),
                out);
        assertTrue(out.contains("error: Invalid value for \"grants\" @ main.hcl:4:12"), out);
        assertTrue(out.contains("grants must be one of READ, WRITE, MANAGE (in any case), not \"OWN_EVERYTHING\"."),
                out);
        assertFalse(out.contains("\"read\""), "lower case is allowed where the schema ignores case: " + out);
    }

    @Test
    void unknownValuesPassUntilTheyAreKnownAndKnownValuesFromVariablesAreChecked() {
        String out = errors("""
                variable "tier" {
                  default = "GOLD"
                }
                resource "testprov_role" "a" {
                  metadata { name = "a" }
                  description = "x"
                }
                resource "testprov_role" "r" {
                  metadata { name = "r" }
                  tier   = testprov_role.a.description
                  grants = [testprov_role.a.id]
                }
                resource "testprov_role" "v" {
                  metadata { name = "v" }
                  tier = var.tier
                }
                """);
        assertEquals(1, out.lines().filter(l -> l.startsWith("error:")).count(), out);
        assertTrue(out.contains("error: Invalid value for \"tier\" @ main.hcl:15:10"), out);
        assertTrue(out.contains("not \"GOLD\"."), out);
    }

    @Test
    void unknownArgumentHasADidYouMean() {
        String out = errors("""
                resource "testprov_role" "r" {
                  descripton = "x"
                  metadata { name = "r" }
                }
                """);
        assertTrue(out.contains("error: Unsupported argument @ main.hcl:2:3"), out);
        assertTrue(out.contains("Did you mean \"description\"?"), out);
    }

    @Test
    void missingRequiredBlockAndAttribute() {
        String out = errors("""
                resource "testprov_role" "r" {
                  rule {
                    resources = ["pods"]
                  }
                }
                """);
        assertTrue(out.contains("error: Insufficient metadata blocks @ main.hcl:1:1"), out);
        assertTrue(out.contains("error: Missing required argument @ main.hcl:2:3"), out);
        assertTrue(out.contains("\"verbs\" is required"), out);
    }

    @Test
    void wrongTypeAndReadOnlyAndTooManyBlocks() {
        String out = errors("""
                resource "testprov_role" "r" {
                  id       = "mine"
                  replicas = "three"
                  metadata { name = "r" }
                  rule { verbs = ["a"] }
                  rule { verbs = ["b"] }
                  rule { verbs = ["c"] }
                  rule { verbs = ["d"] }
                }
                """);
        assertTrue(out.contains("error: Invalid configuration for read-only attribute @ main.hcl:2:3"), out);
        assertTrue(out.contains("error: Incorrect attribute value type @ main.hcl:3:14"), out);
        assertTrue(out.contains("error: Too many rule blocks @ main.hcl:8:3"), out);
    }

    @Test
    void blockWrittenAsAttributeAndUnknownBlock() {
        String out = errors("""
                resource "testprov_role" "r" {
                  metadata = { name = "r" }
                  rules { verbs = [] }
                }
                """);
        assertTrue(out.contains("error: Unsupported argument @ main.hcl:2:3"), out);
        assertTrue(out.contains("is a block"), out);
        assertTrue(out.contains("error: Unsupported block type @ main.hcl:3:3"), out);
        assertTrue(out.contains("Did you mean \"rule\"?"), out);
    }

    @Test
    void unknownTypeOfAKnownProviderAndUnknownProvider() {
        String out = errors("""
                resource "testprov_rol" "r" {}
                resource "nosuch_thing" "x" {}
                provider "nosuch" {}
                """);
        assertTrue(out.contains("error: Invalid resource type @ main.hcl:1:1"), out);
        assertTrue(out.contains("Did you mean \"testprov_role\"?"), out);
        assertTrue(out.contains("error: Missing provider @ main.hcl:2:1"), out);
        assertTrue(out.contains("error: Missing provider @ main.hcl:3:1"), out);
    }

    @Test
    void providerBlockIsCheckedAgainstItsSchema() {
        String out = errors("""
                provider "testprov" {
                  endpont = "x"
                }
                """);
        assertTrue(out.contains("error: Unsupported argument @ main.hcl:2:3"), out);
        assertTrue(out.contains("Did you mean \"endpoint\"?"), out);
    }
}
