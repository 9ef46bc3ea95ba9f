package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.blocks;
import static dev.lockstep.planner.policy.rules.TestValues.check;
import static dev.lockstep.planner.policy.rules.TestValues.checkWith;
import static dev.lockstep.planner.policy.rules.TestValues.list;
import static dev.lockstep.planner.policy.rules.TestValues.live;
import static dev.lockstep.planner.policy.rules.TestValues.metadata;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.planned;
import static dev.lockstep.planner.policy.rules.TestValues.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k8s-privileged-binding and k8s-binding-user-subject. */
class BindingRulesTest {

    private final PrivilegedBindingRule privileged = new PrivilegedBindingRule();
    private final BindingUserSubjectRule users = new BindingUserSubjectRule();

    private static Value subject(String kind, String name, String namespace) {
        return obj("api_group", Value.unknown(Type.STRING), "kind", kind, "name", name, "namespace",
                namespace == null ? Value.nullOf(Type.STRING) : Value.string(namespace));
    }

    private static Value binding(String namespace, String roleKind, String roleName, Value... subjects) {
        return obj("metadata", metadata("b", namespace), "role_ref",
                blocks(obj("api_group", "rbac.authorization.k8s.io", "kind", roleKind, "name", roleName)),
                "subject", blocks(subjects));
    }

    @Test
    void clusterAdminToAGroupIsReported() {
        PolicySubject s = planned("kubernetes_cluster_role_binding_v1.ops",
                binding(null, "ClusterRole", "cluster-admin", subject("Group", "devs", null)));
        assertEquals(List.of("ClusterRoleBinding \"kubernetes_cluster_role_binding_v1.ops\" binds ClusterRole "
                + "\"cluster-admin\" to \"Group:devs\""), check(privileged, s));
    }

    @Test
    void adminInANamespaceAndServiceAccountNamespaces() {
        PolicySubject s = planned("kubernetes_role_binding.admins", binding("team-a", "ClusterRole", "admin",
                subject("ServiceAccount", "deployer", null), subject("ServiceAccount", "ci", "tools"),
                subject("User", "alice", null)));
        assertEquals(List.of("RoleBinding \"kubernetes_role_binding.admins\" binds ClusterRole \"admin\" to "
                + "\"ServiceAccount:team-a/deployer\", \"ServiceAccount:tools/ci\", \"User:alice\""),
                check(privileged, s));
        // allowed subjects use the same names
        assertEquals(List.of("RoleBinding \"kubernetes_role_binding.admins\" binds ClusterRole \"admin\" to "
                + "\"User:alice\""), checkWith(privileged, List.of(s), "allowed_subjects",
                list("ServiceAccount:team-a/deployer", "ServiceAccount:tools/ci")));
        assertEquals(List.of(), checkWith(privileged, List.of(s), "allowed_subjects",
                list("ServiceAccount:team-a/deployer", "ServiceAccount:tools/ci", "User:alice")));
    }

    @Test
    void otherRolesAndRoleKindsAreNotPrivileged() {
        PolicySubject edit = planned("kubernetes_role_binding_v1.e",
                binding("a", "ClusterRole", "edit", subject("Group", "devs", null)));
        PolicySubject namespacedRole = planned("kubernetes_role_binding_v1.r",
                binding("a", "Role", "admin", subject("Group", "devs", null)));
        assertEquals(List.of(), check(privileged, edit, namespacedRole));
        // the roles parameter changes which ClusterRoles count
        assertEquals(1, checkWith(privileged, List.of(edit, namespacedRole), "roles", list("edit")).size());
    }

    @Test
    void unknownRoleOrSubjectIsNotReported() {
        Value unknownRef = obj("metadata", metadata("b", null), "role_ref",
                blocks(obj("api_group", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name",
                        Value.unknown(Type.STRING))), "subject", blocks(subject("Group", "devs", null)));
        assertEquals(List.of(), check(privileged, planned("kubernetes_cluster_role_binding_v1.x", unknownRef)));
        Value unknownName = binding(null, "ClusterRole", "cluster-admin",
                obj("api_group", "", "kind", "Group", "name", Value.unknown(Type.STRING), "namespace",
                        Value.nullOf(Type.STRING)));
        assertEquals(List.of(), check(privileged, planned("kubernetes_cluster_role_binding_v1.y", unknownName)));
        assertEquals(List.of(), check(users, planned("kubernetes_cluster_role_binding_v1.y", unknownName)));
    }

    @Test
    void sensitiveSubjectNameIsNeverShown() {
        Value s = binding(null, "ClusterRole", "cluster-admin", obj("api_group", "", "kind", "User", "name",
                Value.string("secret-person").markSensitive(), "namespace", Value.nullOf(Type.STRING)));
        List<String> m = check(privileged, planned("kubernetes_cluster_role_binding.x", s));
        assertEquals(List.of("ClusterRoleBinding \"kubernetes_cluster_role_binding.x\" binds ClusterRole "
                + "\"cluster-admin\" to (sensitive value)"), m);
        List<String> u = check(users, planned("kubernetes_cluster_role_binding.x", s));
        assertEquals(1, u.size());
        assertFalse(u.get(0).contains("secret-person"));
    }

    @Test
    void manifestBindings() {
        Value m = obj("manifest", obj("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "RoleBinding",
                "metadata", obj("name", "b", "namespace", "team-a"),
                "roleRef", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "admin"),
                "subjects", tuple(obj("kind", "ServiceAccount", "name", "deployer"),
                        obj("kind", "User", "name", "bob@example.com"))));
        PolicySubject s = planned("kubernetes_manifest.b", m);
        assertEquals(List.of("RoleBinding \"kubernetes_manifest.b\" binds ClusterRole \"admin\" to "
                + "\"ServiceAccount:team-a/deployer\", \"User:bob@example.com\""), check(privileged, s));
        assertEquals(List.of("RoleBinding \"kubernetes_manifest.b\" binds ClusterRole \"admin\" to "
                + "\"User:bob@example.com\""), check(users, s));
    }

    @Test
    void userSubjectsOfAnyRole() {
        PolicySubject s = planned("kubernetes_role_binding_v1.view", binding("a", "Role", "viewer",
                subject("User", "alice", null), subject("Group", "devs", null), subject("User", "bob", null)));
        assertEquals(List.of("RoleBinding \"kubernetes_role_binding_v1.view\" binds Role \"viewer\" to "
                + "\"User:alice\", \"User:bob\""), check(users, s));
        assertEquals(List.of("RoleBinding \"kubernetes_role_binding_v1.view\" binds Role \"viewer\" to "
                + "\"User:bob\""), checkWith(users, List.of(s), "allowed_users", list("alice")));
        PolicySubject groups = live("kubernetes_cluster_role_binding.g", binding(null, "ClusterRole", "view",
                subject("Group", "devs", null)));
        assertEquals(List.of(), check(users, groups));
    }
}
