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
import java.util.List;

/**
 * The schema of {@code databricks_job} (Jobs API 2.2) with the Terraform provider's names:
 * {@code task}, {@code job_cluster}, {@code library} and {@code parameter} blocks for the API's
 * {@code tasks}, {@code job_clusters}, {@code libraries} and {@code parameters}, plus the legacy
 * single-task form (task blocks at the top level), which becomes one task keyed {@code main}.
 */
public final class JobSchema {

    private JobSchema() {
    }

    /** The task key the legacy single-task form is stored under. */
    public static final String LEGACY_TASK_KEY = "main";

    /** Top-level blocks and attributes of the legacy single-task form. */
    public static final List<String> LEGACY_FIELDS = List.of("new_cluster", "existing_cluster_id", "notebook_task",
            "spark_jar_task", "spark_python_task", "spark_submit_task", "python_wheel_task", "pipeline_task",
            "library");

    static final BlockSchema NEW_CLUSTER = block(ClusterSchemas.spec());

    static final BlockSchema EMAIL = block(
            optional("on_start", STRING_LIST, "Addresses notified when a run starts."),
            optional("on_success", STRING_LIST, "Addresses notified when a run succeeds."),
            optional("on_failure", STRING_LIST, "Addresses notified when a run fails."),
            optional("on_duration_warning_threshold_exceeded", STRING_LIST, "Addresses notified when a run is slow."),
            optional("no_alert_for_skipped_runs", BOOL, "No alert for skipped runs."));

    static final BlockSchema WEBHOOK = block(required("id", STRING, "Notification destination id."));

    static final BlockSchema WEBHOOKS = block(
            list("on_start", WEBHOOK), list("on_success", WEBHOOK), list("on_failure", WEBHOOK),
            list("on_duration_warning_threshold_exceeded", WEBHOOK));

    static final BlockSchema NOTIFICATION_SETTINGS = block(
            optional("no_alert_for_skipped_runs", BOOL, "No alert for skipped runs."),
            optional("no_alert_for_canceled_runs", BOOL, "No alert for cancelled runs."),
            optional("alert_on_last_attempt", BOOL, "Alert only on the last retry (tasks)."));

    static final BlockSchema HEALTH = block(list("rules", block(
            optional("metric", STRING, "RUN_DURATION_SECONDS or a STREAMING_BACKLOG_ metric.").allowing(Enums.HEALTH_METRIC), optional("op", STRING, "GREATER_THAN.").allowing(Enums.HEALTH_OPERATOR),
            optional("value", NUMBER, "Threshold."))));

    /** The task-type blocks, shared by {@code task} and the legacy top-level form. */
    static List<Object> taskTypes() {
        return List.of(
                single("notebook_task", block(
                        required("notebook_path", STRING, "Workspace path (or repository-relative path) of the notebook."),
                        optionalComputed("source", STRING, "WORKSPACE or GIT.").allowing(Enums.SOURCE),
                        optional("base_parameters", STRING_MAP, "Parameters of every run."),
                        optional("warehouse_id", STRING, "SQL warehouse for SQL notebooks."))),
                single("spark_python_task", block(
                        required("python_file", STRING, "URI of the Python file."),
                        optional("source", STRING, "GIT for files in git_source.").allowing(Enums.SOURCE),
                        optional("parameters", STRING_LIST, "Command-line parameters."))),
                single("spark_jar_task", block(
                        optional("main_class_name", STRING, "Class with the main method."),
                        optional("jar_uri", STRING, "Deprecated JAR location."),
                        optional("parameters", STRING_LIST, "Parameters of the main method."))),
                single("spark_submit_task", block(optional("parameters", STRING_LIST, "spark-submit parameters."))),
                single("python_wheel_task", block(
                        optional("entry_point", STRING, "Entry point function."),
                        optional("package_name", STRING, "Python package."),
                        optional("parameters", STRING_LIST, "Parameters."),
                        optional("named_parameters", STRING_MAP, "Named parameters."))),
                single("pipeline_task", block(
                        required("pipeline_id", STRING, "Pipeline id."),
                        optional("full_refresh", BOOL, "Full refresh."))),
                single("run_job_task", block(
                        required("job_id", NUMBER, "Job to run."),
                        optional("job_parameters", STRING_MAP, "Job parameters."))),
                single("sql_task", block(
                        required("warehouse_id", STRING, "SQL warehouse id."),
                        optional("parameters", STRING_MAP, "Parameters."),
                        single("query", block(required("query_id", STRING, "Query id."))),
                        single("file", block(required("path", STRING, "File path."), optional("source", STRING, "GIT or WORKSPACE.").allowing(Enums.SOURCE))))));
    }

    static final BlockSchema TASK = block(
            required("task_key", STRING, "Unique key of the task."),
            optional("description", STRING, "Description."),
            optionalComputed("run_if", STRING, "ALL_SUCCESS (default), AT_LEAST_ONE_SUCCESS, ...").allowing(Enums.RUN_IF),
            optional("existing_cluster_id", STRING, "All-purpose cluster that runs the task."),
            optional("job_cluster_key", STRING, "Shared job cluster that runs the task."),
            optional("environment_key", STRING, "Serverless environment."),
            optionalComputed("timeout_seconds", NUMBER, "Timeout of each run of the task."),
            optional("max_retries", NUMBER, "Retries of an unsuccessful run (-1 = forever)."),
            optional("min_retry_interval_millis", NUMBER, "Milliseconds between retries."),
            optional("retry_on_timeout", BOOL, "Retry runs that time out."),
            optional("disable_auto_optimization", BOOL, "Disable auto-optimization."),
            list("depends_on", block(required("task_key", STRING, "Task this one waits for."),
                    optional("outcome", STRING, "Required outcome of a condition task."))),
            single("new_cluster", NEW_CLUSTER),
            set("library", ClusterSchemas.LIBRARY),
            single("email_notifications", EMAIL),
            single("webhook_notifications", WEBHOOKS),
            single("notification_settings", NOTIFICATION_SETTINGS),
            single("health", HEALTH),
            taskTypes());

    public static final ResourceSchema JOB = new ResourceSchema("databricks_job", 0, block(
            computed("id", STRING, "The job id."),
            computed("url", STRING, "URL of the job in the workspace."),
            optionalComputed("name", STRING, "Job name (default Untitled)."),
            optional("description", STRING, "Description."),
            optional("tags", STRING_MAP, "Job tags (also applied to job clusters)."),
            optionalComputed("max_concurrent_runs", NUMBER, "Most concurrent runs (default 1)."),
            optionalComputed("timeout_seconds", NUMBER, "Timeout of each run (0 = none)."),
            optional("max_retries", NUMBER, "Retries of an unsuccessful run (legacy form)."),
            optional("min_retry_interval_millis", NUMBER, "Milliseconds between retries (legacy form)."),
            optional("retry_on_timeout", BOOL, "Retry runs that time out (legacy form)."),
            optional("existing_cluster_id", STRING, "Cluster of the single task (legacy form)."),
            list("job_cluster", block(
                    required("job_cluster_key", STRING, "Key tasks refer to."),
                    single("new_cluster", NEW_CLUSTER))),
            list("task", TASK),
            list("parameter", block(required("name", STRING, "Parameter name."), required("default", STRING, "Default value."))),
            single("schedule", block(
                    required("quartz_cron_expression", STRING, "Quartz cron expression."),
                    required("timezone_id", STRING, "Java time zone id."),
                    optionalComputed("pause_status", STRING, "PAUSED or UNPAUSED.").allowing(Enums.PAUSE_STATUS))),
            single("continuous", block(optionalComputed("pause_status", STRING, "PAUSED or UNPAUSED.").allowing(Enums.PAUSE_STATUS))),
            single("queue", block(required("enabled", BOOL, "Queue runs when the concurrency limit is hit."))),
            single("email_notifications", EMAIL),
            single("webhook_notifications", WEBHOOKS),
            single("notification_settings", NOTIFICATION_SETTINGS),
            single("health", HEALTH),
            single("git_source", block(
                    required("url", STRING, "Repository URL."), optional("provider", STRING, "Git provider."),
                    optional("branch", STRING, "Branch."), optional("tag", STRING, "Tag."), optional("commit", STRING, "Commit."))),
            single("run_as", block(
                    optionalComputed("user_name", STRING, "User the job runs as."),
                    optionalComputed("service_principal_name", STRING, "Service principal (application id) the job runs as."))),
            single("new_cluster", NEW_CLUSTER),
            set("library", ClusterSchemas.LIBRARY),
            taskTypes()), "A Databricks job (Jobs API 2.2).");
}
