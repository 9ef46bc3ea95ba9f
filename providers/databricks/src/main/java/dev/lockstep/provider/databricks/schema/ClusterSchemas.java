package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.api.schema.SchemaBuilder.BOOL;
import static dev.lockstep.api.schema.SchemaBuilder.NUMBER;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_LIST;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.list;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;
import static dev.lockstep.api.schema.SchemaBuilder.set;
import static dev.lockstep.api.schema.SchemaBuilder.single;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Schemas of {@code databricks_cluster}, {@code databricks_cluster_policy} and
 * {@code databricks_instance_pool}, with the Terraform provider's names, plus the cluster
 * specification that job clusters share.
 */
public final class ClusterSchemas {

    private ClusterSchemas() {
    }

    static final BlockSchema DESTINATION = block(required("destination", STRING, "Where the file is."));

    static final BlockSchema S3 = block(
            required("destination", STRING, "S3 URI."),
            optional("region", STRING, "S3 region."),
            optional("endpoint", STRING, "S3 endpoint."),
            optional("enable_encryption", BOOL, "Server-side encryption."),
            optional("encryption_type", STRING, "sse-s3 or sse-kms."),
            optional("kms_key", STRING, "KMS key for sse-kms."),
            optional("canned_acl", STRING, "Canned ACL, such as bucket-owner-full-control."));

    /** One {@code init_scripts} block: exactly one location. */
    static final BlockSchema INIT_SCRIPT = block(
            single("dbfs", DESTINATION), single("s3", S3), single("file", DESTINATION),
            single("workspace", DESTINATION), single("volumes", DESTINATION), single("gcs", DESTINATION),
            single("abfss", DESTINATION));

    /** A {@code library} block: exactly one kind of library. */
    public static final BlockSchema LIBRARY = block(
            optional("jar", STRING, "JAR URI."),
            optional("egg", STRING, "Python egg URI."),
            optional("whl", STRING, "Python wheel URI."),
            optional("requirements", STRING, "Path of a requirements.txt file."),
            single("pypi", block(required("package", STRING, "Package spec."), optional("repo", STRING, "Index URL."))),
            single("maven", block(required("coordinates", STRING, "Maven coordinates."), optional("repo", STRING, "Repository URL."),
                    optional("exclusions", STRING_LIST, "Excluded dependencies."))),
            single("cran", block(required("package", STRING, "CRAN package."), optional("repo", STRING, "Repository URL."))));

    /**
     * Attributes and blocks of a cluster specification, as {@code databricks_cluster} and a job's
     * {@code new_cluster} write them.
     */
    public static List<Object> spec() {
        List<Object> l = new ArrayList<>(List.of(
                optional("cluster_name", STRING, "Cluster name; need not be unique."),
                required("spark_version", STRING, "Databricks Runtime version key."),
                optionalComputed("node_type_id", STRING, "Worker node type; taken from the instance pool when one is given."),
                optionalComputed("driver_node_type_id", STRING, "Driver node type; defaults to node_type_id."),
                optional("instance_pool_id", STRING, "Instance pool for the workers (and the driver unless set)."),
                optionalComputed("driver_instance_pool_id", STRING, "Instance pool for the driver."),
                optional("policy_id", STRING, "Cluster policy that validates and fills the specification."),
                optional("apply_policy_default_values", BOOL, "Fill missing attributes from the policy's defaults."),
                optionalComputed("num_workers", NUMBER, "Fixed number of workers (0 for single node)."),
                optionalComputed("enable_elastic_disk", BOOL, "Autoscaling local storage."),
                optionalComputed("enable_local_disk_encryption", BOOL, "Encrypt local disks."),
                optionalComputed("data_security_mode", STRING, "Access mode: SINGLE_USER, USER_ISOLATION, NONE, ...").allowing(Enums.DATA_SECURITY_MODE),
                optional("single_user_name", STRING, "The user (or group) a single-user cluster is assigned to."),
                optionalComputed("runtime_engine", STRING, "PHOTON or STANDARD.").allowing(Enums.RUNTIME_ENGINE),
                optional("kind", STRING, "The kind of compute, such as CLASSIC_PREVIEW.").allowing(Enums.KIND),
                optional("use_ml_runtime", BOOL, "Select the ML runtime (with kind)."),
                optional("is_single_node", BOOL, "Single node cluster (with kind)."),
                optional("ssh_public_keys", STRING_LIST, "SSH public keys added to every node."),
                optional("spark_env_vars", STRING_MAP, "Environment variables of the Spark processes."),
                optional("spark_conf", STRING_MAP, "Spark configuration properties."),
                optional("custom_tags", STRING_MAP, "Tags on the cluster's cloud resources."),
                single("autoscale", block(
                        optionalComputed("min_workers", NUMBER, "Fewest workers."),
                        optionalComputed("max_workers", NUMBER, "Most workers."))),
                single("aws_attributes", block(
                        optionalComputed("zone_id", STRING, "Availability zone, or auto."),
                        optionalComputed("availability", STRING, "SPOT, SPOT_WITH_FALLBACK or ON_DEMAND.").allowing(Enums.AWS_AVAILABILITY),
                        optionalComputed("first_on_demand", NUMBER, "Nodes placed on on-demand instances first."),
                        optionalComputed("spot_bid_price_percent", NUMBER, "Maximum spot price, percent of on-demand."),
                        optionalComputed("instance_profile_arn", STRING, "Instance profile of the nodes."),
                        optionalComputed("ebs_volume_type", STRING, "GENERAL_PURPOSE_SSD or THROUGHPUT_OPTIMIZED_HDD.").allowing(Enums.EBS_VOLUME_TYPE),
                        optionalComputed("ebs_volume_count", NUMBER, "EBS volumes per instance."),
                        optionalComputed("ebs_volume_size", NUMBER, "Size of each EBS volume in GiB."))),
                single("azure_attributes", block(
                        optionalComputed("availability", STRING, "SPOT_AZURE, SPOT_WITH_FALLBACK_AZURE or ON_DEMAND_AZURE.").allowing(Enums.AZURE_AVAILABILITY),
                        optionalComputed("first_on_demand", NUMBER, "Nodes placed on on-demand instances first."),
                        optionalComputed("spot_bid_max_price", NUMBER, "Maximum spot price; -1 for the on-demand price."))),
                single("gcp_attributes", block(
                        optionalComputed("use_preemptible_executors", BOOL, "Preemptible executors (deprecated)."),
                        optionalComputed("google_service_account", STRING, "Service account of the nodes."),
                        optionalComputed("availability", STRING, "PREEMPTIBLE_GCP, PREEMPTIBLE_WITH_FALLBACK_GCP or ON_DEMAND_GCP.").allowing(Enums.GCP_AVAILABILITY),
                        optionalComputed("boot_disk_size", NUMBER, "Boot disk size in GB."),
                        optionalComputed("local_ssd_count", NUMBER, "Local SSDs per node."),
                        optionalComputed("zone_id", STRING, "HA, AUTO or a zone."))),
                list("init_scripts", INIT_SCRIPT, 0, 10),
                single("cluster_log_conf", block(single("dbfs", DESTINATION), single("s3", S3),
                        single("volumes", DESTINATION))),
                single("docker_image", block(
                        required("url", STRING, "Image URL."),
                        single("basic_auth", block(required("username", STRING, "Registry user."),
                                required("password", STRING, "Registry password.").asSensitive()))))));
        return l;
    }

    public static final ResourceSchema CLUSTER = new ResourceSchema("databricks_cluster", 0, block(
            computed("id", STRING, "The cluster id."),
            computed("cluster_id", STRING, "The cluster id."),
            spec(),
            optionalComputed("autotermination_minutes", NUMBER, "Minutes of inactivity before the cluster terminates (0 = never)."),
            optional("idempotency_token", STRING, "Accepted for compatibility; lockstep's address tag makes creates idempotent."),
            optional("no_wait", BOOL, "false waits for RUNNING after create; unset or true does not wait."),
            computed("default_tags", STRING_MAP, "Tags Databricks adds to every cluster."),
            computed("url", STRING, "URL of the cluster in the workspace.")),
            "A Databricks all-purpose cluster (Clusters API 2.1).");

    public static final ResourceSchema CLUSTER_POLICY = new ResourceSchema("databricks_cluster_policy", 0, block(
            computed("id", STRING, "The policy id."),
            computed("policy_id", STRING, "The policy id."),
            required("name", STRING, "Policy name, unique in the workspace."),
            optionalComputed("definition", STRING, "Policy definition, a JSON document of rules."),
            optional("description", STRING, "Description."),
            optional("max_clusters_per_user", NUMBER, "Most clusters a user may create with this policy."),
            optional("policy_family_id", STRING, "Policy family the definition derives from."),
            optional("policy_family_definition_overrides", STRING, "JSON overrides of the family's definition."),
            set("library", LIBRARY)),
            "A cluster policy.");

    public static final ResourceSchema INSTANCE_POOL = new ResourceSchema("databricks_instance_pool", 0, block(
            computed("id", STRING, "The pool id."),
            computed("instance_pool_id", STRING, "The pool id."),
            required("instance_pool_name", STRING, "Pool name."),
            optional("min_idle_instances", NUMBER, "Idle instances kept ready."),
            optional("max_capacity", NUMBER, "Most instances in the pool."),
            required("idle_instance_autotermination_minutes", NUMBER, "Minutes before idle instances above the minimum go."),
            optional("node_type_id", STRING, "Node type of the instances.").asForceNew(),
            optional("custom_tags", STRING_MAP, "Tags on the pool's cloud resources."),
            optionalComputed("enable_elastic_disk", BOOL, "Autoscaling local storage.").asForceNew(),
            optional("preloaded_spark_versions", STRING_LIST, "Runtime versions preloaded on idle instances.").asForceNew(),
            single("aws_attributes", block(
                    optionalComputed("availability", STRING, "SPOT or ON_DEMAND.").allowing(Enums.POOL_AWS_AVAILABILITY),
                    optionalComputed("zone_id", STRING, "Availability zone."),
                    optionalComputed("spot_bid_price_percent", NUMBER, "Maximum spot price, percent of on-demand."),
                    optionalComputed("instance_profile_arn", STRING, "Instance profile of the pool's nodes."))).asForceNew(),
            single("azure_attributes", block(
                    optionalComputed("availability", STRING, "SPOT_AZURE or ON_DEMAND_AZURE.").allowing(Enums.POOL_AZURE_AVAILABILITY),
                    optionalComputed("spot_bid_max_price", NUMBER, "Maximum spot price."))).asForceNew(),
            single("gcp_attributes", block(
                    optionalComputed("gcp_availability", STRING, "PREEMPTIBLE_GCP, PREEMPTIBLE_WITH_FALLBACK_GCP or ON_DEMAND_GCP.").allowing(Enums.GCP_AVAILABILITY),
                    optionalComputed("local_ssd_count", NUMBER, "Local SSDs per node."),
                    optionalComputed("zone_id", STRING, "Zone."))).asForceNew(),
            single("disk_spec", block(
                    optionalComputed("disk_size", NUMBER, "Disk size in GiB."),
                    optionalComputed("disk_count", NUMBER, "Disks per instance."),
                    single("disk_type", block(optionalComputed("ebs_volume_type", STRING, "GENERAL_PURPOSE_SSD or THROUGHPUT_OPTIMIZED_HDD.").allowing(Enums.EBS_VOLUME_TYPE),
                            optionalComputed("azure_disk_volume_type", STRING, "PREMIUM_LRS or STANDARD_LRS.").allowing(Enums.AZURE_DISK_VOLUME_TYPE))))).asForceNew(),
            set("preloaded_docker_image", block(
                    required("url", STRING, "Image URL."),
                    single("basic_auth", block(required("username", STRING, "Registry user."),
                            required("password", STRING, "Registry password.").asSensitive())))).asForceNew()),
            "A pool of idle instances for clusters.");
}
