package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.plan.PolicyResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SARIF log's structure: every member GitHub code scanning marks required ("SARIF support for
 * code scanning"), one rule per policy with each result's {@code ruleIndex} pointing at its rule,
 * the levels, the suppression of waived findings, and the file locations.
 */
class SarifRendererTest {

    private static final List<PolicyResult> ALL = PolicyFindings.PLAN_FINDINGS;

    private static JsonNode run(List<PolicyResult> results, Path dir) {
        ObjectNode log = SarifRenderer.render(results, dir, "1.2.3");
        assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").asText());
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(1, log.get("runs").size());
        return log.get("runs").get(0);
    }

    @Test
    void theDriverNamesLockstepAndOneRulePerPolicy() {
        JsonNode driver = run(ALL, Path.of("")).get("tool").get("driver");
        assertEquals("lockstep", driver.get("name").asText());
        assertEquals("1.2.3", driver.get("version").asText());
        assertEquals(null, driver.get("informationUri"), "lockstep has no public home page to point at yet");
        JsonNode rules = driver.get("rules");
        Set<String> ids = new HashSet<>();
        for (JsonNode rule : rules) {
            assertTrue(ids.add(rule.get("id").asText()), "one rule per policy: " + rules);
            for (String required : List.of("shortDescription", "fullDescription", "help")) {
                assertFalse(rule.get(required).get("text").asText().isEmpty(), required + " of " + rule);
            }
        }
        assertEquals(Set.of("k8s-secret-literal", "k8s-ingress-tls", "replicas-min"), ids);
        JsonNode tls = rules.get(0);
        assertEquals("k8s-ingress-tls", tls.get("id").asText());
        assertEquals("Ingresses serve TLS", tls.get("shortDescription").get("text").asText());
        assertEquals("error", tls.get("defaultConfiguration").get("level").asText());
        assertEquals("warning", rules.get(1).get("defaultConfiguration").get("level").asText());
    }

    @Test
    void everyResultPointsAtItsRuleAndCarriesWhatCodeScanningRequires() {
        JsonNode run = run(ALL, Path.of(""));
        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode results = run.get("results");
        assertEquals(ALL.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode res = results.get(i);
            assertEquals(ALL.get(i).policy(), res.get("ruleId").asText());
            assertEquals(res.get("ruleId").asText(), rules.get(res.get("ruleIndex").asInt()).get("id").asText(),
                    "ruleIndex points at the result's rule");
            assertFalse(res.get("message").get("text").asText().isEmpty());
            assertEquals(1, res.get("locations").size());
            JsonNode loc = res.get("locations").get(0);
            assertEquals(ALL.get(i).address(), loc.get("logicalLocations").get(0).get("fullyQualifiedName").asText());
            assertEquals("resource", loc.get("logicalLocations").get(0).get("kind").asText());
            JsonNode region = loc.get("physicalLocation").get("region");
            for (String required : List.of("startLine", "startColumn", "endLine", "endColumn")) {
                assertTrue(region.get(required).asInt() >= 1, required + " in " + region);
            }
            assertTrue(res.get("partialFingerprints").get("primaryLocationLineHash").asText().matches("[0-9a-f]{16}:1"));
        }
    }

    @Test
    void levelsFollowEnforcementAndStatus() {
        JsonNode results = run(ALL, Path.of("")).get("results");
        assertEquals("warning", results.get(0).get("level").asText(), "advisory failure");
        assertEquals("error", results.get(1).get("level").asText(), "waived mandatory");
        assertEquals("error", results.get(2).get("level").asText(), "mandatory failure");
        assertEquals("error", results.get(3).get("level").asText(), "mandatory failure, waiver expired");
        assertEquals("note", results.get(4).get("level").asText(), "undecided until apply");
    }

    @Test
    void onlyAValidWaiverSuppresses() {
        JsonNode results = run(ALL, Path.of("")).get("results");
        JsonNode s = results.get(1).get("suppressions");
        assertEquals(1, s.size());
        assertEquals("external", s.get(0).get("kind").asText());
        assertEquals("accepted", s.get(0).get("status").asText());
        assertEquals("migrating to cert-manager", s.get(0).get("justification").asText());
        for (int i : new int[] {0, 2, 3, 4}) {
            assertFalse(results.get(i).has("suppressions"), "result " + i);
        }
        assertTrue(results.get(3).get("message").get("text").asText()
                .endsWith("(waiver \"old-tls\" expired on 2024-06-30 (owner team-b): until the move)"));
    }

    @Test
    void fileLocationsAreRelativeToTheWorkingDirectoryWithForwardSlashes() {
        JsonNode results = run(ALL, Path.of("deploy", "prod")).get("results");
        JsonNode artifact = results.get(2).get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertEquals("deploy/prod/main.hcl", artifact.get("uri").asText());
        assertEquals("%SRCROOT%", artifact.get("uriBaseId").asText());
        assertEquals("deploy/prod/apps/old%20ingress.hcl", results.get(3).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation").get("uri").asText(), "percent-encoded");
        JsonNode here = run(ALL, Path.of("")).get("results").get(2).get("locations").get(0).get("physicalLocation");
        assertEquals("main.hcl", here.get("artifactLocation").get("uri").asText());
        assertEquals(12, here.get("region").get("startLine").asInt());
        assertEquals(1, here.get("region").get("startColumn").asInt());
        assertEquals(18, here.get("region").get("endLine").asInt());
        assertEquals(2, here.get("region").get("endColumn").asInt());
        assertEquals("main.hcl", SarifRenderer.uri(Path.of("."), "main.hcl"));
        assertEquals("..%3A/x%C3%A9.hcl", SarifRenderer.uri(Path.of(""), "..:/x\u00e9.hcl"));
    }

    @Test
    void anAbsoluteDirectoryGivesFileUris() {
        JsonNode artifact = run(ALL, Path.of("/work/cfg")).get("results").get(2).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation");
        assertEquals("file:///work/cfg/main.hcl", artifact.get("uri").asText());
        assertFalse(artifact.has("uriBaseId"));
    }

    @Test
    void aFindingOutsideTheConfigurationHasOnlyALogicalLocation() {
        JsonNode res = run(PolicyFindings.drift().policies(), Path.of("")).get("results").get(1);
        JsonNode loc = res.get("locations").get(0);
        assertFalse(loc.has("physicalLocation"));
        assertEquals("ClusterRoleBinding/cluster-admin-bob",
                loc.get("logicalLocations").get(0).get("fullyQualifiedName").asText());
    }

    @Test
    void noFindingsIsAnEmptyRun() {
        JsonNode run = run(List.of(), Path.of(""));
        assertEquals(0, run.get("results").size());
        assertEquals(0, run.get("tool").get("driver").get("rules").size());
    }

    @Test
    void theSameFindingKeepsItsFingerprintWhereverItsBlockMoves() {
        PolicyResult a = ALL.get(2);
        PolicyResult moved = new PolicyResult(a.policy(), a.title(), a.mandatory(), a.status(), a.address(),
                a.message(), PolicyFindings.range("other.hcl", 90, 5000), null);
        JsonNode results = run(List.of(a, moved, ALL.get(3)), Path.of("")).get("results");
        String fp = results.get(0).get("partialFingerprints").get("primaryLocationLineHash").asText();
        assertEquals(fp, results.get(1).get("partialFingerprints").get("primaryLocationLineHash").asText());
        assertFalse(fp.equals(results.get(2).get("partialFingerprints").get("primaryLocationLineHash").asText()));
    }
}
