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
            opt("on_start", STR_LIST, "Addresses notified when a run starts."),
            opt("on_success", STR_LIST, "Addresses notified when a run succeeds."),
            opt("on_failure", STR_LIST, "Addresses notified when a run fails."),
            opt("on_duration_warning_threshold_exceeded", STR_LIST, "Addresses notified when a run is slow."),
            opt("no_alert_for_skipped_runs", BOOL, "No alert for skipped runs."));

    static final BlockSchema WEBHOOK = block(req("id", STR, "Notification destination id."));

    static final BlockSchema WEBHOOKS = block(
            list("on_start", WEBHOOK), list("on_success", WEBHOOK), list("on_failure", WEBHOOK),
            list("on_duration_warning_threshold_exceeded", WEBHOOK));

    static final BlockSchema NOTIFICATION_SETTINGS = block(
            opt("no_alert_for_skipped_runs", BOOL, "No alert for skipped runs."),
            opt("no_alert_for_canceled_runs", BOOL, "No alert for cancelled runs."),
            opt("alert_on_last_attempt", BOOL, "Alert only on the last retry (tasks)."));

    static final BlockSchema HEALTH = block(list("rules", block(
            opt("metric", STR, "RUN_DURATION_SECONDS or a STREAMING_BACKLOG_ metric.").allowing(Enums.HEALTH_METRIC), opt("op", STR, "GREATER_THAN.").allowing(Enums.HEALTH_OPERATOR),
            opt("value", NUM, "Threshold."))));

    /** The task-type blocks, shared by {@code task} and the legacy top-level form. */
    static List<Object> taskTypes() {
        return List.of(
                single("notebook_task", block(
                        req("notebook_path", STR, "Workspace path (or repository-relative path) of the notebook."),
                        optc("source", STR, "WORKSPACE or GIT.").allowing(Enums.SOURCE),
                        opt("base_parameters", STR_MAP, "Parameters of every run."),
                        opt("warehouse_id", STR, "SQL warehouse for SQL notebooks."))),
                single("spark_python_task", block(
                        req("python_file", STR, "URI of the Python file."),
                        opt("source", STR, "GIT for files in git_source.").allowing(Enums.SOURCE),
                        opt("parameters", STR_LIST, "Command-line parameters."))),
                single("spark_jar_task", block(
                        opt("main_class_name", STR, "Class with the main method."),
                        opt("jar_uri", STR, "Deprecated JAR location."),
                        opt("parameters", STR_LIST, "Parameters of the main method."))),
                single("spark_submit_task", block(opt("parameters", STR_LIST, "spark-submit parameters."))),
                single("python_wheel_task", block(
                        opt("entry_point", STR, "Entry point function."),
                        opt("package_name", STR, "Python package."),
                        opt("parameters", STR_LIST, "Parameters."),
                        opt("named_parameters", STR_MAP, "Named parameters."))),
                single("pipeline_task", block(
                        req("pipeline_id", STR, "Pipeline id."),
                        opt("full_refresh", BOOL, "Full refresh."))),
                single("run_job_task", block(
                        req("job_id", NUM, "Job to run."),
                        opt("job_parameters", STR_MAP, "Job parameters."))),
                single("sql_task", block(
                        req("warehouse_id", STR, "SQL warehouse id."),
                        opt("parameters", STR_MAP, "Parameters."),
                        single("query", block(req("query_id", STR, "Query id."))),
                        single("file", block(req("path", STR, "File path."), opt("source", STR, "GIT or WORKSPACE.").allowing(Enums.SOURCE))))));
    }

    static final BlockSchema TASK = block(
            req("task_key", STR, "Unique key of the task."),
            opt("description", STR, "Description."),
            optc("run_if", STR, "ALL_SUCCESS (default), AT_LEAST_ONE_SUCCESS, ...").allowing(Enums.RUN_IF),
            opt("existing_cluster_id", STR, "All-purpose cluster that runs the task."),
            opt("job_cluster_key", STR, "Shared job cluster that runs the task."),
            opt("environment_key", STR, "Serverless environment."),
            optc("timeout_seconds", NUM, "Timeout of each run of the task."),
            opt("max_retries", NUM, "Retries of an unsuccessful run (-1 = forever)."),
            opt("min_retry_interval_millis", NUM, "Milliseconds between retries."),
            opt("retry_on_timeout", BOOL, "Retry runs that time out."),
            opt("disable_auto_optimization", BOOL, "Disable auto-optimization."),
            list("depends_on", block(req("task_key", STR, "Task this one waits for."),
                    opt("outcome", STR, "Required outcome of a condition task."))),
            single("new_cluster", NEW_CLUSTER),
            set("library", ClusterSchemas.LIBRARY),
            single("email_notifications", EMAIL),
            single("webhook_notifications", WEBHOOKS),
            single("notification_settings", NOTIFICATION_SETTINGS),
            single("health", HEALTH),
            taskTypes());

    public static final ResourceSchema JOB = new ResourceSchema("databricks_job", 0, block(
            comp("id", STR, "The job id."),
            comp("url", STR, "URL of the job in the workspace."),
            optc("name", STR, "Job name (default Untitled)."),
            opt("description", STR, "Description."),
            opt("tags", STR_MAP, "Job tags (also applied to job clusters)."),
            optc("max_concurrent_runs", NUM, "Most concurrent runs (default 1)."),
            optc("timeout_seconds", NUM, "Timeout of each run (0 = none)."),
            opt("max_retries", NUM, "Retries of an unsuccessful run (legacy form)."),
            opt("min_retry_interval_millis", NUM, "Milliseconds between retries (legacy form)."),
            opt("retry_on_timeout", BOOL, "Retry runs that time out (legacy form)."),
            opt("existing_cluster_id", STR, "Cluster of the single task (legacy form)."),
            list("job_cluster", block(
                    req("job_cluster_key", STR, "Key tasks refer to."),
                    single("new_cluster", NEW_CLUSTER))),
            list("task", TASK),
            list("parameter", block(req("name", STR, "Parameter name."), req("default", STR, "Default value."))),
            single("schedule", block(
                    req("quartz_cron_expression", STR, "Quartz cron expression."),
                    req("timezone_id", STR, "Java time zone id."),
                    optc("pause_status", STR, "PAUSED or UNPAUSED.").allowing(Enums.PAUSE_STATUS))),
            single("continuous", block(optc("pause_status", STR, "PAUSED or UNPAUSED.").allowing(Enums.PAUSE_STATUS))),
            single("queue", block(req("enabled", BOOL, "Queue runs when the concurrency limit is hit."))),
            single("email_notifications", EMAIL),
            single("webhook_notifications", WEBHOOKS),
            single("notification_settings", NOTIFICATION_SETTINGS),
            single("health", HEALTH),
            single("git_source", block(
                    req("url", STR, "Repository URL."), opt("provider", STR, "Git provider."),
                    opt("branch", STR, "Branch."), opt("tag", STR, "Tag."), opt("commit", STR, "Commit."))),
            single("run_as", block(
                    optc("user_name", STR, "User the job runs as."),
                    optc("service_principal_name", STR, "Service principal (application id) the job runs as."))),
            single("new_cluster", NEW_CLUSTER),
            set("library", ClusterSchemas.LIBRARY),
            taskTypes()), "A Databricks job (Jobs API 2.2).");
}
