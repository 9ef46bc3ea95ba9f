package dev.lockstep.planner.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.plan.PolicyResult;
import dev.lockstep.state.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON plan's {@code policy_results}: their shape, the round trip through the reader, and the digest over them. */
class PlanJsonPolicyResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<PolicyResult> FINDINGS = List.of(
            new PolicyResult("k8s-ingress-tls", "Ingresses serve TLS", true, PolicyResult.Status.FAILED,
                    "kubernetes_ingress_v1.web", "Ingress \"web\" serves hosts without TLS: app.example.com",
                    new SourceRange("main.hcl", new SourcePos(12, 1, 240), new SourcePos(20, 2, 410)), null),
            new PolicyResult("k8s-secret-literal", "Secrets come from a secret store", false,
                    PolicyResult.Status.FAILED, "kubernetes_secret_v1.db", "data.password is a literal", null, null),
            new PolicyResult("k8s-ingress-tls", "Ingresses serve TLS", true, PolicyResult.Status.WAIVED,
                    "kubernetes_ingress_v1.legacy", "Ingress \"legacy\" serves hosts without TLS: old.example.com",
                    new SourceRange("ingress/legacy.hcl", new SourcePos(1, 1, 0), new SourcePos(9, 2, 180)),
                    new PolicyResult.Waiver("legacy-tls", "team-a", "migrating to cert-manager",
                            LocalDate.of(2027, 1, 31), false)),
            new PolicyResult("k8s-ingress-tls", "Ingresses serve TLS", true, PolicyResult.Status.FAILED,
                    "kubernetes_ingress_v1.old", "Ingress \"old\" serves hosts without TLS: older.example.com",
                    null, new PolicyResult.Waiver("old-tls", "team-b", "until the move", LocalDate.of(2024, 6, 30),
                            true)),
            new PolicyResult("replicas", "replicas", false, PolicyResult.Status.UNKNOWN, "kubernetes_deployment_v1.app",
                    "spec.replicas is known only after apply", null, null));

    static Plan plan(List<PolicyResult> findings) {
        return new Plan(PlanMode.NORMAL, List.of(), List.of(), List.of(), "lineage-1", 3, "sha256:00", Map.of(),
                List.of(), Instant.parse("2026-01-02T03:04:05Z"), findings);
    }

    @Test
    void everyFindingIsWrittenWithItsRangeAndWaiver() throws Exception {
        JsonNode arr = PlanJson.render(plan(FINDINGS)).get("policy_results");
        assertEquals(5, arr.size());
        assertEquals(JSON.readTree("""
                {"policy": "k8s-ingress-tls", "title": "Ingresses serve TLS", "enforcement": "mandatory",
                 "status": "failed", "address": "kubernetes_ingress_v1.web",
                 "message": "Ingress \\"web\\" serves hosts without TLS: app.example.com",
                 "range": {"filename": "main.hcl", "start": {"line": 12, "column": 1, "offset": 240},
                           "end": {"line": 20, "column": 2, "offset": 410}}}"""), arr.get(0));
        assertEquals(JSON.readTree("""
                {"policy": "k8s-secret-literal", "title": "Secrets come from a secret store",
                 "enforcement": "advisory", "status": "failed", "address": "kubernetes_secret_v1.db",
                 "message": "data.password is a literal"}"""), arr.get(1), "no range, no waiver: both left out");
        assertEquals(JSON.readTree("""
                {"name": "legacy-tls", "owner": "team-a", "reason": "migrating to cert-manager",
                 "expires": "2027-01-31", "expired": false}"""), arr.get(2).get("waiver"));
        assertEquals("waived", arr.get(2).get("status").asText());
        assertTrue(arr.get(3).get("waiver").get("expired").asBoolean());
        assertEquals("unknown", arr.get(4).get("status").asText());
    }

    @Test
    void aPlanWithoutFindingsHasAnEmptyArray() {
        JsonNode arr = PlanJson.render(plan(List.of())).get("policy_results");
        assertTrue(arr.isArray());
        assertEquals(0, arr.size());
    }

    @Test
    void theReaderGivesBackEveryFinding() {
        Plan read = PlanJsonReader.read(PlanJson.render(plan(FINDINGS)));
        assertEquals(FINDINGS, read.policies());
        assertTrue(read.blockedByPolicy());
    }

    @Test
    void aPlanWrittenBeforePoliciesReadsWithoutFindings() {
        ObjectNode json = PlanJson.render(plan(FINDINGS));
        json.remove("policy_results");
        assertEquals(List.of(), PlanJsonReader.read(json).policies());
    }

    @Test
    void anEntryTheWriterNeverWritesIsRefused() {
        ObjectNode json = PlanJson.render(plan(FINDINGS));
        ((ObjectNode) json.get("policy_results").get(0)).put("status", "passed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanJsonReader.read(json));
        assertEquals("unknown policy status \"passed\"", e.getMessage());
        ObjectNode json2 = PlanJson.render(plan(FINDINGS));
        ((ObjectNode) json2.get("policy_results").get(1)).put("enforcement", "optional");
        assertThrows(IllegalArgumentException.class, () -> PlanJsonReader.read(json2));
    }

    @Test
    void aSavedPlanKeepsItsFindingsAndTheDigestCoversThem() throws Exception {
        PlanFileCodec.Contents c = new PlanFileCodec.Contents(plan(FINDINGS), PlanOptions.defaults(), Map.of(),
                new SecretHasher(new byte[32]));
        byte[] bytes = PlanFileCodec.encode(c);
        assertEquals(FINDINGS, PlanFileCodec.decode(bytes).plan().policies());

        String text = new String(bytes, StandardCharsets.UTF_8);
        String edited = text.replace("\"status\" : \"failed\"", "\"status\" : \"waived\"");
        assertFalse(edited.equals(text));
        PlanFileException e = assertThrows(PlanFileException.class,
                () -> PlanFileCodec.decode(edited.getBytes(StandardCharsets.UTF_8)));
        assertEquals(PlanFileException.Kind.UNUSABLE, e.kind());
        assertTrue(e.getMessage().contains("does not match its digest"), e.getMessage());
    }
}
