package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.provider.databricks.schema.S.BOOL;
import static dev.lockstep.provider.databricks.schema.S.NUM;
import static dev.lockstep.provider.databricks.schema.S.STR;
import static dev.lockstep.provider.databricks.schema.S.STR_LIST;
import static dev.lockstep.provider.databricks.schema.S.STR_MAP;
import static dev.lockstep.provider.databricks.schema.S.block;
import static dev.lockstep.provider.databricks.schema.S.comp;
import static dev.lockstep.provider.databricks.schema.S.list;
import static dev.lockstep.provider.databricks.schema.S.opt;
import static dev.lockstep.provider.databricks.schema.S.optc;
import static dev.lockstep.provider.databricks.schema.S.req;
import static dev.lockstep.provider.databricks.schema.S.set;
import static dev.lockstep.provider.databricks.schema.S.single;

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

    static final BlockSchema DESTINATION = block(req("destination", STR, "Where the file is."));

    static final BlockSchema S3 = block(
            req("destination", STR, "S3 URI."),
            opt("region", STR, "S3 region."),
            opt("endpoint", STR, "S3 endpoint."),
            opt("enable_encryption", BOOL, "Server-side encryption."),
            opt("encryption_type", STR, "sse-s3 or sse-kms."),
            opt("kms_key", STR, "KMS key for sse-kms."),
            opt("canned_acl", STR, "Canned ACL, such as bucket-owner-full-control."));

    /** One {@code init_scripts} block: exactly one location. */
    static final BlockSchema INIT_SCRIPT = block(
            single("dbfs", DESTINATION), single("s3", S3), single("file", DESTINATION),
            single("workspace", DESTINATION), single("volumes", DESTINATION), single("gcs", DESTINATION),
            single("abfss", DESTINATION));

    /** A {@code library} block: exactly one kind of library. */
    public static final BlockSchema LIBRARY = block(
            opt("jar", STR, "JAR URI."),
            opt("egg", STR, "Python egg URI."),
            opt("whl", STR, "Python wheel URI."),
            opt("requirements", STR, "Path of a requirements.txt file."),
            single("pypi", block(req("package", STR, "Package spec."), opt("repo", STR, "Index URL."))),
            single("maven", block(req("coordinates", STR, "Maven coordinates."), opt("repo", STR, "Repository URL."),
                    opt("exclusions", STR_LIST, "Excluded dependencies."))),
            single("cran", block(req("package", STR, "CRAN package."), opt("repo", STR, "Repository URL."))));

    /**
     * Attributes and blocks of a cluster specification, as {@code databricks_cluster} and a job's
     * {@code new_cluster} write them.
     */
    public static List<Object> spec() {
        List<Object> l = new ArrayList<>(List.of(
                opt("cluster_name", STR, "Cluster name; need not be unique."),
                req("spark_version", STR, "Databricks Runtime version key."),
                optc("node_type_id", STR, "Worker node type; taken from the instance pool when one is given."),
                optc("driver_node_type_id", STR, "Driver node type; defaults to node_type_id."),
                opt("instance_pool_id", STR, "Instance pool for the workers (and the driver unless set)."),
                optc("driver_instance_pool_id", STR, "Instance pool for the driver."),
                opt("policy_id", STR, "Cluster policy that validates and fills the specification."),
                opt("apply_policy_default_values", BOOL, "Fill missing attributes from the policy's defaults."),
                optc("num_workers", NUM, "Fixed number of workers (0 for single node)."),
                optc("enable_elastic_disk", BOOL, "Autoscaling local storage."),
                optc("enable_local_disk_encryption", BOOL, "Encrypt local disks."),
                optc("data_security_mode", STR, "Access mode: SINGLE_USER, USER_ISOLATION, NONE, ...").allowing(Enums.DATA_SECURITY_MODE),
                opt("single_user_name", STR, "The user (or group) a single-user cluster is assigned to."),
                optc("runtime_engine", STR, "PHOTON or STANDARD.").allowing(Enums.RUNTIME_ENGINE),
                opt("kind", STR, "The kind of compute, such as CLASSIC_PREVIEW.").allowing(Enums.KIND),
                opt("use_ml_runtime", BOOL, "Select the ML runtime (with kind)."),
                opt("is_single_node", BOOL, "Single node cluster (with kind)."),
                opt("ssh_public_keys", STR_LIST, "SSH public keys added to every node."),
                opt("spark_env_vars", STR_MAP, "Environment variables of the Spark processes."),
                opt("spark_conf", STR_MAP, "Spark configuration properties."),
                opt("custom_tags", STR_MAP, "Tags on the cluster's cloud resources."),
                single("autoscale", block(
                        optc("min_workers", NUM, "Fewest workers."),
                        optc("max_workers", NUM, "Most workers."))),
                single("aws_attributes", block(
                        optc("zone_id", STR, "Availability zone, or auto."),
                        optc("availability", STR, "SPOT, SPOT_WITH_FALLBACK or ON_DEMAND.").allowing(Enums.AWS_AVAILABILITY),
                        optc("first_on_demand", NUM, "Nodes placed on on-demand instances first."),
                        optc("spot_bid_price_percent", NUM, "Maximum spot price, percent of on-demand."),
                        optc("instance_profile_arn", STR, "Instance profile of the nodes."),
                        optc("ebs_volume_type", STR, "GENERAL_PURPOSE_SSD or THROUGHPUT_OPTIMIZED_HDD.").allowing(Enums.EBS_VOLUME_TYPE),
                        optc("ebs_volume_count", NUM, "EBS volumes per instance."),
                        optc("ebs_volume_size", NUM, "Size of each EBS volume in GiB."))),
                single("azure_attributes", block(
                        optc("availability", STR, "SPOT_AZURE, SPOT_WITH_FALLBACK_AZURE or ON_DEMAND_AZURE.").allowing(Enums.AZURE_AVAILABILITY),
                        optc("first_on_demand", NUM, "Nodes placed on on-demand instances first."),
                        optc("spot_bid_max_price", NUM, "Maximum spot price; -1 for the on-demand price."))),
                single("gcp_attributes", block(
                        optc("use_preemptible_executors", BOOL, "Preemptible executors (deprecated)."),
                        optc("google_service_account", STR, "Service account of the nodes."),
                        optc("availability", STR, "PREEMPTIBLE_GCP, PREEMPTIBLE_WITH_FALLBACK_GCP or ON_DEMAND_GCP.").allowing(Enums.GCP_AVAILABILITY),
                        optc("boot_disk_size", NUM, "Boot disk size in GB."),
                        optc("local_ssd_count", NUM, "Local SSDs per node."),
                        optc("zone_id", STR, "HA, AUTO or a zone."))),
                list("init_scripts", INIT_SCRIPT, 0, 10),
                single("cluster_log_conf", block(single("dbfs", DESTINATION), single("s3", S3),
                        single("volumes", DESTINATION))),
                single("docker_image", block(
                        req("url", STR, "Image URL."),
                        single("basic_auth", block(req("username", STR, "Registry user."),
                                req("password", STR, "Registry password.").asSensitive()))))));
        return l;
    }

    public static final ResourceSchema CLUSTER = new ResourceSchema("databricks_cluster", 0, block(
            comp("id", STR, "The cluster id."),
            comp("cluster_id", STR, "The cluster id."),
            spec(),
            optc("autotermination_minutes", NUM, "Minutes of inactivity before the cluster terminates (0 = never)."),
            opt("idempotency_token", STR, "Accepted for compatibility; lockstep's address tag makes creates idempotent."),
            opt("no_wait", BOOL, "false waits for RUNNING after create; unset or true does not wait."),
            comp("default_tags", STR_MAP, "Tags Databricks adds to every cluster."),
            comp("url", STR, "URL of the cluster in the workspace.")),
            "A Databricks all-purpose cluster (Clusters API 2.1).");

    public static final ResourceSchema CLUSTER_POLICY = new ResourceSchema("databricks_cluster_policy", 0, block(
            comp("id", STR, "The policy id."),
            comp("policy_id", STR, "The policy id."),
            req("name", STR, "Policy name, unique in the workspace."),
            optc("definition", STR, "Policy definition, a JSON document of rules."),
            opt("description", STR, "Description."),
            opt("max_clusters_per_user", NUM, "Most clusters a user may create with this policy."),
            opt("policy_family_id", STR, "Policy family the definition derives from."),
            opt("policy_family_definition_overrides", STR, "JSON overrides of the family's definition."),
            set("library", LIBRARY)),
            "A cluster policy.");

    public static final ResourceSchema INSTANCE_POOL = new ResourceSchema("databricks_instance_pool", 0, block(
            comp("id", STR, "The pool id."),
            comp("instance_pool_id", STR, "The pool id."),
            req("instance_pool_name", STR, "Pool name."),
            opt("min_idle_instances", NUM, "Idle instances kept ready."),
            opt("max_capacity", NUM, "Most instances in the pool."),
            req("idle_instance_autotermination_minutes", NUM, "Minutes before idle instances above the minimum go."),
            opt("node_type_id", STR, "Node type of the instances.").asForceNew(),
            opt("custom_tags", STR_MAP, "Tags on the pool's cloud resources."),
            optc("enable_elastic_disk", BOOL, "Autoscaling local storage.").asForceNew(),
            opt("preloaded_spark_versions", STR_LIST, "Runtime versions preloaded on idle instances.").asForceNew(),
            single("aws_attributes", block(
                    optc("availability", STR, "SPOT or ON_DEMAND.").allowing(Enums.POOL_AWS_AVAILABILITY),
                    optc("zone_id", STR, "Availability zone."),
                    optc("spot_bid_price_percent", NUM, "Maximum spot price, percent of on-demand."),
                    optc("instance_profile_arn", STR, "Instance profile of the pool's nodes."))).asForceNew(),
            single("azure_attributes", block(
                    optc("availability", STR, "SPOT_AZURE or ON_DEMAND_AZURE.").allowing(Enums.POOL_AZURE_AVAILABILITY),
                    optc("spot_bid_max_price", NUM, "Maximum spot price."))).asForceNew(),
            single("gcp_attributes", block(
                    optc("gcp_availability", STR, "PREEMPTIBLE_GCP, PREEMPTIBLE_WITH_FALLBACK_GCP or ON_DEMAND_GCP.").allowing(Enums.GCP_AVAILABILITY),
                    optc("local_ssd_count", NUM, "Local SSDs per node."),
                    optc("zone_id", STR, "Zone."))).asForceNew(),
            single("disk_spec", block(
                    optc("disk_size", NUM, "Disk size in GiB."),
                    optc("disk_count", NUM, "Disks per instance."),
                    single("disk_type", block(optc("ebs_volume_type", STR, "GENERAL_PURPOSE_SSD or THROUGHPUT_OPTIMIZED_HDD.").allowing(Enums.EBS_VOLUME_TYPE),
                            optc("azure_disk_volume_type", STR, "PREMIUM_LRS or STANDARD_LRS.").allowing(Enums.AZURE_DISK_VOLUME_TYPE))))).asForceNew(),
            set("preloaded_docker_image", block(
                    req("url", STR, "Image URL."),
                    single("basic_auth", block(req("username", STR, "Registry user."),
                            req("password", STR, "Registry password.").asSensitive())))).asForceNew()),
            "A pool of idle instances for clusters.");
}
