package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsAPI;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * databricks_permissions: the contract, authoritative against additive ownership with a grant made
 * out of band, forced entries never diffed, jobs' owners, notebooks and folders by path, token
 * usage, and the self-lockout refusal for a non-admin identity.
 */
class PermissionsTest extends EmulatorTest {

    static String servicePrincipal;

    @BeforeAll
    static void principals() {
        GroupsAPI groups = new GroupsAPI(admin);
        for (String g : List.of("eng", "ds", "auto", "ops")) {
            groups.create(new Group().setDisplayName(g));
        }
        UsersAPI users = new UsersAPI(admin);
        for (String u : List.of("alice@example.com", "bob@example.com")) {
            users.create(new User().setUserName(u));
        }
        servicePrincipal = new ServicePrincipalsAPI(admin).create(new ServicePrincipal().setDisplayName("main"))
                .getApplicationId();
    }

    static String cluster(String name) {
        return new ClustersAPI(admin).create(new CreateCluster().setClusterName(name).setSparkVersion(
                "15.4.x-scala2.12").setNodeTypeId("i3.xlarge").setNumWorkers(1L)).getResponse().getClusterId();
    }

    static List<String> acl(String type, String id) {
        ObjectPermissions p = new PermissionsAPI(admin).get(type, id);
        List<String> out = new ArrayList<>();
        for (AccessControlResponse r : p.getAccessControlList()) {
            String who = r.getUserName() != null ? r.getUserName() : r.getGroupName() != null ? r.getGroupName()
                    : r.getServicePrincipalName();
            r.getAllPermissions().stream().filter(x -> !Boolean.TRUE.equals(x.getInherited()))
                    .forEach(x -> out.add(who + ":" + x.getPermissionLevel()));
        }
        return out.stream().sorted().collect(Collectors.toList());
    }

    static List<String> sorted(String... s) {
        return java.util.Arrays.stream(s).sorted().collect(Collectors.toList());
    }

    static void grant(String type, String id, String user, PermissionLevel level) {
        new PermissionsAPI(admin).update(new UpdateObjectPermissions().setRequestObjectType(type).setRequestObjectId(id)
                .setAccessControlList(List.of(new AccessControlRequest().setUserName(user).setPermissionLevel(level))));
    }

    static String body(String target, String... entries) {
        StringBuilder sb = new StringBuilder(target).append('\n');
        for (String e : entries) {
            String[] kv = e.split(":");
            sb.append("access_control {\n  ").append(kv[0]).append(" = \"").append(kv[1]).append("\"\n")
                    .append("  permission_level = \"").append(kv[2]).append("\"\n}\n");
        }
        return sb.toString();
    }

    @Test
    void contract() {
        String x = cluster("x");
        String y = cluster("y");
        String z = cluster("z");
        new Contract("databricks_permissions",
                body("cluster_id = \"" + x + "\"", "group_name:eng:CAN_ATTACH_TO"),
                body("cluster_id = \"" + y + "\"", "group_name:ds:CAN_MANAGE"),
                body("cluster_id = \"" + x + "\"", "group_name:eng:CAN_RESTART", "group_name:auto:CAN_ATTACH_TO"),
                body("cluster_id = \"" + z + "\"", "group_name:eng:CAN_RESTART", "group_name:auto:CAN_ATTACH_TO"),
                i -> grant("clusters", z, "bob@example.com", PermissionLevel.CAN_MANAGE),
                "access_control").run(spi);
    }

    @Test
    void authoritativeRevokesAGrantMadeOutOfBandAndSaysSo() {
        String id = cluster("auth");
        String body = body("cluster_id = \"" + id + "\"", "group_name:eng:CAN_RESTART");
        Spi.Instance i = spi.converge(Spi.addr("databricks_permissions", "auth"), null,
                spi.config("databricks_permissions", body));
        assertEquals(List.of("eng:CAN_RESTART"), acl("clusters", id), "the creator's own entry is gone too");
        grant("clusters", id, "alice@example.com", PermissionLevel.CAN_MANAGE);
        Spi.Instance r = spi.refresh(i);
        Spi.Planned p = spi.plan(i.address(), r, spi.config("databricks_permissions", body));
        assertEquals(Spi.Action.UPDATE, p.action());
        assertTrue(p.notes().contains("Revokes CAN_MANAGE on /clusters/" + id + " from user alice@example.com."),
                p.notes().toString());
        spi.apply(p, r);
        assertEquals(List.of("eng:CAN_RESTART"), acl("clusters", id));
        Contract.assertNoOp(spi, i.address(), spi.refresh(i), body, "after revoking");
    }

    @Test
    void additiveLeavesForeignGrantsAndRemovesOnlyItsOwn() {
        String id = cluster("add");
        String both = "mode = \"additive\"\n" + body("cluster_id = \"" + id + "\"", "group_name:eng:CAN_RESTART",
                "group_name:ds:CAN_ATTACH_TO");
        Spi.Instance i = spi.converge(Spi.addr("databricks_permissions", "add"), null,
                spi.config("databricks_permissions", both));
        assertEquals(List.of("admin@sandbox.lockstep.dev:CAN_MANAGE", "ds:CAN_ATTACH_TO", "eng:CAN_RESTART"),
                acl("clusters", id), "the creator's entry stays: additive touches only declared entries");
        grant("clusters", id, "alice@example.com", PermissionLevel.CAN_MANAGE);
        Spi.Instance r = spi.refresh(i);
        Contract.assertNoOp(spi, i.address(), r, both, "a foreign grant is not lockstep's business in additive mode");

        String one = "mode = \"additive\"\n" + body("cluster_id = \"" + id + "\"", "group_name:eng:CAN_RESTART");
        Spi.Planned p = spi.plan(i.address(), r, spi.config("databricks_permissions", one));
        assertEquals(Spi.Action.UPDATE, p.action());
        assertEquals(List.of("Revokes CAN_ATTACH_TO on /clusters/" + id + " from group ds."), p.notes());
        r = spi.refresh(spi.apply(p, r));
        assertEquals(List.of("admin@sandbox.lockstep.dev:CAN_MANAGE", "alice@example.com:CAN_MANAGE",
                "eng:CAN_RESTART"), acl("clusters", id));
        Contract.assertNoOp(spi, i.address(), r, one, "after removing its own entry");

        // a level changed by hand on an entry lockstep owns is drift
        grant("clusters", id, "alice@example.com", PermissionLevel.CAN_ATTACH_TO);
        new PermissionsAPI(admin).update(new UpdateObjectPermissions().setRequestObjectType("clusters")
                .setRequestObjectId(id).setAccessControlList(List.of(new AccessControlRequest().setGroupName("eng")
                        .setPermissionLevel(PermissionLevel.CAN_MANAGE))));
        Spi.Planned drift = spi.plan(i.address(), spi.refresh(r), spi.config("databricks_permissions", one));
        assertEquals(Spi.Action.UPDATE, drift.action());

        assertFalse(spi.delete(r).hasErrors());
        assertEquals(List.of("admin@sandbox.lockstep.dev:CAN_MANAGE", "alice@example.com:CAN_ATTACH_TO"),
                acl("clusters", id), "destroying an additive ACL removes only lockstep's entries");
    }

    @Test
    void jobOwnerIsKeptAndNeverDiffedUnlessDeclared() {
        long job = new JobsAPI(admin).create(new CreateJob().setName("owned").setTasks(List.of(new Task()
                .setTaskKey("t").setNotebookTask(new NotebookTask().setNotebookPath("/Shared/x"))))).getJobId();
        String body = body("job_id = \"" + job + "\"", "group_name:users:CAN_VIEW", "group_name:auto:CAN_MANAGE_RUN");
        Spi.Instance i = spi.converge(Spi.addr("databricks_permissions", "job"), null,
                spi.config("databricks_permissions", body));
        assertEquals(List.of("admin@sandbox.lockstep.dev:IS_OWNER", "auto:CAN_MANAGE_RUN", "users:CAN_VIEW"),
                acl("jobs", String.valueOf(job)));
        Contract.assertNoOp(spi, i.address(), spi.refresh(i), body, "the owner is not diffed");

        String transfer = body + body("", "service_principal_name:" + servicePrincipal + ":IS_OWNER");
        Spi.Instance t = spi.converge(i.address(), spi.refresh(i), spi.config("databricks_permissions", transfer));
        assertEquals(sorted(servicePrincipal + ":IS_OWNER", "auto:CAN_MANAGE_RUN", "users:CAN_VIEW"),
                acl("jobs", String.valueOf(job)));
        Contract.assertNoOp(spi, i.address(), spi.refresh(t), transfer, "a declared owner is diffed and kept");
        assertFalse(spi.delete(spi.refresh(t)).hasErrors());
        assertEquals(List.of(servicePrincipal + ":IS_OWNER"), acl("jobs", String.valueOf(job)),
                "destroying keeps the job's owner");
    }

    @Test
    void notebooksAndFoldersByPathAndTokenUsage() {
        Spi.Instance dir = spi.converge(Spi.addr("databricks_directory", "etl"), null,
                spi.config("databricks_directory", "path = \"/Production/ETL\""));
        String folder = body("directory_path = \"/Production/ETL\"", "group_name:users:CAN_READ",
                "group_name:auto:CAN_RUN", "group_name:eng:CAN_EDIT");
        Spi.Instance f = spi.converge(Spi.addr("databricks_permissions", "folder"), null,
                spi.config("databricks_permissions", folder));
        assertEquals("/directories/" + dir.state().get("object_id").toString(), f.id());
        Contract.assertNoOp(spi, f.address(), spi.refresh(f), folder, "folder by path");
        Spi.Instance imported = spi.importObject(f.address(), f.id());
        Spi.Planned afterImport = spi.plan(f.address(), imported, spi.config("databricks_permissions", folder));
        assertTrue(afterImport.replace().isEmpty(), "the same folder by id or by path is the same object");

        String tokens = body("authorization = \"tokens\"", "group_name:auto:CAN_USE", "group_name:eng:CAN_USE");
        Spi.Instance tok = spi.converge(Spi.addr("databricks_permissions", "tokens"), null,
                spi.config("databricks_permissions", tokens));
        assertEquals("/authorization/tokens", tok.id());
        assertEquals(List.of("admins:CAN_MANAGE", "auto:CAN_USE", "eng:CAN_USE"), acl("authorization", "tokens"),
                "admins keep CAN_MANAGE on token usage; users lost CAN_USE");
        Contract.assertNoOp(spi, tok.address(), spi.refresh(tok), tokens, "admins are never diffed");
        assertFalse(spi.delete(spi.refresh(tok)).hasErrors());
    }

    @Test
    void invalidLevelsAndTargetsAreRefusedAtPlan() {
        Spi.Planned p = spi.plan(Spi.addr("databricks_permissions", "bad"), null, spi.config("databricks_permissions",
                body("cluster_policy_id = \"abc\"", "group_name:eng:CAN_MANAGE")));
        assertTrue(p.diagnostics().toString().contains("CAN_MANAGE is not a permission level of cluster-policies"),
                p.diagnostics().toString());
        Spi.Planned two = spi.plan(Spi.addr("databricks_permissions", "bad"), null, spi.config(
                "databricks_permissions", body("cluster_id = \"a\"\njob_id = \"1\"", "group_name:eng:CAN_VIEW")));
        assertTrue(two.diagnostics().hasErrors());
    }

    @Test
    void selfLockoutIsRefusedUnlessAllowed() {
        new UsersAPI(admin).create(new User().setUserName("carol@example.com").setEntitlements(List.of(
                new ComplexValue().setValue("allow-cluster-create"))));
        String token = emulator.issueToken("carol@example.com", "lockstep");
        DatabricksProvider carol = open(SETTINGS, token, dev.lockstep.provider.databricks.client.Sleeper.SYSTEM);
        DatabricksProvider carolAllowed = open(SETTINGS + "allow_lockout = true\n", token,
                dev.lockstep.provider.databricks.client.Sleeper.SYSTEM);
        try {
            Spi asCarol = new Spi(carol);
            Spi.Instance c = asCarol.converge(Spi.addr("databricks_cluster", "carols"), null, asCarol.config(
                    "databricks_cluster", "spark_version = \"15.4.x-scala2.12\"\nnode_type_id = \"i3.xlarge\"\n"));
            String target = "cluster_id = \"" + c.id() + "\"";
            Spi.Planned refused = asCarol.plan(Spi.addr("databricks_permissions", "lock"), null,
                    asCarol.config("databricks_permissions", body(target, "group_name:eng:CAN_ATTACH_TO")));
            assertTrue(refused.diagnostics().hasErrors(), "removing carol's own CAN_MANAGE is refused");
            assertTrue(refused.diagnostics().toString().contains("allow_lockout"), refused.diagnostics().toString());

            Spi.Planned predicted = asCarol.plan(Spi.addr("databricks_permissions", "new"), null, asCarol.config(
                    "databricks_permissions", body("cluster_id = cluster.id", "group_name:eng:CAN_ATTACH_TO"),
                    Map.of("cluster", dev.lockstep.api.value.Value.object(Map.of("id",
                            dev.lockstep.api.value.Value.unknown(dev.lockstep.api.value.Type.STRING))))));
            assertTrue(predicted.diagnostics().hasErrors(), "a cluster created in the same apply is carol's alone: "
                    + "refused at plan time already");

            Spi.Planned viaSelf = asCarol.plan(Spi.addr("databricks_permissions", "lock"), null, asCarol.config(
                    "databricks_permissions", body(target, "group_name:eng:CAN_ATTACH_TO",
                            "user_name:carol@example.com:CAN_MANAGE")));
            assertFalse(viaSelf.diagnostics().hasErrors(), viaSelf.diagnostics().toString());

            addMember("ops", userId("carol@example.com"));
            DatabricksProvider fresh = open(SETTINGS, token, dev.lockstep.provider.databricks.client.Sleeper.SYSTEM);
            try {
                Spi asMember = new Spi(fresh);
                Spi.Planned viaGroup = asMember.plan(Spi.addr("databricks_permissions", "lock"), null,
                        asMember.config("databricks_permissions", body(target, "group_name:ops:CAN_MANAGE")));
                assertFalse(viaGroup.diagnostics().hasErrors(), "manage through a group is enough: "
                        + viaGroup.diagnostics());
            } finally {
                fresh.close();
            }

            Spi allowed = new Spi(carolAllowed);
            Spi.Planned forced = allowed.plan(Spi.addr("databricks_permissions", "lock"), null,
                    allowed.config("databricks_permissions", body(target, "group_name:eng:CAN_ATTACH_TO")));
            assertFalse(forced.diagnostics().hasErrors());
            assertTrue(forced.notes().stream().anyMatch(n -> n.contains("allow_lockout")), forced.notes().toString());
            assertNull(forced.diagnostics().asList().stream().filter(d -> d.isError()).findFirst().orElse(null));
        } finally {
            carol.close();
            carolAllowed.close();
        }
    }

    static void addMember(String group, String memberId) {
        GroupsAPI groups = new GroupsAPI(admin);
        for (Group g : groups.list(new ListGroupsRequest().setFilter("displayName eq \"" + group + "\""))) {
            groups.patch(new PartialUpdate().setId(g.getId())
                    .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                    .setOperations(List.of(new Patch().setOp(PatchOp.ADD).setPath("members")
                            .setValue(List.of(Map.of("value", memberId))))));
        }
    }

    static String userId(String name) {
        for (User u : new UsersAPI(admin).list(new com.databricks.sdk.service.iam.ListUsersRequest()
                .setFilter("userName eq \"" + name + "\""))) {
            return u.getId();
        }
        throw new IllegalStateException(name);
    }
}
