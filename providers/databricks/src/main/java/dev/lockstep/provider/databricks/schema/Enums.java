package dev.lockstep.provider.databricks.schema;

import dev.lockstep.api.schema.AllowedValues;
import dev.lockstep.provider.databricks.acl.AclTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of the enumerations the Databricks REST API documents for the attributes lockstep
 * declares (the SDK's request enums, checked against them by {@code EnumsTest}), as
 * {@link AllowedValues}: a typo is a {@code validate} error at the attribute. Declared here as
 * strings so that loading a schema loads no SDK class.
 */
public final class Enums {

    private Enums() {
    }

    /** {@code data_security_mode} (compute.DataSecurityMode). */
    public static final AllowedValues DATA_SECURITY_MODE = AllowedValues.of("SINGLE_USER", "USER_ISOLATION", "NONE",
            "DATA_SECURITY_MODE_AUTO", "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_DEDICATED",
            "LEGACY_TABLE_ACL", "LEGACY_PASSTHROUGH", "LEGACY_SINGLE_USER", "LEGACY_SINGLE_USER_STANDARD");

    /** {@code runtime_engine} (compute.RuntimeEngine). */
    public static final AllowedValues RUNTIME_ENGINE = AllowedValues.of("STANDARD", "PHOTON");

    /** {@code kind} (compute.Kind). */
    public static final AllowedValues KIND = AllowedValues.of("CLASSIC_PREVIEW");

    /** A cluster's {@code aws_attributes.availability} (compute.AwsAvailability). */
    public static final AllowedValues AWS_AVAILABILITY = AllowedValues.of("SPOT", "SPOT_WITH_FALLBACK", "ON_DEMAND");

    /** A cluster's {@code azure_attributes.availability} (compute.AzureAvailability). */
    public static final AllowedValues AZURE_AVAILABILITY = AllowedValues.of("SPOT_AZURE", "SPOT_WITH_FALLBACK_AZURE",
            "ON_DEMAND_AZURE");

    /** {@code gcp_attributes.availability} and a pool's {@code gcp_availability} (compute.GcpAvailability). */
    public static final AllowedValues GCP_AVAILABILITY = AllowedValues.of("PREEMPTIBLE_GCP",
            "PREEMPTIBLE_WITH_FALLBACK_GCP", "ON_DEMAND_GCP");

    /** {@code ebs_volume_type} (compute.EbsVolumeType, compute.DiskTypeEbsVolumeType). */
    public static final AllowedValues EBS_VOLUME_TYPE = AllowedValues.of("GENERAL_PURPOSE_SSD",
            "THROUGHPUT_OPTIMIZED_HDD");

    /** A pool's {@code aws_attributes.availability} (compute.InstancePoolAwsAttributesAvailability). */
    public static final AllowedValues POOL_AWS_AVAILABILITY = AllowedValues.of("SPOT", "ON_DEMAND");

    /** A pool's {@code azure_attributes.availability} (compute.InstancePoolAzureAttributesAvailability). */
    public static final AllowedValues POOL_AZURE_AVAILABILITY = AllowedValues.of("SPOT_AZURE", "ON_DEMAND_AZURE");

    /** A pool's {@code disk_type.azure_disk_volume_type} (compute.DiskTypeAzureDiskVolumeType). */
    public static final AllowedValues AZURE_DISK_VOLUME_TYPE = AllowedValues.of("PREMIUM_LRS", "STANDARD_LRS");

    /** Where a task's file comes from (jobs.Source). */
    public static final AllowedValues SOURCE = AllowedValues.of("WORKSPACE", "GIT");

    /** {@code pause_status} (jobs.PauseStatus). */
    public static final AllowedValues PAUSE_STATUS = AllowedValues.of("UNPAUSED", "PAUSED");

    /** A task's {@code run_if} (jobs.RunIf). */
    public static final AllowedValues RUN_IF = AllowedValues.of("ALL_SUCCESS", "AT_LEAST_ONE_SUCCESS", "NONE_FAILED",
            "ALL_DONE", "AT_LEAST_ONE_FAILED", "ALL_FAILED");

    /** A health rule's {@code metric} (jobs.JobsHealthMetric). */
    public static final AllowedValues HEALTH_METRIC = AllowedValues.of("RUN_DURATION_SECONDS",
            "STREAMING_BACKLOG_BYTES", "STREAMING_BACKLOG_RECORDS", "STREAMING_BACKLOG_SECONDS",
            "STREAMING_BACKLOG_FILES");

    /** A health rule's {@code op} (jobs.JobsHealthOperator). */
    public static final AllowedValues HEALTH_OPERATOR = AllowedValues.of("GREATER_THAN");

    /** A notebook's {@code language} (workspace.Language); the provider upper-cases it. */
    public static final AllowedValues LANGUAGE = AllowedValues.ignoringCase("PYTHON", "SCALA", "SQL", "R");

    /** A notebook's {@code format}: lockstep imports SOURCE only. */
    public static final AllowedValues NOTEBOOK_FORMAT = AllowedValues.of("SOURCE");

    /** A secret ACL's {@code permission} (workspace.AclPermission); the provider upper-cases it. */
    public static final AllowedValues SECRET_PERMISSION = AllowedValues.ignoringCase("READ", "WRITE", "MANAGE");

    /** {@code databricks_permissions.mode}. */
    public static final AllowedValues PERMISSIONS_MODE = AllowedValues.of("authoritative", "additive");

    /**
     * An {@code access_control.permission_level}: every level of the object types lockstep manages
     * ({@link AclTarget#LEVELS}); which of them an object takes is checked when the plan knows the
     * object. The provider upper-cases it.
     */
    public static final AllowedValues PERMISSION_LEVEL = permissionLevels();

    private static AllowedValues permissionLevels() {
        List<String> all = new ArrayList<>();
        for (String type : List.of("clusters", "cluster-policies", "instance-pools", "jobs", "notebooks",
                "directories", "authorization")) {
            for (String level : AclTarget.LEVELS.get(type)) {
                if (!all.contains(level)) {
                    all.add(level);
                }
            }
        }
        return new AllowedValues(all, true);
    }
}
