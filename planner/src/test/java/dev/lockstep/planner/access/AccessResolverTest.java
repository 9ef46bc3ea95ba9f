package dev.lockstep.planner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.AccessChanges;
import dev.lockstep.planner.plan.Grant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The effective-access resolver and diff, on values shaped like lockstep's schemas. */
class AccessResolverTest {

    // ---- value builders

    static Value obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof String str ? Value.string(str) : (Value) v);
        }
        return Value.object(m);
    }

    static Value blocks(Value... objects) {
        Type t = objects[0].type();
        boolean same = Arrays.stream(objects).allMatch(o -> o.type().equals(t));
        return same ? Value.list(t, List.of(objects)) : Value.tuple(List.of(objects));
    }

    static Value set(String... items) {
        return Value.set(Type.STRING, Arrays.stream(items).map(Value::string).toList());
    }

    static Value labels(String... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], Value.string(kv[i + 1]));
        }
        return Value.map(Type.STRING, m);
    }

    static Value meta(String name, String namespace) {
        return blocks(obj("name", name, "namespace", namespace == null ? Value.nullOf(Type.STRING)
                : Value.string(namespace)));
    }

    static Value rule(String[] verbs, String... resources) {
        return obj("api_groups", set(""), "resources", set(resources), "verbs", set(verbs));
    }

    static String[] verbs(String... v) {
        return v;
    }

    static AccessSubject res(String address, Value value, String... deps) {
        return new AccessSubject(address, address.substring(0, address.indexOf('.')), value, List.of(deps));
    }

    static AccessSubject role(String address, String ns, String name, Value... rules) {
        return res(address, obj("metadata", meta(name, ns), "rule", blocks(rules)));
    }

    static AccessSubject binding(String address, String ns, String roleKind, String roleName, String subjKind,
            String subjName) {
        return res(address, obj("metadata", meta("b", ns), "role_ref",
                blocks(obj("api_group", "rbac.authorization.k8s.io", "kind", roleKind, "name", roleName)),
                "subject", blocks(obj("kind", subjKind, "name", subjName, "namespace", Value.nullOf(Type.STRING)))));
    }

    static List<String> lines(List<Grant> grants) {
        List<String> out = new ArrayList<>();
        for (Grant g : grants) {
            out.add(g.principal().shown() + ": " + g.describe() + " " + g.causes());
        }
        return out;
    }

    static List<String> lines(AccessChanges c) {
        List<String> out = new ArrayList<>();
        c.changes().forEach(ch -> out.add(ch.line()));
        return out;
    }

    // ---- Kubernetes

    @Test
    void roleBindingGrantsTheRolesVerbsPerResourceInItsNamespace() {
        EffectiveAccess a = AccessResolver.resolve(List.of(
                role("kubernetes_role_v1.read", "team-a", "reader", rule(verbs("get", "list"), "secrets", "pods"),
                        rule(verbs("watch"), "pods")),
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob@example.com")));
        assertEquals(List.of(
                "user bob@example.com: get,list,watch on pods in namespace team-a "
                        + "[kubernetes_role_binding_v1.bob, kubernetes_role_v1.read]",
                "user bob@example.com: get,list on secrets in namespace team-a "
                        + "[kubernetes_role_binding_v1.bob, kubernetes_role_v1.read]"), lines(a.grants()));
        assertEquals(0, a.undecided());
    }

    @Test
    void resourceNamesRestrictTheObject() {
        Value named = obj("api_groups", set(""), "resources", set("secrets"), "verbs", set("get"),
                "resource_names", set("db-password", "api-key"));
        EffectiveAccess a = AccessResolver.resolve(List.of(role("kubernetes_role_v1.read", "team-a", "reader", named),
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob")));
        assertEquals(List.of("user bob: get on secrets named api-key,db-password in namespace team-a "
                + "[kubernetes_role_binding_v1.bob, kubernetes_role_v1.read]"), lines(a.grants()));
    }

    @Test
    void aRoleOfTheSameNameInAnotherNamespaceIsNotTheOneBound() {
        EffectiveAccess a = AccessResolver.resolve(List.of(
                role("kubernetes_role_v1.read", "team-b", "reader", rule(verbs("get"), "secrets")),
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob")));
        assertEquals(List.of("user bob: Role reader (not managed) on namespace team-a "
                + "[kubernetes_role_binding_v1.bob]"), lines(a.grants()));
    }

    @Test
    void clusterRoleBindingIsClusterWideAndRoleBindingToAClusterRoleIsNot() {
        Value apps = obj("api_groups", set("apps"), "resources", set("deployments"), "verbs", set("get"),
                "non_resource_urls", Value.nullOf(Type.set(Type.STRING)));
        EffectiveAccess a = AccessResolver.resolve(List.of(
                res("kubernetes_cluster_role_v1.view", obj("metadata", meta("view", null), "rule", blocks(apps))),
                binding("kubernetes_cluster_role_binding_v1.all", null, "ClusterRole", "view", "Group", "ops"),
                binding("kubernetes_role_binding_v1.dev", "dev", "ClusterRole", "view", "ServiceAccount", "ci")));
        assertEquals(List.of(
                "group ops: get on deployments.apps in all namespaces "
                        + "[kubernetes_cluster_role_binding_v1.all, kubernetes_cluster_role_v1.view]",
                "service account dev/ci: get on deployments.apps in namespace dev "
                        + "[kubernetes_cluster_role_v1.view, kubernetes_role_binding_v1.dev]"), lines(a.grants()));
    }

    @Test
    void aggregatedClusterRolesGetTheRulesOfTheRolesTheirSelectorsMatch() {
        Value selector = obj("match_labels", labels("rbac.example.com/aggregate-to-monitoring", "true"));
        AccessSubject monitoring = res("kubernetes_cluster_role_v1.monitoring", obj("metadata", meta("monitoring", null),
                "aggregation_rule", blocks(obj("cluster_role_selectors", blocks(selector))),
                "rule", Value.emptyList(Type.DYNAMIC)));
        AccessSubject endpoints = res("kubernetes_cluster_role_v1.endpoints", obj("metadata",
                blocks(obj("name", "endpoints-reader", "labels", labels("rbac.example.com/aggregate-to-monitoring",
                        "true"))), "rule", blocks(rule(verbs("list"), "endpoints"))));
        AccessSubject other = res("kubernetes_cluster_role_v1.other", obj("metadata",
                blocks(obj("name", "other", "labels", labels("team", "x"))), "rule", blocks(rule(verbs("delete"),
                        "pods"))));
        EffectiveAccess a = AccessResolver.resolve(List.of(monitoring, endpoints, other,
                binding("kubernetes_cluster_role_binding_v1.mon", null, "ClusterRole", "monitoring", "Group", "sre")));
        assertEquals(List.of("group sre: list on endpoints in all namespaces "
                + "[kubernetes_cluster_role_binding_v1.mon, kubernetes_cluster_role_v1.endpoints, "
                + "kubernetes_cluster_role_v1.monitoring]"), lines(a.grants()));
    }

    @Test
    void manifestsAreReadLikeTypedResources() {
        Value roleManifest = obj("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "Role",
                "metadata", obj("name", "reader", "namespace", "team-a"),
                "rules", Value.tuple(List.of(obj("apiGroups", Value.tuple(List.of(Value.string(""))),
                        "resources", Value.tuple(List.of(Value.string("secrets"))),
                        "verbs", Value.tuple(List.of(Value.string("get")))))));
        Value bindingManifest = obj("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "RoleBinding",
                "metadata", obj("name", "b", "namespace", "team-a"),
                "roleRef", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", "reader"),
                "subjects", Value.tuple(List.of(obj("kind", "Group", "name", "data-eng"))));
        EffectiveAccess a = AccessResolver.resolve(List.of(
                res("kubernetes_manifest.role", obj("manifest", roleManifest)),
                res("kubernetes_manifest.binding", obj("manifest", bindingManifest))));
        assertEquals(List.of("group data-eng: get on secrets in namespace team-a "
                + "[kubernetes_manifest.binding, kubernetes_manifest.role]"), lines(a.grants()));
    }

    @Test
    void unknownSubjectsAndRulesAreUndecided() {
        AccessSubject unknownSubject = res("kubernetes_role_binding_v1.x", obj("metadata", meta("b", "team-a"),
                "role_ref", blocks(obj("kind", "Role", "name", "reader")),
                "subject", blocks(obj("kind", "User", "name", Value.unknown(Type.STRING), "namespace",
                        Value.nullOf(Type.STRING)))));
        AccessSubject unknownRules = res("kubernetes_role_v1.read", obj("metadata", meta("reader", "team-a"),
                "rule", Value.unknown(Type.DYNAMIC)));
        EffectiveAccess a = AccessResolver.resolve(List.of(unknownRules, unknownSubject,
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob")));
        assertEquals(List.of(), a.grants());
        assertEquals(2, a.undecided());
        // a role whose name is known only after apply may be the one bound: not "not managed"
        AccessSubject unnamed = res("kubernetes_role_v1.later", obj("metadata", blocks(obj("name",
                Value.unknown(Type.STRING), "namespace", "team-a")), "rule", blocks(rule(verbs("get"), "pods"))));
        EffectiveAccess b = AccessResolver.resolve(List.of(unnamed,
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob")));
        assertEquals(List.of(), b.grants());
        assertEquals(1, b.undecided());
    }

    @Test
    void sensitiveSubjectNamesAreNeverShown() {
        AccessSubject b = res("kubernetes_role_binding_v1.x", obj("metadata", meta("b", "team-a"),
                "role_ref", blocks(obj("kind", "ClusterRole", "name", "view")),
                "subject", blocks(obj("kind", "User", "name", Value.string("secret-person").markSensitive(),
                        "namespace", Value.nullOf(Type.STRING)))));
        EffectiveAccess a = AccessResolver.resolve(List.of(b));
        assertEquals(List.of(), a.grants());
        assertEquals(1, a.undecided());
    }

    @Test
    void diffGroupsVerbsAndNamesCauses() {
        AccessSubject role = role("kubernetes_role_v1.read", "team-a", "reader",
                rule(verbs("get", "list"), "secrets"));
        EffectiveAccess before = AccessResolver.resolve(List.of(role,
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob@example.com")));
        AccessSubject wider = role("kubernetes_role_v1.read", "team-a", "reader",
                rule(verbs("get", "list", "watch"), "secrets"));
        EffectiveAccess after = AccessResolver.resolve(List.of(wider,
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "Group", "data-eng")));
        assertEquals(List.of(
                "+ group data-eng gains get,list,watch on secrets in namespace team-a "
                        + "(kubernetes_role_binding_v1.bob, kubernetes_role_v1.read)",
                "- user bob@example.com loses get,list on secrets in namespace team-a "
                        + "(kubernetes_role_binding_v1.bob, kubernetes_role_v1.read)"),
                lines(AccessResolver.diff(before, after)));
        // a verb added to a role others keep: only the new verb is gained
        EffectiveAccess same = AccessResolver.resolve(List.of(wider,
                binding("kubernetes_role_binding_v1.bob", "team-a", "Role", "reader", "User", "bob@example.com")));
        assertEquals(List.of("+ user bob@example.com gains watch on secrets in namespace team-a "
                + "(kubernetes_role_binding_v1.bob, kubernetes_role_v1.read)"),
                lines(AccessResolver.diff(before, same)));
        assertEquals(List.of(), lines(AccessResolver.diff(same, same)));
    }

    // ---- Databricks

    static AccessSubject cluster(String address, String id) {
        return res(address, obj("id", id == null ? Value.unknown(Type.STRING) : Value.string(id),
                "cluster_name", "shared"));
    }

    static Value acl(String kind, String name, String level) {
        return obj(kind, name, "permission_level", level);
    }

    static AccessSubject permissions(String address, String attribute, Value id, Value... entries) {
        return permissionsWithDeps(address, attribute, id, List.of(), entries);
    }

    static AccessSubject permissionsWithDeps(String address, String attribute, Value id, List<String> deps,
            Value... entries) {
        return new AccessSubject(address, "databricks_permissions", obj(attribute, id, "access_control",
                blocks(entries)), deps);
    }

    @Test
    void permissionsNameTheManagedObjectByIdOrByDependencyWhenUnknown() {
        EffectiveAccess known = AccessResolver.resolve(List.of(cluster("databricks_cluster.shared", "0101-abc"),
                permissions("databricks_permissions.shared", "cluster_id", Value.string("0101-abc"),
                        acl("group_name", "data-eng", "CAN_RESTART"))));
        assertEquals(List.of("group data-eng: CAN_RESTART on cluster shared [databricks_permissions.shared]"),
                lines(known.grants()));
        EffectiveAccess planned = AccessResolver.resolve(List.of(cluster("databricks_cluster.shared", null),
                permissionsWithDeps("databricks_permissions.shared", "cluster_id", Value.unknown(Type.STRING),
                        List.of("databricks_cluster.shared"), acl("group_name", "data-eng", "CAN_RESTART"))));
        assertEquals(lines(known.grants()), lines(planned.grants()));
        EffectiveAccess unmanaged = AccessResolver.resolve(List.of(
                permissions("databricks_permissions.other", "job_id", Value.string("42"),
                        acl("user_name", "bob@example.com", "CAN_VIEW"))));
        assertEquals(List.of("user bob@example.com: CAN_VIEW on job 42 [databricks_permissions.other]"),
                lines(unmanaged.grants()));
        EffectiveAccess undecided = AccessResolver.resolve(List.of(
                permissions("databricks_permissions.x", "cluster_id", Value.unknown(Type.STRING),
                        acl("group_name", "data-eng", "CAN_RESTART"))));
        assertEquals(List.of(), undecided.grants());
        assertEquals(1, undecided.undecided());
    }

    @Test
    void membersInheritTheirGroupsGrantsThroughNestedGroups() {
        List<AccessSubject> values = List.of(
                cluster("databricks_cluster.shared", "c1"),
                permissions("databricks_permissions.shared", "cluster_id", Value.string("c1"),
                        acl("group_name", "data-eng", "CAN_RESTART")),
                res("databricks_group.eng", obj("id", "g1", "display_name", "data-eng")),
                res("databricks_group.interns", obj("id", "g2", "display_name", "interns")),
                res("databricks_user.bob", obj("id", "u1", "user_name", "bob@example.com")),
                res("databricks_user.ann", obj("id", Value.unknown(Type.STRING), "user_name", "ann@example.com")),
                res("databricks_group_member.bob", obj("group_id", "g1", "member_id", "u1")),
                res("databricks_group_member.interns", obj("group_id", "g1", "member_id", "g2")),
                res("databricks_group_member.ann", obj("group_id", "g2", "member_id", Value.unknown(Type.STRING)),
                        "databricks_group.interns", "databricks_user.ann"));
        EffectiveAccess a = AccessResolver.resolve(values);
        assertEquals(List.of(
                "group data-eng: CAN_RESTART on cluster shared [databricks_permissions.shared]",
                "group interns: CAN_RESTART on cluster shared via group data-eng "
                        + "[databricks_group_member.interns, databricks_permissions.shared]",
                "user ann@example.com: CAN_RESTART on cluster shared via group data-eng "
                        + "[databricks_group_member.ann, databricks_group_member.interns, databricks_permissions.shared]",
                "user bob@example.com: CAN_RESTART on cluster shared via group data-eng "
                        + "[databricks_group_member.bob, databricks_permissions.shared]"), lines(a.grants()));
        assertEquals(0, a.undecided());

        List<AccessSubject> without = new ArrayList<>(values);
        without.removeIf(s -> s.address().equals("databricks_group_member.bob"));
        assertEquals(List.of("- user bob@example.com loses CAN_RESTART on cluster shared via group data-eng "
                + "(databricks_group_member.bob, databricks_permissions.shared)"),
                lines(AccessResolver.diff(a, AccessResolver.resolve(without))));
    }

    @Test
    void notebooksInheritTheirDirectorysPermissions() {
        EffectiveAccess a = AccessResolver.resolve(List.of(
                res("databricks_directory.team", obj("id", "/Shared/team", "path", "/Shared/team",
                        "object_id", Value.number(77))),
                res("databricks_notebook.etl", obj("path", "/Shared/team/etl", "object_id", Value.number(78))),
                res("databricks_notebook.elsewhere", obj("path", "/Shared/teamwork/x")),
                permissions("databricks_permissions.team", "directory_id", Value.string("77"),
                        acl("group_name", "data-eng", "CAN_EDIT"))));
        assertEquals(List.of(
                "group data-eng: CAN_EDIT on directory team [databricks_permissions.team]",
                "group data-eng: CAN_EDIT on notebook etl inherited from directory /Shared/team "
                        + "[databricks_notebook.etl, databricks_permissions.team]"), lines(a.grants()));
    }

    @Test
    void unresolvableMembershipsAndUnknownEntriesAreUndecided() {
        EffectiveAccess a = AccessResolver.resolve(List.of(
                res("databricks_group.eng", obj("id", "g1", "display_name", "data-eng")),
                res("databricks_group_member.x", obj("group_id", "g1", "member_id", Value.unknown(Type.STRING))),
                permissions("databricks_permissions.p", "authorization", Value.string("tokens"),
                        obj("group_name", Value.unknown(Type.STRING), "permission_level", "CAN_USE"))));
        assertEquals(List.of(), a.grants());
        assertEquals(2, a.undecided());
    }
}
