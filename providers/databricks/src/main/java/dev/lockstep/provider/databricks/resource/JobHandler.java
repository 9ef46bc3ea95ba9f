package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ResetJob;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.client.SdkModels;
import dev.lockstep.provider.databricks.json.JsonValues;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.JobSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks_job} on Jobs API 2.2: created tagged with its address, updated with
 * {@code reset} (the whole settings), read in batches with one paged {@code list} with expanded
 * tasks (per-job {@code get}, paged by tasks, for a single job or when a job has more tasks than a
 * list shows). Tasks and job clusters keep the order of the configuration. The legacy single-task
 * form (task blocks at the top level) is stored as one task keyed {@code main}.
 */
public final class JobHandler extends BaseHandler implements ResourceUpdater {

    static final JsonValues.Names NAMES = new JsonValues.Names(Map.of("task", "tasks", "job_cluster", "job_clusters",
            "library", "libraries", "parameter", "parameters"));
    /** Fields of the legacy form that live in the single task, as the API names them. */
    private static final List<String> LEGACY_JSON = List.of("new_cluster", "existing_cluster_id", "notebook_task",
            "spark_jar_task", "spark_python_task", "spark_submit_task", "python_wheel_task", "pipeline_task",
            "libraries", "max_retries", "min_retry_interval_millis", "retry_on_timeout");

    public JobHandler(ProviderContext ctx) {
        super(ctx, JobSchema.JOB);
    }

    // ------------------------------------------------------------------ read

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        if (objects.size() < 2) {
            return super.readBatch(objects, d);
        }
        Map<String, BaseJob> all = new LinkedHashMap<>();
        for (BaseJob j : c.jobs.list(new ListJobsRequest().setExpandTasks(true).setLimit(100L))) {
            all.put(String.valueOf(j.getJobId()), j);
        }
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        List<ReadObject> single = new ArrayList<>();
        for (ReadObject o : objects) {
            BaseJob j = all.get(o.id());
            if (j == null && !c.recentlyCreated("job:" + o.id()) || j != null && !Boolean.TRUE.equals(j.getHasMore())) {
                out.put(o, j == null ? null : state(o.id(), (ObjectNode) c.json(j.getSettings()), o.prior()));
            } else {
                single.add(o);
            }
        }
        if (!single.isEmpty()) {
            out.putAll(super.readBatch(single, d));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        long jobId = parseId(id);
        Job job = c.consistent("job:" + id, () -> c.jobs.get(new GetJobRequest().setJobId(jobId)));
        ObjectNode settings = (ObjectNode) c.json(job.getSettings());
        while (Boolean.TRUE.equals(job.getHasMore()) && job.getNextPageToken() != null) {
            String token = job.getNextPageToken();
            job = c.jobs.get(new GetJobRequest().setJobId(jobId).setPageToken(token));
            JsonNode more = c.json(job.getSettings());
            for (String f : List.of("tasks", "job_clusters")) {
                if (more.has(f)) {
                    JsonNode have = settings.get(f);
                    ArrayNode arr = have instanceof ArrayNode a ? a : settings.putArray(f);
                    more.get(f).forEach(arr::add);
                }
            }
        }
        return state(id, settings, prior);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a job id is a number, not \"" + id + "\"");
        }
    }

    @Override
    protected String canonicalId(String id) {
        return String.valueOf(parseId(id));
    }

    @Override
    protected Found adopt(ReadObject o) {
        return byTag(o.address().toString()).map(id -> new Found(id, readOne(id, o.prior()))).orElse(null);
    }

    private Optional<String> byTag(String address) {
        for (BaseJob j : c.jobs.list(new ListJobsRequest().setLimit(100L))) {
            if (address.equals(Tags.of(c.json(j.getSettings()), "tags"))) {
                return Optional.of(String.valueOf(j.getJobId()));
            }
        }
        return Optional.empty();
    }

    private Value state(String id, ObjectNode settings, Value prior) {
        ObjectNode s = settings.deepCopy();
        if (legacy(prior, s)) {
            JsonNode tasks = s.remove("tasks");
            JsonNode t = tasks.get(0);
            for (String f : LEGACY_JSON) {
                if (t.has(f)) {
                    s.set(f, t.get(f));
                }
            }
        } else {
            order(s, "tasks", "task_key", keys(prior, "task", "task_key"));
            order(s, "job_clusters", "job_cluster_key", keys(prior, "job_cluster", "job_cluster_key"));
        }
        Value v = Tags.strip(JsonValues.read(s, block(), NAMES), "tags");
        v = Values.with(v, "id", Value.string(id));
        return Values.with(v, "url", Value.string(c.settings().host() + "/#job/" + id));
    }

    /** Whether the job is (or, for an import, looks like) the legacy single-task form. */
    private static boolean legacy(Value prior, JsonNode settings) {
        JsonNode tasks = settings.get("tasks");
        if (tasks == null || tasks.size() != 1) {
            return false;
        }
        if (prior == null || prior.isNull() || !prior.isKnown()) {
            return JobSchema.LEGACY_TASK_KEY.equals(tasks.get(0).path("task_key").asText());
        }
        return usesLegacyForm(prior);
    }

    private static boolean usesLegacyForm(Value v) {
        if (!Values.elements(v, "task").isEmpty()) {
            return false;
        }
        for (String f : JobSchema.LEGACY_FIELDS) {
            Value x = Values.get(v, f);
            if (x != null && !(x.isSequence() && x.length() == 0)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> keys(Value prior, String block, String key) {
        List<String> out = new ArrayList<>();
        for (Value e : Values.elements(prior, block)) {
            String k = Values.str(e, key);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    /** Sorts an array of keyed objects into the prior order (unknown keys after, as the API gave them). */
    private static void order(ObjectNode s, String field, String key, List<String> prior) {
        JsonNode arr = s.get(field);
        if (!(arr instanceof ArrayNode a) || prior.isEmpty()) {
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        a.forEach(items::add);
        items.sort((x, y) -> Integer.compare(rank(prior, x.path(key).asText()), rank(prior, y.path(key).asText())));
        a.removeAll();
        items.forEach(a::add);
    }

    private static int rank(List<String> prior, String k) {
        int i = prior.indexOf(k);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    // ------------------------------------------------------------------ plan

    @Override
    protected void customize(Planning p) {
        p.keepServerBlock("run_as");
        Value planned = p.response().planned();
        if (!Values.elements(planned, "task").isEmpty() && usesLegacyTopLevel(planned)) {
            p.diagnostics().error("Mixed job syntax", "Use either task blocks or the single-task attributes "
                    + "(notebook_task, new_cluster, ... at the top level), not both.", null);
            return;
        }
        if (planned.isWhollyKnown()) {
            try {
                SdkModels.build(c, settings(planned, null), JobSettings.class);
            } catch (IllegalArgumentException e) {
                p.diagnostics().error("Unsupported job setting", e.getMessage() + ".", null);
            }
        }
    }

    private static boolean usesLegacyTopLevel(Value v) {
        for (String f : JobSchema.LEGACY_FIELDS) {
            Value x = Values.get(v, f);
            if (x != null && !(x.isSequence() && x.length() == 0)) {
                return true;
            }
        }
        return false;
    }

    /** The job settings JSON of a planned value (the legacy form folded into one task), tagged. */
    private ObjectNode settings(Value planned, dev.lockstep.api.addr.ResourceAddress address) {
        ObjectNode s = JsonValues.write(planned, block(), NAMES);
        if (usesLegacyForm(planned)) {
            ObjectNode task = s.objectNode();
            task.put("task_key", JobSchema.LEGACY_TASK_KEY);
            for (String f : LEGACY_JSON) {
                JsonNode x = s.remove(f);
                if (x != null) {
                    task.set(f, x);
                }
            }
            s.putArray("tasks").add(task);
        } else {
            for (String f : List.of("max_retries", "min_retry_interval_millis", "retry_on_timeout")) {
                s.remove(f);
            }
        }
        if (address != null) {
            Tags.add(s, "tags", address);
        }
        return s;
    }

    // ------------------------------------------------------------------ apply

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        CreateJob req = SdkModels.build(c, settings(r.planned(), r.address()), CreateJob.class);
        String address = r.address().toString();
        String id = CreateGuard.create(c, address, scrubber(r), () -> String.valueOf(c.jobs.create(req).getJobId()),
                () -> byTag(address));
        c.created("job:" + id);
        try {
            return ApplyResponse.ok(id, finish(readOne(id, r.planned()), r.planned()));
        } catch (RuntimeException e) {
            return createdButFailed(r, id, Values.with(r.planned(), "id", Value.string(id)), e);
        }
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            JobSettings s = SdkModels.build(c, settings(r.planned(), r.address()), JobSettings.class);
            c.consistentWrite("job:" + r.id(), () -> {
                c.jobs.reset(new ResetJob().setJobId(parseId(r.id())).setNewSettings(s));
                return null;
            });
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.jobs.delete(parseId(r.id()));
        c.deleted("job:" + r.id());
    }
}
