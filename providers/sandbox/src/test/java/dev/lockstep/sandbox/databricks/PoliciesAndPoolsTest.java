package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClusterPoliciesAPI;
import com.databricks.sdk.service.compute.ClusterPolicyAccessControlRequest;
import com.databricks.sdk.service.compute.ClusterPolicyPermissionLevel;
import com.databricks.sdk.service.compute.ClusterPolicyPermissionsRequest;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.EditPolicy;
import com.databricks.sdk.service.compute.GetInstancePool;
import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.databricks.sdk.service.compute.InstancePoolState;
import com.databricks.sdk.service.compute.InstancePoolsAPI;
import com.databricks.sdk.service.compute.ListClusterPoliciesRequest;
import com.databricks.sdk.service.compute.ListSortColumn;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoliciesAndPoolsTest extends SdkHarness {
    private static final String DEFINITION = "{\"spark_version\": {\"type\": \"fixed\", \"value\": \"15.4.x-scala2.12\"},"
            + " \"autotermination_minutes\": {\"type\": \"range\", \"maxValue\": 60, \"defaultValue\": 30},"
            + " \"custom_tags.cost_center\": {\"type\": \"allowlist\", \"values\": [\"100\", \"200\"]}}";

    @Test
    void policyLifecycleAndEnforcement() {
        ClusterPoliciesAPI policies = new ClusterPoliciesAPI(admin);
        String id = policies.create(new CreatePolicy().setName("small").setDefinition(DEFINITION).setMaxClustersPerUser(2L)).getPolicyId();
        assertTrue(id.matches("[0-9A-F]{16}"), id);
        Policy p = policies.get(id);
        assertEquals("small", p.getName());
        assertEquals(2L, p.getMaxClustersPerUser());
        assertEquals("admin@sandbox.lockstep.dev", p.getCreatorUserName());
        assertThrows(ResourceAlreadyExists.class, () -> policies.create(new CreatePolicy().setName("SMALL").setDefinition("{}")));
        assertThrows(InvalidParameterValue.class, () -> policies.create(new CreatePolicy().setName("broken").setDefinition("{not json")));

        ClustersAPI clusters = new ClustersAPI(admin);
        CreateCluster base = new CreateCluster().setClusterName("p").setNodeTypeId("i3.xlarge").setNumWorkers(1L).setPolicyId(id);
        InvalidParameterValue fixed = assertThrows(InvalidParameterValue.class,
                () -> clusters.create(base.setSparkVersion("14.3.x-scala2.12")));
        assertTrue(fixed.getMessage().startsWith("Validation failed for spark_version"), fixed.getMessage());
        base.setSparkVersion(null);
        assertThrows(InvalidParameterValue.class, () -> clusters.create(base.setAutoterminationMinutes(120L)));
        assertThrows(InvalidParameterValue.class,
                () -> clusters.create(base.setAutoterminationMinutes(null).setCustomTags(Map.of("cost_center", "999"))));
        String cid = clusters.create(base.setCustomTags(Map.of("cost_center", "100")).setApplyPolicyDefaultValues(true))
                .getResponse().getClusterId();
        var c = clusters.get(cid);
        assertEquals("15.4.x-scala2.12", c.getSparkVersion(), "fixed value applied");
        assertEquals(30L, c.getAutoterminationMinutes(), "default applied on request");
        assertEquals(id, c.getPolicyId());

        policies.edit(new EditPolicy().setPolicyId(id).setName("small-v2").setDefinition("{}"));
        assertEquals("small-v2", policies.get(id).getName());
        policies.create(new CreatePolicy().setName("another").setDefinition("{}"));
        List<String> names = new ArrayList<>();
        policies.list(new ListClusterPoliciesRequest().setSortColumn(ListSortColumn.POLICY_NAME)).forEach(x -> names.add(x.getName()));
        assertEquals(List.of("another", "small-v2"), names);
        policies.delete(id);
        ResourceDoesNotExist gone = assertThrows(ResourceDoesNotExist.class, () -> policies.get(id));
        assertEquals(404, gone.getStatusCode());
    }

    @Test
    void nonAdminsNeedCanUseOnAPolicy() {
        ClusterPoliciesAPI policies = new ClusterPoliciesAPI(admin);
        String id = policies.create(new CreatePolicy().setName("open").setDefinition("{}")).getPolicyId();
        new UsersAPI(admin).create(new User().setUserName("hank@example.com"));
        ApiClient hank = client(emulator.issueToken("hank@example.com", null));
        assertThrows(PermissionDenied.class, () -> new ClusterPoliciesAPI(hank).create(new CreatePolicy().setName("mine")));
        List<Policy> visible = new ArrayList<>();
        new ClusterPoliciesAPI(hank).list(new ListClusterPoliciesRequest()).forEach(visible::add);
        assertEquals(0, visible.size());
        CreateCluster spec = new CreateCluster().setClusterName("h").setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge")
                .setNumWorkers(0L).setPolicyId(id);
        assertThrows(PermissionDenied.class, () -> new ClustersAPI(hank).create(spec));
        var perms = policies.setPermissions(new ClusterPolicyPermissionsRequest().setClusterPolicyId(id).setAccessControlList(List.of(
                new ClusterPolicyAccessControlRequest().setUserName("hank@example.com").setPermissionLevel(ClusterPolicyPermissionLevel.CAN_USE))));
        assertEquals("cluster-policy", perms.getObjectType());
        new ClustersAPI(hank).create(spec);
        new ClusterPoliciesAPI(hank).list(new ListClusterPoliciesRequest()).forEach(visible::add);
        assertEquals(1, visible.size());
    }

    @Test
    void instancePools() {
        InstancePoolsAPI pools = new InstancePoolsAPI(admin);
        String id = pools.create(new CreateInstancePool().setInstancePoolName("warm").setNodeTypeId("i3.xlarge")
                .setMinIdleInstances(1L).setMaxCapacity(10L).setCustomTags(Map.of("team", "data"))).getInstancePoolId();
        GetInstancePool p = pools.get(id);
        assertEquals(InstancePoolState.ACTIVE, p.getState());
        assertEquals(60L, p.getIdleInstanceAutoterminationMinutes());
        assertEquals(1L, p.getStats().getIdleCount());
        assertEquals(id, p.getDefaultTags().get("DatabricksInstancePoolId"));
        assertThrows(InvalidParameterValue.class, () -> pools.edit(new EditInstancePool().setInstancePoolId(id)
                .setInstancePoolName("warm").setNodeTypeId("m5d.large")));
        pools.edit(new EditInstancePool().setInstancePoolId(id).setInstancePoolName("warmer").setNodeTypeId("i3.xlarge").setMaxCapacity(20L));
        assertEquals("warmer", pools.get(id).getInstancePoolName());
        assertEquals(20L, pools.get(id).getMaxCapacity());
        String cid = new ClustersAPI(admin).create(new CreateCluster().setClusterName("pooled").setSparkVersion("15.4.x-scala2.12")
                .setInstancePoolId(id).setNumWorkers(1L)).getResponse().getClusterId();
        assertEquals("i3.xlarge", new ClustersAPI(admin).get(cid).getNodeTypeId());
        List<InstancePoolAndStats> all = new ArrayList<>();
        pools.list().forEach(all::add);
        assertEquals(1, all.size());
        assertEquals(2, pools.getPermissionLevels(id).getPermissionLevels().size());
        pools.delete(id);
        assertThrows(ResourceDoesNotExist.class, () -> pools.get(id));
    }
}
