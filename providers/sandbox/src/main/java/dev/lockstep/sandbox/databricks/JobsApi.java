package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.AclEntry;
import dev.lockstep.sandbox.databricks.DatabricksState.Job;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Jobs API 2.2: create (with an initial access_control_list), get (tasks and job clusters paged by
 * 100), list (page_token/has_more, name filter, expand_tasks), reset, update (top-level replace,
 * tasks and job_clusters merged by key, fields_to_remove) and delete. The creator becomes IS_OWNER;
 * {@code run_as_user_name} follows run_as or else the owner.
 */
final class JobsApi {
    private static final String P = "/api/2.2/jobs/";
    static final long JOB_ID_BASE = 100_000_000_000_000L;
    private static final int ARRAY_PAGE = 100;

    private final Ctx ctx;
    private final JobSettings settings;

    JobsApi(Ctx ctx) {
        this.ctx = ctx;
        this.settings = new JobSettings(ctx);
    }

    void register(Router r) {
        r.add("POST", P + "create", this::create);
        r.add("GET", P + "get", this::get);
        r.add("GET", P + "list", this::list);
        r.add("POST", P + "reset", this::reset);
        r.add("POST", P + "update", this::update);
        r.add("POST", P + "delete", this::delete);
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Caller caller = ctx.caller(req);
        ObjectNode s = body.deepCopy();
        JsonNode acl = s.remove("access_control_list");
        s = settings.normalize(s);
        long id = ctx.state.nextId(JOB_ID_BASE);
        ArrayNode entries = Json.array();
        boolean hasOwner = false;
        if (acl != null && acl.isArray()) {
            for (JsonNode e : acl) {
                entries.add(e);
                hasOwner |= "IS_OWNER".equals(Json.text(e, "permission_level"));
            }
        }
        if (!hasOwner) {
            entries.addObject().put(caller.aclKind(), caller.name()).put("permission_level", "IS_OWNER");
        }
        ctx.acls.apply(AclType.JOBS, AclType.JOBS.objectId(String.valueOf(id)), entries, true);
        Job job = new Job();
        job.jobId = id;
        job.settings = s;
        job.creator = caller.name();
        job.createdTime = ctx.now();
        ctx.state.jobs.put(id, job);
        ctx.created("job:" + id);
        ObjectNode out = Json.object();
        out.put("job_id", id);
        return ApiResponse.ok(out);
    }

    /** Finds a job the caller may see at {@code level}; missing jobs are 400, as the API answers. */
    private Job find(ApiRequest req, String rawId, String level) {
        long id = Ctx.parseLong(rawId, "job_id");
        Job job = ctx.state.jobs.get(id);
        if (job == null || ctx.hidden("job:" + id)) {
            throw invalid("Job " + id + " does not exist.");
        }
        Caller caller = ctx.caller(req);
        if (!ctx.acls.can(AclType.JOBS, AclType.JOBS.objectId(String.valueOf(id)), caller, level)) {
            throw Ctx.denied("User " + caller.name() + " does not have " + level + " permission on job " + id + ".");
        }
        return job;
    }

    private ApiResponse get(ApiRequest req) {
        Job job = find(req, Ctx.requireQuery(req, "job_id"), "CAN_VIEW");
        int offset = req.queryParam("page_token").map(Paging::decode).orElse(0);
        ObjectNode out = render(job, true);
        ObjectNode s = (ObjectNode) out.get("settings");
        boolean more = false;
        for (String field : List.of("tasks", "job_clusters")) {
            JsonNode arr = s.get(field);
            if (arr == null || !arr.isArray()) {
                continue;
            }
            ArrayNode page = Json.array();
            for (int i = offset; i < Math.min(arr.size(), offset + ARRAY_PAGE); i++) {
                page.add(arr.get(i));
            }
            more |= arr.size() > offset + ARRAY_PAGE;
            s.set(field, page);
        }
        if (more) {
            out.put("has_more", true);
            out.put("next_page_token", Paging.encode(offset + ARRAY_PAGE));
        }
        return ApiResponse.ok(out);
    }

    ObjectNode render(Job job, boolean withTasks) {
        ObjectNode out = Json.object();
        out.put("job_id", job.jobId);
        out.put("creator_user_name", job.creator);
        out.put("created_time", job.createdTime);
        out.put("run_as_user_name", runAsUserName(job));
        ObjectNode s = job.settings.deepCopy();
        if (!withTasks) {
            s.remove("tasks");
            s.remove("job_clusters");
        }
        out.set("settings", s);
        return out;
    }

    private String runAsUserName(Job job) {
        JsonNode runAs = job.settings.get("run_as");
        if (runAs != null) {
            String u = Json.text(runAs, "user_name");
            return u != null ? u : Json.text(runAs, "service_principal_name");
        }
        AclEntry owner = ctx.acls.owner(AclType.JOBS.objectId(String.valueOf(job.jobId)));
        return owner == null ? job.creator : owner.principal;
    }

    private ApiResponse list(ApiRequest req) {
        int limit = req.queryParam("limit").map(v -> (int) Ctx.parseLong(v, "limit")).orElse(20);
        if (limit < 1 || limit > 100) {
            throw invalid("The limit must be between 1 and 100, got " + limit);
        }
        String name = req.queryParam("name").orElse(null);
        boolean expand = req.queryParam("expand_tasks").map(Boolean::parseBoolean).orElse(false);
        Caller caller = ctx.caller(req);
        List<Job> visible = new ArrayList<>();
        for (Job j : ctx.state.jobs.values()) {
            if ((name == null || name.equalsIgnoreCase(j.settings.path("name").asText()))
                    && ctx.acls.can(AclType.JOBS, AclType.JOBS.objectId(String.valueOf(j.jobId)), caller, "CAN_VIEW")) {
                visible.add(j);
            }
        }
        String token = req.queryParam("page_token").orElse(null);
        if (token == null && req.queryParam("offset").isPresent()) {
            token = Paging.encode((int) Ctx.parseLong(req.queryParam("offset").get(), "offset"));
        }
        Paging.Page<Job> page = Paging.page(visible, token, limit, 100);
        ObjectNode out = Json.object();
        if (!page.items().isEmpty()) {
            ArrayNode arr = out.putArray("jobs");
            page.items().forEach(j -> arr.add(render(j, expand)));
        }
        out.put("has_more", page.next().isPresent());
        page.next().ifPresent(t -> out.put("next_page_token", t));
        page.prev().ifPresent(t -> out.put("prev_page_token", t));
        return ApiResponse.ok(out);
    }

    private ApiResponse reset(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Job job = find(req, String.valueOf(Ctx.requireLong(body, "job_id")), "CAN_MANAGE");
        JsonNode ns = body.get("new_settings");
        if (ns == null || !ns.isObject()) {
            throw invalid("Missing required field: new_settings");
        }
        job.settings = settings.normalize(((ObjectNode) ns).deepCopy());
        return ApiResponse.emptyObject();
    }

    private ApiResponse update(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Job job = find(req, String.valueOf(Ctx.requireLong(body, "job_id")), "CAN_MANAGE");
        ObjectNode s = job.settings.deepCopy();
        for (JsonNode f : body.path("fields_to_remove")) {
            String field = f.asText();
            int slash = field.indexOf('/');
            if (slash < 0) {
                s.remove(field);
            } else {
                removeKeyed(s, field.substring(0, slash), field.substring(slash + 1));
            }
        }
        JsonNode ns = body.get("new_settings");
        if (ns != null && ns.isObject()) {
            for (Iterator<String> it = ns.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("tasks") || f.equals("job_clusters")) {
                    mergeKeyed(s, f, f.equals("tasks") ? "task_key" : "job_cluster_key", ns.get(f));
                } else {
                    s.set(f, ns.get(f).deepCopy());
                }
            }
        }
        job.settings = settings.normalize(s);
        return ApiResponse.emptyObject();
    }

    private static void removeKeyed(ObjectNode s, String field, String key) {
        String keyField = field.equals("tasks") ? "task_key" : field.equals("job_clusters") ? "job_cluster_key" : null;
        if (keyField == null) {
            throw invalid("Removing nested fields is only supported for tasks and job_clusters: " + field + "/" + key);
        }
        JsonNode arr = s.get(field);
        if (arr == null || !arr.isArray()) {
            return;
        }
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
            if (key.equals(it.next().path(keyField).asText())) {
                it.remove();
            }
        }
    }

    private static void mergeKeyed(ObjectNode s, String field, String keyField, JsonNode incoming) {
        ArrayNode target = s.has(field) && s.get(field).isArray() ? (ArrayNode) s.get(field) : s.putArray(field);
        for (JsonNode item : incoming) {
            String key = item.path(keyField).asText();
            boolean replaced = false;
            for (int i = 0; i < target.size(); i++) {
                if (target.get(i).path(keyField).asText().equals(key)) {
                    target.set(i, item.deepCopy());
                    replaced = true;
                }
            }
            if (!replaced) {
                target.add(item.deepCopy());
            }
        }
    }

    private ApiResponse delete(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Job job = find(req, String.valueOf(Ctx.requireLong(body, "job_id")), "CAN_MANAGE");
        ctx.state.jobs.remove(job.jobId);
        ctx.acls.remove(AclType.JOBS.objectId(String.valueOf(job.jobId)));
        return ApiResponse.emptyObject();
    }
}
