package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation and server defaults of job settings, as the Jobs API applies them on create, reset
 * and update: unique task and job cluster keys, resolvable dependencies and cluster references,
 * schedule fields, run_as principals, and the defaults the API echoes back.
 */
final class JobSettings {
    private static final Pattern TASK_KEY = Pattern.compile("^[\\w\\-]{1,100}$");
    private final Ctx ctx;

    JobSettings(Ctx ctx) {
        this.ctx = ctx;
    }

    ObjectNode normalize(ObjectNode s) {
        s.remove("job_id");
        if (!s.has("name")) {
            s.put("name", "Untitled");
        }
        s.put("format", "MULTI_TASK");
        putIfAbsent(s, "max_concurrent_runs", 1);
        putIfAbsent(s, "timeout_seconds", 0);
        if (!s.has("email_notifications")) {
            s.putObject("email_notifications");
        }
        if (!s.has("webhook_notifications")) {
            s.putObject("webhook_notifications");
        }
        if (s.path("max_concurrent_runs").asInt() < 0 || s.path("max_concurrent_runs").asInt() > 1000) {
            throw invalid("max_concurrent_runs must be between 0 and 1000");
        }
        Set<String> clusterKeys = new HashSet<>();
        for (JsonNode jc : s.path("job_clusters")) {
            String key = jc.path("job_cluster_key").asText("");
            if (key.isEmpty()) {
                throw invalid("Missing required field: job_clusters.job_cluster_key");
            }
            if (!clusterKeys.add(key)) {
                throw invalid("Duplicate job cluster key: " + key);
            }
            if (!jc.has("new_cluster")) {
                throw invalid("Job cluster " + key + " requires new_cluster");
            }
        }
        Set<String> taskKeys = new HashSet<>();
        for (JsonNode t : s.path("tasks")) {
            String key = t.path("task_key").asText("");
            if (!TASK_KEY.matcher(key).matches()) {
                throw invalid("Invalid task_key '" + key + "': 1 to 100 characters among letters, digits, '_' and '-'");
            }
            if (!taskKeys.add(key)) {
                throw invalid("Duplicate task key: " + key);
            }
        }
        if (s.path("tasks").size() > 1000) {
            throw invalid("A job can have at most 1000 tasks");
        }
        for (JsonNode t : s.path("tasks")) {
            checkTask((ObjectNode) t, taskKeys, clusterKeys);
        }
        JsonNode schedule = s.get("schedule");
        if (schedule != null && !schedule.isNull()) {
            if (Json.text(schedule, "quartz_cron_expression") == null) {
                throw invalid("Missing required field: schedule.quartz_cron_expression");
            }
            if (Json.text(schedule, "timezone_id") == null) {
                throw invalid("Missing required field: schedule.timezone_id");
            }
            if (!schedule.has("pause_status")) {
                ((ObjectNode) schedule).put("pause_status", "UNPAUSED");
            }
        }
        JsonNode runAs = s.get("run_as");
        if (runAs != null && !runAs.isNull()) {
            String u = Json.text(runAs, "user_name");
            String sp = Json.text(runAs, "service_principal_name");
            if ((u == null) == (sp == null)) {
                throw invalid("run_as requires exactly one of user_name or service_principal_name");
            }
            if (u != null && ctx.principals.userByName(u).isEmpty()) {
                throw invalid("Principal: UserName(" + u + ") does not exist");
            }
            if (sp != null && ctx.principals.servicePrincipalByAppId(sp).isEmpty()) {
                throw invalid("Principal: ServicePrincipalName(" + sp + ") does not exist");
            }
        }
        JsonNode tags = s.get("tags");
        if (tags != null && tags.size() > 25) {
            throw invalid("A job can have at most 25 tags");
        }
        return s;
    }

    private void checkTask(ObjectNode t, Set<String> taskKeys, Set<String> clusterKeys) {
        String key = t.path("task_key").asText();
        for (JsonNode d : t.path("depends_on")) {
            String dep = d.path("task_key").asText();
            if (!taskKeys.contains(dep)) {
                throw invalid("Task " + key + " depends on " + dep + ", which is not defined in the job");
            }
            if (dep.equals(key)) {
                throw invalid("Task " + key + " cannot depend on itself");
            }
        }
        String jc = Json.text(t, "job_cluster_key");
        if (jc != null && !clusterKeys.contains(jc)) {
            throw invalid("Task " + key + " refers to job cluster key " + jc + ", which is not defined in the job");
        }
        String existing = Json.text(t, "existing_cluster_id");
        if (existing != null && !ctx.state.clusters.containsKey(existing)) {
            throw invalid("Cluster " + existing + " does not exist");
        }
        JsonNode nb = t.get("notebook_task");
        if (nb != null && nb.isObject()) {
            if (Json.text(nb, "notebook_path") == null) {
                throw invalid("Missing required field: notebook_task.notebook_path");
            }
            if (!nb.has("source")) {
                ((ObjectNode) nb).put("source", "WORKSPACE");
            }
        }
        if (!t.has("run_if")) {
            t.put("run_if", "ALL_SUCCESS");
        }
        putIfAbsent(t, "timeout_seconds", 0);
        if (!t.has("email_notifications")) {
            t.putObject("email_notifications");
        }
    }

    private static void putIfAbsent(ObjectNode n, String f, int v) {
        if (!n.has(f) || n.get(f).isNull()) {
            n.put(f, v);
        }
    }
}
