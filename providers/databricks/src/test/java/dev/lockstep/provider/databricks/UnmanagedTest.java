package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** drift --unmanaged: access on managed objects that no configuration declares, with severities. */
class UnmanagedTest extends EmulatorTest {

    @Test
    void findsUndeclaredGrantsMembersAndEndlessTokens() {
        new GroupsAPI(admin).create(new Group().setDisplayName("eng"));
        new GroupsAPI(admin).create(new Group().setDisplayName("ds"));
        String bob = new UsersAPI(admin).create(new User().setUserName("bob@example.com")).getId();
        new UsersAPI(admin).create(new User().setUserName("alice@example.com"));

        Map<ResourceAddress, Value> managed = new LinkedHashMap<>();
        Spi.Instance cluster = spi.converge(Spi.addr("databricks_cluster", "c"), null, spi.config("databricks_cluster",
                "spark_version = \"15.4.x-scala2.12\"\nnode_type_id = \"i3.xlarge\"\nnum_workers = 1\n"));
        Spi.Instance job = spi.converge(Spi.addr("databricks_job", "j"), null, spi.config("databricks_job",
                ComputeContractTest.JOB));
        Spi.Instance perms = spi.converge(Spi.addr("databricks_permissions", "c"), null, spi.config(
                "databricks_permissions", PermissionsTest.body("cluster_id = \"" + cluster.id() + "\"",
                        "group_name:eng:CAN_ATTACH_TO")));
        Spi.Instance group = spi.converge(Spi.addr("databricks_group", "g"), null, spi.config("databricks_group",
                "display_name = \"platform\"\n"));
        Spi.Instance member = spi.converge(Spi.addr("databricks_group_member", "m"), null, spi.config(
                "databricks_group_member", "group_id = \"" + group.id() + "\"\nmember_id = \"" + bob + "\"\n"));
        Spi.Instance token = spi.converge(Spi.addr("databricks_token", "t"), null, spi.config("databricks_token",
                "comment = \"managed, endless\"\n"));
        for (Spi.Instance i : List.of(cluster, job, perms, group, member, token)) {
            managed.put(i.address(), spi.refresh(i).state());
        }

        UnmanagedLister.UnmanagedResponse clean = provider.unmanaged().listUnmanaged(managed);
        assertFalse(clean.diagnostics().hasErrors(), clean.diagnostics().toString());
        assertEquals(List.of(), clean.objects(), "declared access, lockstep's own entries, forced entries and "
                + "managed tokens are not reported");

        PermissionsTest.grant("clusters", cluster.id(), "bob@example.com", PermissionLevel.CAN_MANAGE);
        PermissionsTest.grant("jobs", job.id(), "alice@example.com", PermissionLevel.CAN_VIEW);
        PermissionsTest.addMember("platform", PermissionsTest.userId("alice@example.com"));
        emulator.issueToken("alice@example.com", "laptop");

        UnmanagedLister.UnmanagedResponse r = provider.unmanaged().listUnmanaged(managed);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        Map<String, UnmanagedLister.Severity> found = r.objects().stream().collect(Collectors.toMap(
                UnmanagedLister.UnmanagedObject::identifier, UnmanagedLister.UnmanagedObject::severity));
        assertEquals(UnmanagedLister.Severity.CRITICAL, found.get("clusters/" + cluster.id()
                + ": user bob@example.com CAN_MANAGE"), found.toString());
        assertEquals(UnmanagedLister.Severity.MEDIUM, found.get("jobs/" + job.id() + ": user alice@example.com "
                + "CAN_VIEW"), found.toString());
        assertTrue(found.keySet().stream().anyMatch(k -> k.startsWith("groups/platform: user alice@example.com")),
                found.toString());
        assertTrue(r.objects().stream().anyMatch(o -> o.kind().equals("token") && o.identifier().contains("laptop")
                && o.severity() == UnmanagedLister.Severity.HIGH), r.objects().toString());
        assertEquals(4, r.objects().size(), r.objects().toString());
    }
}
