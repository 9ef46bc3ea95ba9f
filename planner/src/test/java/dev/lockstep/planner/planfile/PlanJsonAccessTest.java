package dev.lockstep.planner.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.plan.AccessChange;
import dev.lockstep.planner.plan.AccessChanges;
import dev.lockstep.planner.plan.AccessSystem;
import dev.lockstep.planner.plan.Grant;
import dev.lockstep.planner.plan.Principal;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.state.SecretHasher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON plan's {@code effective_access}: its shape and the round trip through the reader and the plan file. */
class PlanJsonAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Grant GAINED = Grant.of(new Principal(AccessSystem.DATABRICKS, "user", "bob@example.com"),
            List.of("CAN_RESTART"), "cluster shared", "via group data-eng",
            List.of("databricks_permissions.shared", "databricks_group_member.bob"));
    static final Grant LOST = Grant.of(new Principal(AccessSystem.KUBERNETES, "group", "data-eng"),
            List.of("list", "get"), "secrets in namespace team-a", "", List.of("kubernetes_role_binding_v1.b"));
    static final AccessChanges ACCESS = new AccessChanges(List.of(new AccessChange(AccessChange.Direction.LOST, LOST),
            new AccessChange(AccessChange.Direction.GAINED, GAINED)), List.of(GAINED), 2);

    static Plan plan(AccessChanges access) {
        return new Plan(PlanMode.NORMAL, List.of(), List.of(), List.of(), "lineage-1", 3, "sha256:00", Map.of(),
                List.of(), Instant.parse("2026-01-02T03:04:05Z"), List.of(), access);
    }

    @Test
    void changesAfterAndUndecidedAreWritten() throws Exception {
        JsonNode ea = PlanJson.render(plan(ACCESS)).get("effective_access");
        assertEquals(JSON.readTree("""
                {"change": "lost", "principal": {"system": "kubernetes", "kind": "group", "name": "data-eng"},
                 "actions": ["get", "list"], "object": "secrets in namespace team-a",
                 "causes": ["kubernetes_role_binding_v1.b"]}"""), ea.get("changes").get(0), "no via when direct");
        assertEquals(JSON.readTree("""
                {"principal": {"system": "databricks", "kind": "user", "name": "bob@example.com"},
                 "actions": ["CAN_RESTART"], "object": "cluster shared", "via": "via group data-eng",
                 "causes": ["databricks_group_member.bob", "databricks_permissions.shared"]}"""), ea.get("after").get(0));
        assertEquals(2, ea.get("undecided").asInt());
    }

    @Test
    void theReaderAndThePlanFileGiveBackTheAccessChanges() throws Exception {
        assertEquals(ACCESS, PlanJsonReader.read(PlanJson.render(plan(ACCESS))).accessChanges());
        byte[] bytes = PlanFileCodec.encode(new PlanFileCodec.Contents(plan(ACCESS), PlanOptions.defaults(), Map.of(),
                new SecretHasher(new byte[32])));
        assertEquals(ACCESS, PlanFileCodec.decode(bytes).plan().accessChanges());
    }

    @Test
    void aPlanWrittenBeforeAccessReadsWithoutAndABadEntryIsRefused() {
        ObjectNode json = PlanJson.render(plan(ACCESS));
        json.remove("effective_access");
        assertEquals(AccessChanges.NONE, PlanJsonReader.read(json).accessChanges());
        ObjectNode bad = PlanJson.render(plan(ACCESS));
        ((ObjectNode) bad.get("effective_access").get("changes").get(0)).put("change", "kept");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanJsonReader.read(bad));
        assertEquals("unknown access change \"kept\"", e.getMessage());
    }
}
