package dev.lockstep.provider.databricks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.compute.AwsAvailability;
import com.databricks.sdk.service.compute.AzureAvailability;
import com.databricks.sdk.service.compute.DataSecurityMode;
import com.databricks.sdk.service.compute.DiskTypeAzureDiskVolumeType;
import com.databricks.sdk.service.compute.DiskTypeEbsVolumeType;
import com.databricks.sdk.service.compute.EbsVolumeType;
import com.databricks.sdk.service.compute.GcpAvailability;
import com.databricks.sdk.service.compute.InstancePoolAwsAttributesAvailability;
import com.databricks.sdk.service.compute.InstancePoolAzureAttributesAvailability;
import com.databricks.sdk.service.compute.Kind;
import com.databricks.sdk.service.compute.RuntimeEngine;
import com.databricks.sdk.service.jobs.JobsHealthMetric;
import com.databricks.sdk.service.jobs.JobsHealthOperator;
import com.databricks.sdk.service.jobs.PauseStatus;
import com.databricks.sdk.service.jobs.RunIf;
import com.databricks.sdk.service.jobs.Source;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.Language;
import dev.lockstep.api.schema.AllowedValues;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.provider.databricks.acl.AclTarget;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The allowed values declared in the schemas are exactly the SDK's request enums (the API's
 * documented values), and the attributes that take them declare them.
 */
class EnumsTest {

    static Set<String> sdk(Class<? extends Enum<?>> e) {
        Set<String> out = new TreeSet<>();
        for (Enum<?> c : e.getEnumConstants()) {
            if (!c.name().equals("NULL")) { // RuntimeEngine.NULL: the SDK's "not set"
                out.add(c.name());
            }
        }
        return out;
    }

    static void same(Class<? extends Enum<?>> e, AllowedValues v) {
        assertEquals(sdk(e), new TreeSet<>(v.values()), e.getSimpleName());
        assertEquals(v.values().size(), new HashSet<>(v.values()).size(), "no duplicates: " + v.values());
    }

    @Test
    void theListsAreTheSdksEnums() {
        same(DataSecurityMode.class, Enums.DATA_SECURITY_MODE);
        same(RuntimeEngine.class, Enums.RUNTIME_ENGINE);
        same(Kind.class, Enums.KIND);
        same(AwsAvailability.class, Enums.AWS_AVAILABILITY);
        same(AzureAvailability.class, Enums.AZURE_AVAILABILITY);
        same(GcpAvailability.class, Enums.GCP_AVAILABILITY);
        same(EbsVolumeType.class, Enums.EBS_VOLUME_TYPE);
        same(DiskTypeEbsVolumeType.class, Enums.EBS_VOLUME_TYPE);
        same(InstancePoolAwsAttributesAvailability.class, Enums.POOL_AWS_AVAILABILITY);
        same(InstancePoolAzureAttributesAvailability.class, Enums.POOL_AZURE_AVAILABILITY);
        same(DiskTypeAzureDiskVolumeType.class, Enums.AZURE_DISK_VOLUME_TYPE);
        same(Source.class, Enums.SOURCE);
        same(PauseStatus.class, Enums.PAUSE_STATUS);
        same(RunIf.class, Enums.RUN_IF);
        same(JobsHealthMetric.class, Enums.HEALTH_METRIC);
        same(JobsHealthOperator.class, Enums.HEALTH_OPERATOR);
        same(Language.class, Enums.LANGUAGE);
        same(AclPermission.class, Enums.SECRET_PERMISSION);
        Set<String> levels = new TreeSet<>();
        AclTarget.LEVELS.values().forEach(levels::addAll);
        assertEquals(levels, new TreeSet<>(Enums.PERMISSION_LEVEL.values()));
        Set<String> sdkLevels = sdk(com.databricks.sdk.service.iam.PermissionLevel.class);
        assertTrue(sdkLevels.containsAll(levels), "every level is one the API knows");
    }

    static AllowedValues at(ResourceSchema r, String... path) {
        BlockSchema b = r.block();
        for (int i = 0; i < path.length - 1; i++) {
            b = b.blocks().get(path[i]).block();
        }
        AttributeSchema a = b.attributes().get(path[path.length - 1]);
        return a.allowed();
    }

    @Test
    void theAttributesDeclareThem() {
        assertEquals(Enums.DATA_SECURITY_MODE, at(ClusterSchemas.CLUSTER, "data_security_mode"));
        assertEquals(Enums.RUNTIME_ENGINE, at(ClusterSchemas.CLUSTER, "runtime_engine"));
        assertEquals(Enums.AWS_AVAILABILITY, at(ClusterSchemas.CLUSTER, "aws_attributes", "availability"));
        assertEquals(Enums.POOL_AWS_AVAILABILITY, at(ClusterSchemas.INSTANCE_POOL, "aws_attributes", "availability"));
        assertEquals(Enums.GCP_AVAILABILITY, at(ClusterSchemas.INSTANCE_POOL, "gcp_attributes", "gcp_availability"));
        assertEquals(Enums.AZURE_DISK_VOLUME_TYPE, at(ClusterSchemas.INSTANCE_POOL, "disk_spec", "disk_type",
                "azure_disk_volume_type"));
        assertEquals(Enums.SECRET_PERMISSION, at(SecretSchemas.SECRET_ACL, "permission"));
        assertEquals(Enums.PERMISSION_LEVEL, at(WorkspaceSchemas.PERMISSIONS, "access_control", "permission_level"));
        assertEquals(Enums.PERMISSIONS_MODE, at(WorkspaceSchemas.PERMISSIONS, "mode"));
        assertEquals(Enums.RUN_IF, at(JobSchema.JOB, "task", "run_if"));
        assertEquals(Enums.DATA_SECURITY_MODE, at(JobSchema.JOB, "task", "new_cluster", "data_security_mode"));
        assertEquals(Enums.PAUSE_STATUS, at(JobSchema.JOB, "schedule", "pause_status"));
        assertEquals(List.of("SOURCE"), at(WorkspaceSchemas.NOTEBOOK, "format").values());
        assertEquals(Arrays.asList("READ", "WRITE", "MANAGE"), Enums.SECRET_PERMISSION.values());
    }
}
