package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;
import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalidState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.AclEntry;
import dev.lockstep.sandbox.databricks.DatabricksState.Cluster;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Clusters API 2.1: create, edit, get, list (token paging, filters), delete (terminate),
 * permanent-delete, start, restart, spark-versions and list-node-types, with the lifecycle
 * PENDING → RUNNING, RUNNING → RESTARTING → RUNNING, TERMINATING → TERMINATED advanced lazily from
 * the clock, and auto-termination after {@code autotermination_minutes} of RUNNING.
 */
final class ClustersApi {
    private static final String P = "/api/2.1/clusters/";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("MMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** Fields the API never echoes back in the cluster or its spec. */
    private static final Set<String> REQUEST_ONLY = Set.of("apply_policy_default_values", "clone_from", "cluster_id");

    private final Ctx ctx;

    ClustersApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", P + "create", this::create);
        r.add("POST", P + "edit", this::edit);
        r.add("GET", P + "get", this::get);
        r.add("GET", P + "list", this::list);
        r.add("POST", P + "delete", this::delete);
        r.add("POST", P + "permanent-delete", this::permanentDelete);
        r.add("POST", P + "start", this::start);
        r.add("POST", P + "restart", this::restart);
        r.add("GET", P + "spark-versions", req -> ApiResponse.ok(Catalog.sparkVersions()));
        r.add("GET", P + "list-node-types", req -> ApiResponse.ok(Catalog.nodeTypes()));
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Caller caller = ctx.caller(req);
        ObjectNode spec = validateSpec(body, caller);
        if (Json.text(body, "policy_id") == null && !ctx.principals.hasEntitlement(caller, "allow-cluster-create")) {
            throw Ctx.denied("You are not authorized to create clusters. Please contact your administrator.");
        }
        long now = ctx.now();
        Cluster c = new Cluster();
        c.clusterId = ID_TIME.format(Instant.ofEpochMilli(now)) + "-" + ctx.randomAlnum(8);
        c.spec = spec;
        c.creator = caller.name();
        c.state = "PENDING";
        c.stateMessage = "Finding instances for new nodes, acquiring more instances if necessary";
        c.stateSince = now;
        c.startTime = now;
        ctx.state.clusters.put(c.clusterId, c);
        ctx.acls.init(AclType.CLUSTERS.objectId(c.clusterId), List.of(new AclEntry(caller.aclKind(), caller.name(), "CAN_MANAGE")));
        ctx.created("cluster:" + c.clusterId);
        ObjectNode out = Json.object();
        out.put("cluster_id", c.clusterId);
        return ApiResponse.ok(out);
    }

    private ApiResponse edit(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Cluster c = find(Ctx.requireText(body, "cluster_id"));
        requireLevel(req, c, "CAN_MANAGE", "edit");
        advance(c);
        ObjectNode spec = validateSpec(body, ctx.caller(req));
        switch (c.state) {
            case "RUNNING" -> transition(c, "RESTARTING", "Restarting Spark to apply the new configuration");
            case "TERMINATED" -> { }
            default -> throw invalidState("Cluster " + c.clusterId + " is in unexpected state " + Ctx.pretty(c.state) + ".");
        }
        c.spec = spec;
        return ApiResponse.emptyObject();
    }

    private ApiResponse get(ApiRequest req) {
        Cluster c = find(Ctx.requireQuery(req, "cluster_id"));
        return ApiResponse.ok(render(c));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> states = req.queryParams("filter_by.cluster_states");
        List<String> sources = req.queryParams("filter_by.cluster_sources");
        String policyId = req.queryParam("filter_by.policy_id").orElse(null);
        List<Cluster> all = new ArrayList<>();
        for (Cluster c : ctx.state.clusters.values()) {
            advance(c);
            if ((states.isEmpty() || states.contains(c.state))
                    && (sources.isEmpty() || sources.contains("API"))
                    && (policyId == null || policyId.equals(Json.text(c.spec, "policy_id")))
                    && !req.queryParam("filter_by.is_pinned").map(Boolean::parseBoolean).orElse(false)) {
                all.add(c);
            }
        }
        if ("CLUSTER_NAME".equals(req.queryParam("sort_by.field").orElse(""))) {
            all.sort(Comparator.comparing(c -> c.spec.path("cluster_name").asText("")));
        } else {
            all.sort(Comparator.comparingInt((Cluster c) -> stateOrder(c.state)).thenComparing(c -> -c.startTime));
        }
        if ("DESC".equals(req.queryParam("sort_by.direction").orElse(""))) {
            java.util.Collections.reverse(all);
        }
        Paging.Page<Cluster> page = Paging.page(all, req.queryParam("page_token").orElse(null),
                req.queryParam("page_size").map(s -> (int) Ctx.parseLong(s, "page_size")).orElse(100), 100);
        ObjectNode out = Json.object();
        if (!page.items().isEmpty()) {
            ArrayNode arr = out.putArray("clusters");
            page.items().forEach(c -> arr.add(render(c)));
        }
        page.next().ifPresent(t -> out.put("next_page_token", t));
        page.prev().ifPresent(t -> out.put("prev_page_token", t));
        return ApiResponse.ok(out);
    }

    private static int stateOrder(String s) {
        return switch (s) {
            case "RUNNING", "PENDING", "RESTARTING", "RESIZING" -> 0;
            case "TERMINATING" -> 1;
            default -> 2;
        };
    }

    private ApiResponse delete(ApiRequest req) {
        Cluster c = find(Ctx.requireText(ctx.body(req), "cluster_id"));
        requireLevel(req, c, "CAN_RESTART", "terminate");
        advance(c);
        if (!c.state.equals("TERMINATED") && !c.state.equals("TERMINATING")) {
            transition(c, "TERMINATING", "Terminating cluster");
            c.terminationReason = reason("USER_REQUEST", "SUCCESS", ctx.caller(req).name());
        }
        return ApiResponse.emptyObject();
    }

    private ApiResponse permanentDelete(ApiRequest req) {
        Cluster c = find(Ctx.requireText(ctx.body(req), "cluster_id"));
        requireLevel(req, c, "CAN_MANAGE", "delete");
        ctx.state.clusters.remove(c.clusterId);
        ctx.acls.remove(AclType.CLUSTERS.objectId(c.clusterId));
        return ApiResponse.emptyObject();
    }

    private ApiResponse start(ApiRequest req) {
        Cluster c = find(Ctx.requireText(ctx.body(req), "cluster_id"));
        requireLevel(req, c, "CAN_RESTART", "start");
        advance(c);
        if (!c.state.equals("TERMINATED")) {
            throw invalidState("Cluster " + c.clusterId + " is in unexpected state " + Ctx.pretty(c.state) + ".");
        }
        transition(c, "PENDING", "Starting Spark");
        c.startTime = ctx.now();
        c.terminatedTime = null;
        c.terminationReason = null;
        return ApiResponse.emptyObject();
    }

    private ApiResponse restart(ApiRequest req) {
        Cluster c = find(Ctx.requireText(ctx.body(req), "cluster_id"));
        requireLevel(req, c, "CAN_RESTART", "restart");
        advance(c);
        if (!c.state.equals("RUNNING")) {
            throw invalidState("Cluster " + c.clusterId + " is in unexpected state " + Ctx.pretty(c.state) + ".");
        }
        transition(c, "RESTARTING", "Restarting Spark");
        return ApiResponse.emptyObject();
    }

    private void requireLevel(ApiRequest req, Cluster c, String level, String action) {
        Caller caller = ctx.caller(req);
        if (!ctx.acls.can(AclType.CLUSTERS, AclType.CLUSTERS.objectId(c.clusterId), caller, level)) {
            throw Ctx.denied("User " + caller.name() + " does not have " + level + " permission on cluster "
                    + c.clusterId + " and cannot " + action + " it.");
        }
    }

    /** Finds a cluster; a missing one is answered as the real API does (400 with this message). */
    Cluster find(String clusterId) {
        Cluster c = ctx.state.clusters.get(clusterId);
        if (c == null || ctx.hidden("cluster:" + clusterId)) {
            throw invalid("Cluster " + clusterId + " does not exist");
        }
        return c;
    }

    private ObjectNode validateSpec(ObjectNode body, Caller caller) {
        ObjectNode spec = body.deepCopy();
        REQUEST_ONLY.forEach(spec::remove);
        String policyId = Json.text(body, "policy_id");
        if (policyId != null) {
            PolicyRules.enforce(ctx, policyId, spec, body.path("apply_policy_default_values").asBoolean(false), caller);
        }
        String sparkVersion = Ctx.requireText(spec, "spark_version");
        if (!Catalog.knownSparkVersion(sparkVersion)) {
            throw invalid("Invalid spark version " + sparkVersion + ".");
        }
        String pool = Json.text(spec, "instance_pool_id");
        if (pool != null) {
            DatabricksState.Pool p = ctx.state.pools.get(pool);
            if (p == null) {
                throw invalid("Instance pool " + pool + " does not exist");
            }
            if (!spec.has("node_type_id")) {
                spec.put("node_type_id", p.body.path("node_type_id").asText());
            }
        }
        String node = Json.text(spec, "node_type_id");
        if (node == null) {
            throw invalid("Missing required field: node_type_id");
        }
        if (Catalog.nodeType(node).isEmpty()) {
            throw invalid("Node type " + node + " is not supported.");
        }
        String driver = Json.text(spec, "driver_node_type_id");
        if (driver != null && Catalog.nodeType(driver).isEmpty()) {
            throw invalid("Node type " + driver + " is not supported.");
        }
        JsonNode autoscale = spec.get("autoscale");
        if (autoscale != null && !autoscale.isNull()) {
            if (spec.has("num_workers") && spec.get("num_workers").asInt() != 0) {
                throw invalid("Only one of num_workers or autoscale may be set");
            }
            int min = autoscale.path("min_workers").asInt(-1);
            int max = autoscale.path("max_workers").asInt(-1);
            if (min < 0 || max < 1 || min > max) {
                throw invalid("autoscale requires 0 <= min_workers <= max_workers and max_workers >= 1");
            }
        } else if (spec.path("num_workers").asInt(0) < 0) {
            throw invalid("num_workers must be >= 0");
        }
        JsonNode at = spec.get("autotermination_minutes");
        if (at != null && !at.isNull()) {
            int m = at.asInt();
            if (m != 0 && (m < 10 || m > 10000)) {
                throw invalid("Automatic termination must be 0 (disabled) or between 10 and 10000 minutes");
            }
        }
        return spec;
    }

    private void transition(Cluster c, String state, String message) {
        c.state = state;
        c.stateMessage = message;
        c.stateSince = ctx.now();
    }

    /** Moves the cluster along its lifecycle according to the elapsed time. */
    void advance(Cluster c) {
        long now = ctx.now();
        for (int guard = 0; guard < 4; guard++) {
            long elapsed = now - c.stateSince;
            switch (c.state) {
                case "PENDING", "RESTARTING" -> {
                    long d = (c.state.equals("PENDING") ? ctx.config.clusterStartDelay() : ctx.config.clusterRestartDelay()).toMillis();
                    if (elapsed < d) {
                        return;
                    }
                    if (c.state.equals("RESTARTING")) {
                        c.lastRestartedTime = c.stateSince + d;
                    }
                    c.state = "RUNNING";
                    c.stateMessage = "";
                    c.stateSince += d;
                    c.sparkContextId = ctx.random.nextLong() & Long.MAX_VALUE;
                }
                case "RUNNING" -> {
                    int minutes = c.spec.path("autotermination_minutes").asInt(0);
                    long idle = minutes * 60_000L;
                    if (minutes <= 0 || elapsed < idle) {
                        return;
                    }
                    c.state = "TERMINATING";
                    c.stateMessage = "Inactive cluster terminated (inactive for " + minutes + " minutes).";
                    c.stateSince += idle;
                    c.terminationReason = reason("INACTIVITY", "SUCCESS", null);
                    c.terminationReason.with("parameters").put("inactivity_duration_min", String.valueOf(minutes));
                }
                case "TERMINATING" -> {
                    long d = ctx.config.clusterTerminateDelay().toMillis();
                    if (elapsed < d) {
                        return;
                    }
                    c.state = "TERMINATED";
                    c.stateSince += d;
                    c.terminatedTime = c.stateSince;
                }
                default -> {
                    return;
                }
            }
        }
    }

    private static ObjectNode reason(String code, String type, String user) {
        ObjectNode r = Json.object();
        r.put("code", code);
        r.put("type", type);
        ObjectNode params = r.putObject("parameters");
        if (user != null) {
            params.put("username", user);
        }
        return r;
    }

    ObjectNode render(Cluster c) {
        advance(c);
        ObjectNode out = Json.object();
        out.put("cluster_id", c.clusterId);
        out.put("creator_user_name", c.creator);
        out.setAll(c.spec.deepCopy());
        if (!out.has("driver_node_type_id")) {
            out.put("driver_node_type_id", c.spec.path("node_type_id").asText());
        }
        if (!out.has("enable_elastic_disk")) {
            out.put("enable_elastic_disk", false);
        }
        if (!out.has("autoscale") && !out.has("num_workers")) {
            out.put("num_workers", 0);
        }
        ObjectNode tags = out.putObject("default_tags");
        tags.put("Vendor", "Databricks");
        tags.put("Creator", c.creator);
        tags.put("ClusterName", c.spec.path("cluster_name").asText(""));
        tags.put("ClusterId", c.clusterId);
        out.put("cluster_source", "API");
        out.put("state", c.state);
        out.put("state_message", c.stateMessage);
        out.put("start_time", c.startTime);
        if (c.terminatedTime != null) {
            out.put("terminated_time", c.terminatedTime);
        }
        if (c.lastRestartedTime != null) {
            out.put("last_restarted_time", c.lastRestartedTime);
        }
        if (c.terminationReason != null) {
            out.set("termination_reason", c.terminationReason.deepCopy());
        }
        if (c.state.equals("RUNNING")) {
            out.put("spark_context_id", c.sparkContextId);
            out.put("jdbc_port", 10000);
            Catalog.nodeType(c.spec.path("node_type_id").asText()).ifPresent(n -> {
                int workers = c.spec.has("autoscale") ? c.spec.path("autoscale").path("min_workers").asInt() : c.spec.path("num_workers").asInt(0);
                out.put("cluster_memory_mb", n.memoryMb() * (workers + 1));
                out.put("cluster_cores", n.cores() * (workers + 1));
            });
        }
        out.set("spec", c.spec.deepCopy());
        return out;
    }
}
