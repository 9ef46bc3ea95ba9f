package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClusterAccessControlRequest;
import com.databricks.sdk.service.compute.ClusterAccessControlResponse;
import com.databricks.sdk.service.compute.ClusterPermissionLevel;
import com.databricks.sdk.service.compute.ClusterPermissions;
import com.databricks.sdk.service.compute.ClusterPermissionsRequest;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsAPI;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import com.databricks.sdk.service.jobs.JobAccessControlRequest;
import com.databricks.sdk.service.jobs.JobPermissionLevel;
import com.databricks.sdk.service.jobs.JobPermissionsRequest;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.settings.TokenManagementAPI;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.WorkspaceAPI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PermissionsApiTest extends SdkHarness {
    private String clusterId;

    @BeforeEach
    void seed() {
        new GroupsAPI(admin).create(new Group().setDisplayName("data-eng"));
        new UsersAPI(admin).create(new User().setUserName("bob@example.com").setDisplayName("Bob"));
        clusterId = new ClustersAPI(admin).create(new CreateCluster().setClusterName("c")
                .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge").setNumWorkers(1L)).getResponse().getClusterId();
    }

    private static Optional<AccessControlResponse> entry(ObjectPermissions p, String name) {
        return p.getAccessControlList().stream()
                .filter(a -> name.equals(a.getGroupName()) || name.equals(a.getUserName()) || name.equals(a.getServicePrincipalName()))
                .findFirst();
    }

    @Test
    void clusterAclShowsCreatorAndInheritedAdmins() {
        ClusterPermissions p = new ClustersAPI(admin).getPermissions(clusterId);
        assertEquals("/clusters/" + clusterId, p.getObjectId());
        assertEquals("cluster", p.getObjectType());
        ClusterAccessControlResponse creator = p.getAccessControlList().stream()
                .filter(a -> "admin@sandbox.lockstep.dev".equals(a.getUserName())).findFirst().orElseThrow();
        assertEquals("Sandbox Admin", creator.getDisplayName());
        assertEquals(ClusterPermissionLevel.CAN_MANAGE, creator.getAllPermissions().iterator().next().getPermissionLevel());
        assertFalse(creator.getAllPermissions().iterator().next().getInherited());
        ClusterAccessControlResponse admins = p.getAccessControlList().stream()
                .filter(a -> "admins".equals(a.getGroupName())).findFirst().orElseThrow();
        var perm = admins.getAllPermissions().iterator().next();
        assertTrue(perm.getInherited());
        assertEquals(List.of("/clusters/"), List.copyOf(perm.getInheritedFromObject()));
    }

    @Test
    void putReplacesAndPatchMerges() {
        PermissionsAPI perms = new PermissionsAPI(admin);
        ObjectPermissions afterPut = perms.set(new SetObjectPermissions().setRequestObjectType("clusters").setRequestObjectId(clusterId)
                .setAccessControlList(List.of(new AccessControlRequest().setGroupName("data-eng").setPermissionLevel(PermissionLevel.CAN_RESTART))));
        assertTrue(entry(afterPut, "data-eng").isPresent());
        assertTrue(entry(afterPut, "admin@sandbox.lockstep.dev").isEmpty(), "PUT drops the creator's direct entry");
        assertTrue(entry(afterPut, "admins").isPresent(), "admins stay, inherited");

        ObjectPermissions afterPatch = perms.update(new UpdateObjectPermissions().setRequestObjectType("clusters").setRequestObjectId(clusterId)
                .setAccessControlList(List.of(
                        new AccessControlRequest().setUserName("bob@example.com").setPermissionLevel(PermissionLevel.CAN_ATTACH_TO),
                        new AccessControlRequest().setGroupName("data-eng").setPermissionLevel(PermissionLevel.CAN_MANAGE))));
        assertEquals(PermissionLevel.CAN_MANAGE, entry(afterPatch, "data-eng").orElseThrow().getAllPermissions().iterator().next().getPermissionLevel());
        assertEquals("Bob", entry(afterPatch, "bob@example.com").orElseThrow().getDisplayName());
        assertEquals(afterPatch.getAccessControlList().size(), perms.get("clusters", clusterId).getAccessControlList().size());

        ClusterPermissions typed = new ClustersAPI(admin).setPermissions(new ClusterPermissionsRequest().setClusterId(clusterId)
                .setAccessControlList(List.of(new ClusterAccessControlRequest().setUserName("bob@example.com")
                        .setPermissionLevel(ClusterPermissionLevel.CAN_MANAGE))));
        assertEquals(2, typed.getAccessControlList().size(), "bob and inherited admins");
    }

    @Test
    void invalidLevelsPrincipalsAndObjectsAreRejected() {
        PermissionsAPI perms = new PermissionsAPI(admin);
        InvalidParameterValue level = assertThrows(InvalidParameterValue.class, () -> perms.set(new SetObjectPermissions()
                .setRequestObjectType("clusters").setRequestObjectId(clusterId)
                .setAccessControlList(List.of(new AccessControlRequest().setGroupName("data-eng").setPermissionLevel(PermissionLevel.CAN_VIEW)))));
        assertEquals("INVALID_PARAMETER_VALUE", level.getErrorCode());
        assertThrows(InvalidParameterValue.class, () -> perms.set(new SetObjectPermissions()
                .setRequestObjectType("clusters").setRequestObjectId(clusterId)
                .setAccessControlList(List.of(new AccessControlRequest().setUserName("nobody@example.com").setPermissionLevel(PermissionLevel.CAN_MANAGE)))));
        ResourceDoesNotExist missing = assertThrows(ResourceDoesNotExist.class, () -> perms.get("clusters", "0000-000000-nothere"));
        assertEquals(404, missing.getStatusCode());
        assertEquals(3, perms.getPermissionLevels("clusters", clusterId).getPermissionLevels().size());
    }

    @Test
    void jobsHaveExactlyOneOwner() {
        JobsAPI jobs = new JobsAPI(admin);
        long jobId = jobs.create(JobsApiTest.job("owned")).getJobId();
        String id = String.valueOf(jobId);
        var p = jobs.getPermissions(id);
        assertEquals("job", p.getObjectType());
        assertEquals(JobPermissionLevel.IS_OWNER, p.getAccessControlList().stream()
                .filter(a -> "admin@sandbox.lockstep.dev".equals(a.getUserName())).findFirst().orElseThrow()
                .getAllPermissions().iterator().next().getPermissionLevel());

        InvalidParameterValue noOwner = assertThrows(InvalidParameterValue.class, () -> jobs.setPermissions(new JobPermissionsRequest()
                .setJobId(id).setAccessControlList(List.of(new JobAccessControlRequest().setGroupName("data-eng")
                        .setPermissionLevel(JobPermissionLevel.CAN_MANAGE_RUN)))));
        assertEquals("The job must have exactly one owner.", noOwner.getMessage());
        assertThrows(InvalidParameterValue.class, () -> jobs.updatePermissions(new JobPermissionsRequest()
                .setJobId(id).setAccessControlList(List.of(new JobAccessControlRequest().setGroupName("data-eng")
                        .setPermissionLevel(JobPermissionLevel.IS_OWNER)))));

        jobs.updatePermissions(new JobPermissionsRequest().setJobId(id).setAccessControlList(List.of(
                new JobAccessControlRequest().setUserName("bob@example.com").setPermissionLevel(JobPermissionLevel.IS_OWNER))));
        assertEquals("bob@example.com", jobs.get(jobId).getRunAsUserName(), "run_as follows the owner");
        long owners = jobs.getPermissions(id).getAccessControlList().stream()
                .flatMap(a -> a.getAllPermissions().stream()).filter(x -> x.getPermissionLevel() == JobPermissionLevel.IS_OWNER).count();
        assertEquals(1, owners);
    }

    @Test
    void workspaceObjectsInheritFromTheirFolders() {
        WorkspaceAPI ws = new WorkspaceAPI(admin);
        ws.mkdirs("/Shared/team");
        ws.importContent(new com.databricks.sdk.service.workspace.Import().setPath("/Shared/team/nb").setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.PYTHON).setContent(Base64.getEncoder().encodeToString("print(1)".getBytes())));
        long dir = ws.getStatus("/Shared/team").getObjectId();
        long nb = ws.getStatus("/Shared/team/nb").getObjectId();
        PermissionsAPI perms = new PermissionsAPI(admin);
        perms.update(new UpdateObjectPermissions().setRequestObjectType("directories").setRequestObjectId(String.valueOf(dir))
                .setAccessControlList(List.of(new AccessControlRequest().setGroupName("data-eng").setPermissionLevel(PermissionLevel.CAN_EDIT))));
        ObjectPermissions p = perms.get("notebooks", String.valueOf(nb));
        assertEquals("notebook", p.getObjectType());
        var inherited = entry(p, "data-eng").orElseThrow().getAllPermissions().iterator().next();
        assertTrue(inherited.getInherited());
        assertEquals(List.of("/directories/" + dir), List.copyOf(inherited.getInheritedFromObject()));
        assertTrue(entry(p, "admins").orElseThrow().getAllPermissions().iterator().next().getInheritedFromObject().contains("/directories/0"));
        assertThrows(ResourceDoesNotExist.class, () -> perms.get("notebooks", String.valueOf(dir)), "a directory is not a notebook");
    }

    @Test
    void tokenUsagePermissionsAndNonAdmins() {
        var tokens = new TokenManagementAPI(admin).getPermissions();
        assertEquals("/authorization/tokens", tokens.getObjectId());
        assertEquals("tokens", tokens.getObjectType());
        ApiClient bob = client(emulator.issueToken("bob@example.com", null));
        PermissionDenied denied = assertThrows(PermissionDenied.class, () -> new PermissionsAPI(bob).set(new SetObjectPermissions()
                .setRequestObjectType("clusters").setRequestObjectId(clusterId)
                .setAccessControlList(List.of(new AccessControlRequest().setUserName("bob@example.com").setPermissionLevel(PermissionLevel.CAN_MANAGE)))));
        assertEquals("PERMISSION_DENIED", denied.getErrorCode());
        new PermissionsAPI(admin).update(new UpdateObjectPermissions().setRequestObjectType("clusters").setRequestObjectId(clusterId)
                .setAccessControlList(List.of(new AccessControlRequest().setUserName("bob@example.com").setPermissionLevel(PermissionLevel.CAN_MANAGE))));
        assertTrue(entry(new PermissionsAPI(bob).get("clusters", clusterId), "bob@example.com").isPresent(), "bob manages it now");
    }
}
