package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The effective-access diff through the whole CLI on the sandbox (docs/access.md): a RoleBinding
 * moved from one group to another, and a Databricks cluster whose permissions reach a user through
 * group membership.
 */
class AccessDiffCliTest {

    @TempDir
    Path dir;

    private CliTest.Run run(String... args) {
        return CliTest.onSandbox(dir, args);
    }

    private static String kubernetes(String group) {
        return """
                resource "kubernetes_namespace_v1" "team_a" {
                  metadata {
                    name = "team-a"
                  }
                }
                resource "kubernetes_role_v1" "reader" {
                  metadata {
                    name      = "secret-reader"
                    namespace = kubernetes_namespace_v1.team_a.metadata[0].name
                  }
                  rule {
                    api_groups = [""]
                    resources  = ["secrets"]
                    verbs      = ["get", "list"]
                  }
                }
                resource "kubernetes_role_binding_v1" "readers" {
                  metadata {
                    name      = "secret-readers"
                    namespace = kubernetes_namespace_v1.team_a.metadata[0].name
                  }
                  role_ref {
                    api_group = "rbac.authorization.k8s.io"
                    kind      = "Role"
                    name      = kubernetes_role_v1.reader.metadata[0].name
                  }
                  subject {
                    kind      = "Group"
                    name      = "%s"
                    api_group = "rbac.authorization.k8s.io"
                  }
                }
                """.formatted(group);
    }

    @Test
    void aBindingMovedToAnotherGroupShowsTheLossAndTheGain() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), kubernetes("data-eng"));
        CliTest.Run first = run("plan");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("Access changes:\n  + group data-eng gains get,list on secrets in namespace "
                + "team-a (kubernetes_role_binding_v1.readers, kubernetes_role_v1.reader)\n"), first.out());
        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(0, apply.code(), apply.out() + apply.err());
        assertTrue(apply.out().contains("  + group data-eng gains get,list on secrets in namespace team-a"),
                "apply shows the plan it applies with its access changes: " + apply.out());

        CliTest.Run same = run("plan");
        assertEquals(0, same.code(), same.out() + same.err());
        assertFalse(same.out().contains("Access changes"), "no change, no section: " + same.out());

        Files.writeString(dir.resolve("main.hcl"), kubernetes("ops"));
        CliTest.Run moved = run("plan");
        assertEquals(0, moved.code(), moved.out() + moved.err());
        assertTrue(moved.out().contains("Access changes:\n"
                + "  - group data-eng loses get,list on secrets in namespace team-a "
                + "(kubernetes_role_binding_v1.readers, kubernetes_role_v1.reader)\n"
                + "  + group ops gains get,list on secrets in namespace team-a "
                + "(kubernetes_role_binding_v1.readers, kubernetes_role_v1.reader)\n"), moved.out());

        JsonNode json = new ObjectMapper().readTree(run("plan", "--format", "json").out());
        JsonNode changes = json.get("effective_access").get("changes");
        assertEquals(2, changes.size(), json.get("effective_access").toString());
        assertEquals("lost", changes.get(0).get("change").asText());
        assertEquals("{\"system\":\"kubernetes\",\"kind\":\"group\",\"name\":\"data-eng\"}",
                changes.get(0).get("principal").toString());
        assertEquals("[\"get\",\"list\"]", changes.get(1).get("actions").toString());
        assertEquals(1, json.get("effective_access").get("after").size());
    }

    @Test
    void databricksPermissionsReachGroupMembers() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                resource "databricks_cluster" "shared" {
                  cluster_name            = "shared"
                  spark_version           = "15.4.x-scala2.12"
                  node_type_id            = "i3.xlarge"
                  num_workers             = 1
                  autotermination_minutes = 30
                  data_security_mode      = "USER_ISOLATION"
                }
                resource "databricks_group" "eng" {
                  display_name = "data-eng"
                }
                resource "databricks_user" "bob" {
                  user_name = "bob@example.com"
                }
                resource "databricks_group_member" "bob" {
                  group_id  = databricks_group.eng.id
                  member_id = databricks_user.bob.id
                }
                resource "databricks_permissions" "shared" {
                  cluster_id = databricks_cluster.shared.id
                  access_control {
                    group_name       = databricks_group.eng.display_name
                    permission_level = "CAN_RESTART"
                  }
                }
                """);
        CliTest.Run plan = run("plan");
        assertEquals(0, plan.code(), plan.out() + plan.err());
        assertTrue(plan.out().contains("Access changes:\n"
                + "  + group data-eng gains CAN_RESTART on cluster shared (databricks_permissions.shared)\n"
                + "  + user bob@example.com gains CAN_RESTART on cluster shared via group data-eng "
                + "(databricks_group_member.bob, databricks_permissions.shared)\n"), plan.out());
        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(0, apply.code(), apply.out() + apply.err());

        String config = Files.readString(dir.resolve("main.hcl"));
        Files.writeString(dir.resolve("main.hcl"), config.substring(0, config.indexOf("resource \"databricks_group_member\""))
                + config.substring(config.indexOf("resource \"databricks_permissions\"")));
        CliTest.Run removed = run("plan");
        assertEquals(0, removed.code(), removed.out() + removed.err());
        assertTrue(removed.out().contains("Access changes:\n"
                + "  - user bob@example.com loses CAN_RESTART on cluster shared via group data-eng "
                + "(databricks_group_member.bob, databricks_permissions.shared)\n"), removed.out());
    }
}
