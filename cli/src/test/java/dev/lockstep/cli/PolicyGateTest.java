package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy gate from the command line: a mandatory failure exits 3 at plan (no plan file) and at
 * apply (nothing created), an advisory one is reported and exits as before, waivers waive until
 * they expire, and policy and waiver blocks with mistakes are errors at their positions.
 */
class PolicyGateTest {

    @TempDir
    Path dir;

    private static final String DATA = """
            resource "terraform_data" "web" {
              input = { public = true, owner = "" }
            }
            resource "terraform_data" "db" {
              input = { public = false, owner = "data" }
            }
            """;

    private static final String POLICY = """
            policy "no-public-data" {
              enforcement    = "%s"
              title          = "Objects are not public"
              resource_types = ["terraform_data"]
              condition      = !self.input.public
              error_message  = "${self.input.owner == "" ? "an unowned object" : self.input.owner} is public"
            }
            """;

    private CliTest.Run run(String... args) {
        return CliTest.in(dir, args);
    }

    private void write(String content) throws Exception {
        Files.writeString(dir.resolve("main.hcl"), content);
    }

    private static String day(int offset) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(offset).toString();
    }

    private String waiver(String expires) {
        return """
                waiver "web-is-public" {
                  policy    = "no-public-data"
                  resources = ["terraform_data.web"]
                  reason    = "the landing page is public on purpose"
                  owner     = "web-team@example.com"
                  expires   = "%s"
                }
                """.formatted(expires);
    }

    @Test
    void aMandatoryFailureExitsThreeSavesNoPlanAndAppliesNothing() throws Exception {
        write(DATA + POLICY.formatted("mandatory"));
        CliTest.Run plan = run("plan", "-o", "p.plan");
        assertEquals(3, plan.code(), plan.out() + plan.err());
        assertFalse(Files.exists(dir.resolve("p.plan")), "a blocked plan is not saved");
        assertTrue(plan.out().contains("no-public-data"), plan.out());
        assertTrue(plan.out().contains("terraform_data.web"), plan.out());
        assertTrue(plan.err().contains("Policy \"no-public-data\" failed"), plan.err());
        assertTrue(plan.err().contains("on main.hcl line 1, column 1"), "the error points at the resource block: " + plan.err());
        assertTrue(plan.err().contains("an unowned object is public"), plan.err());
        assertFalse(plan.err().contains("terraform_data.db:"), "db passes: " + plan.err());

        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(3, apply.code(), apply.out() + apply.err());
        CliTest.Run list = run("state", "list");
        assertEquals("", list.out().strip(), "nothing was created: " + list.out());
        String audit = Files.readString(dir.resolve(".lockstep/audit.jsonl"));
        assertTrue(audit.contains("\"kind\":\"policy\"") && audit.contains("\"outcome\":\"refused\""), audit);
    }

    @Test
    void anAdvisoryFailureIsReportedAndChangesNothingElse() throws Exception {
        write(DATA + POLICY.formatted("advisory"));
        CliTest.Run plan = run("plan", "-o", "p.plan", "--detailed-exitcode");
        assertEquals(2, plan.code(), plan.out() + plan.err());
        assertTrue(plan.out().contains("no-public-data"), plan.out());
        assertTrue(Files.exists(dir.resolve("p.plan")));
        CliTest.Run apply = run("apply", "p.plan");
        assertEquals(0, apply.code(), apply.out() + apply.err());
        assertTrue(run("state", "list").out().contains("terraform_data.web"));
    }

    @Test
    void aWaiverWaivesUntilItExpiresAndThenSaysSo() throws Exception {
        write(DATA + POLICY.formatted("mandatory") + waiver(day(30)));
        CliTest.Run plan = run("plan", "--format", "json");
        assertEquals(0, plan.code(), plan.out() + plan.err());
        JsonNode results = new ObjectMapper().readTree(plan.out()).get("policy_results");
        assertEquals(1, results.size(), results.toString());
        assertEquals("waived", results.get(0).get("status").asText());
        assertEquals("web-is-public", results.get(0).get("waiver").get("name").asText());

        write(DATA + POLICY.formatted("mandatory") + waiver(day(0)));
        assertEquals(0, run("plan").code(), "a waiver still waives on its last day");

        write(DATA + POLICY.formatted("mandatory") + waiver(day(-1)));
        CliTest.Run expired = run("plan");
        assertEquals(3, expired.code(), expired.out() + expired.err());
        assertTrue(expired.err().contains("Waiver expired"), expired.err());
        assertTrue(expired.err().contains("expired on " + day(-1)), expired.err());
    }

    @Test
    void aWaiverCoversOnlyTheResourcesItNames() throws Exception {
        write(DATA.replace("public = false", "public = true") + POLICY.formatted("mandatory") + waiver(day(30)));
        CliTest.Run plan = run("plan");
        assertEquals(3, plan.code(), plan.out() + plan.err());
        assertTrue(plan.err().contains("terraform_data.db: data is public"), plan.err());
        assertFalse(plan.err().contains("terraform_data.web:"), plan.err());
    }

    @Test
    void mistakesInPolicyAndWaiverBlocksAreErrorsAtTheirPositions() throws Exception {
        write(DATA + """
                policy "k8s-ingress-tls" {
                  enforcment = "advisory"
                }
                policy "team-label" {
                  enforcement    = "sometimes"
                  resource_types = ["terraform_data"]
                  condition      = true
                  error_message  = "x"
                }
                waiver "w" {
                  policy    = "k8s-ingres-tls"
                  resources = ["terraform_data.web"]
                  reason    = "r"
                  owner     = "o"
                  expires   = "31/01/2027"
                }
                """);
        CliTest.Run v = run("validate");
        assertEquals(1, v.code(), v.out() + v.err());
        assertTrue(v.err().contains("main.hcl line 8, column 3"), "unknown argument: " + v.err());
        assertTrue(v.err().contains("Did you mean \"enforcement\"?"), v.err());
        assertTrue(v.err().contains("main.hcl line 11, column 20"), "bad enforcement word: " + v.err());
        assertTrue(v.err().contains("main.hcl line 17, column 15"), "unknown policy: " + v.err());
        assertTrue(v.err().contains("Did you mean \"k8s-ingress-tls\"?"), v.err());
        assertTrue(v.err().contains("main.hcl line 21, column 15"), "bad date: " + v.err());
        assertFalse(v.err().contains("Exception"), v.err());
    }

    @Test
    void aMessageThatWouldShowASensitiveValueIsWithheldEverywhere() throws Exception {
        String canary = "canary-pol-7f3e";
        write(DATA + """
                variable "token" {
                  default   = "%s"
                  sensitive = true
                }
                policy "no-public-data" {
                  enforcement    = "advisory"
                  resource_types = ["terraform_data"]
                  condition      = !self.input.public
                  error_message  = "public, and the token is ${var.token}"
                }
                """.formatted(canary));
        CliTest.Run plan = run("plan", "-o", "p.plan", "--sarif", "p.sarif");
        assertEquals(0, plan.code(), plan.out() + plan.err());
        assertTrue(plan.out().contains("withheld"), plan.out());
        CliTest.Run json = run("show", "p.plan", "--format", "json");
        for (String text : new String[] {plan.out(), plan.err(), json.out(), Files.readString(dir.resolve("p.plan")),
            Files.readString(dir.resolve("p.sarif"))}) {
            assertFalse(text.contains(canary), text);
        }
    }

    @Test
    void policyListShowsTheRulesAsConfigured() throws Exception {
        write(DATA + """
                policy "databricks-cluster-autotermination" {
                  enforcement = "mandatory"
                  max_minutes = 60
                }
                """ + POLICY.formatted("advisory"));
        CliTest.Run list = run("policy", "list");
        assertEquals(0, list.code(), list.out() + list.err());
        assertTrue(list.out().contains("k8s-ingress-tls"), list.out());
        assertTrue(list.out().contains("databricks-cluster-autotermination  mandatory (default advisory)"), list.out());
        assertTrue(list.out().contains("max_minutes = 60 (default 120)"), list.out());
        assertTrue(list.out().contains("no-public-data  advisory"), list.out());
        JsonNode json = new ObjectMapper().readTree(run("policy", "list", "--format", "json").out());
        assertTrue(json.get("rules").size() >= 16, json.toString());
        assertEquals("no-public-data", json.get("custom").get(0).get("id").asText());
    }
}
