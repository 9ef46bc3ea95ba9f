package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract tests of groups, group members, users and service principals. */
class IdentityContractTest extends EmulatorTest {

    static PartialUpdate replace(String id, String path, Object value) {
        return new PartialUpdate().setId(id).setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                .setOperations(List.of(new Patch().setOp(PatchOp.REPLACE).setPath(path).setValue(value)));
    }

    @Test
    void group() {
        new Contract("databricks_group", "display_name = \"Data Science\"\n", "display_name = \"Engineering\"\n",
                "display_name = \"Data Science\"\nallow_cluster_create = true\nworkspace_access = true\n",
                "display_name = \"Data Science\"\nallow_cluster_create = true\nworkspace_access = true\n"
                        + "external_id = \"ext-1\"\n",
                i -> new GroupsAPI(admin).patch(replace(i.id(), "entitlements", List.of(new ComplexValue()
                        .setValue("databricks-sql-access")))),
                "databricks_sql_access").run(spi);
    }

    @Test
    void groupWithForceAdoptsAnExistingGroup() {
        String existing = new GroupsAPI(admin).create(new Group().setDisplayName("preexisting")).getId();
        Spi.Planned p = spi.plan(Spi.addr("databricks_group", "x"), null, spi.config("databricks_group",
                "display_name = \"preexisting\"\n"));
        Spi.ApplyResult refused = spi.tryApply(p, null);
        assertTrue(refused.diagnostics().hasErrors(), "an existing group is not adopted silently");
        Spi.Instance i = spi.converge(Spi.addr("databricks_group", "x"), null, spi.config("databricks_group",
                "display_name = \"preexisting\"\nforce = true\n"));
        assertEquals(existing, i.id());
    }

    @Test
    void groupMember() {
        GroupsAPI groups = new GroupsAPI(admin);
        String g1 = groups.create(new Group().setDisplayName("members-1")).getId();
        String g2 = groups.create(new Group().setDisplayName("members-2")).getId();
        String u1 = new UsersAPI(admin).create(new User().setUserName("m1@example.com")).getId();
        String u2 = new UsersAPI(admin).create(new User().setUserName("m2@example.com")).getId();
        new Contract("databricks_group_member", "group_id = \"" + g1 + "\"\nmember_id = \"" + u1 + "\"\n",
                "group_id = \"" + g1 + "\"\nmember_id = \"" + u2 + "\"\n",
                null,
                "group_id = \"" + g2 + "\"\nmember_id = \"" + u1 + "\"\n",
                i -> groups.patch(new PartialUpdate().setId(g2).setSchemas(List.of(
                        PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP)).setOperations(List.of(
                                new Patch().setOp(PatchOp.REMOVE).setPath("members[value eq \"" + u1 + "\"]")))),
                null).run(spi);
    }

    @Test
    void user() {
        new Contract("databricks_user", "user_name = \"jane@example.com\"\ndisplay_name = \"Jane\"\n",
                "user_name = \"joe@example.com\"\n",
                "user_name = \"jane@example.com\"\ndisplay_name = \"Jane Doe\"\nallow_cluster_create = true\n",
                "user_name = \"jane.doe@example.com\"\ndisplay_name = \"Jane Doe\"\nallow_cluster_create = true\n",
                i -> new UsersAPI(admin).patch(replace(i.id(), "displayName", "Renamed by hand")),
                "display_name").run(spi);
    }

    @Test
    void userDestroyCanDeactivateInstead() {
        Spi.Instance i = spi.converge(Spi.addr("databricks_user", "keep"), null, spi.config("databricks_user",
                "user_name = \"kept@example.com\"\ndisable_as_user_deletion = true\n"));
        assertFalse(spi.delete(spi.refresh(i)).hasErrors());
        assertFalse(new UsersAPI(admin).get(i.id()).getActive(), "deactivated, not deleted");
    }

    @Test
    void servicePrincipal() {
        new Contract("databricks_service_principal", "display_name = \"automation\"\n",
                "application_id = \"00000000-0000-0000-0000-000000000042\"\ndisplay_name = \"ci\"\n",
                "display_name = \"automation\"\nallow_instance_pool_create = true\n",
                "display_name = \"automation\"\napplication_id = \"00000000-0000-0000-0000-000000000043\"\n",
                i -> new ServicePrincipalsAPI(admin).patch(replace(i.id(), "entitlements", List.of(new ComplexValue()
                        .setValue("allow-cluster-create")))),
                "allow_cluster_create").run(spi);
    }
}
