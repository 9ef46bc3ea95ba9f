package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.AclEntry;
import dev.lockstep.sandbox.databricks.DatabricksState.Pool;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Instance pools API 2.0: create, edit (node type fixed after create), get with state and stats,
 * list, delete. Creating needs admin or the {@code allow-instance-pool-create} entitlement.
 */
final class InstancePoolsApi {
    private static final String P = "/api/2.0/instance-pools/";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("MMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final List<String> CREATE_FIELDS = List.of(
            "instance_pool_name", "node_type_id", "min_idle_instances", "max_capacity", "idle_instance_autotermination_minutes",
            "custom_tags", "enable_elastic_disk", "disk_spec", "preloaded_spark_versions", "preloaded_docker_images",
            "aws_attributes", "azure_attributes", "gcp_attributes");
    private static final List<String> EDIT_FIELDS = List.of(
            "instance_pool_name", "min_idle_instances", "max_capacity", "idle_instance_autotermination_minutes", "custom_tags");

    private final Ctx ctx;

    InstancePoolsApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", P + "create", this::create);
        r.add("POST", P + "edit", this::edit);
        r.add("GET", P + "get", this::get);
        r.add("GET", P + "list", this::list);
        r.add("POST", P + "delete", this::delete);
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Caller caller = ctx.caller(req);
        if (!ctx.principals.hasEntitlement(caller, "allow-instance-pool-create")) {
            throw Ctx.denied("You are not authorized to create instance pools. Please contact your administrator.");
        }
        Ctx.requireText(body, "instance_pool_name");
        String node = Ctx.requireText(body, "node_type_id");
        if (Catalog.nodeType(node).isEmpty()) {
            throw invalid("Node type " + node + " is not supported.");
        }
        Pool p = new Pool();
        p.body = Json.object();
        String id = ID_TIME.format(Instant.ofEpochMilli(ctx.now())) + "-" + ctx.randomAlnum(6) + "-pool-" + ctx.randomAlnum(8);
        p.body.put("instance_pool_id", id);
        for (String f : CREATE_FIELDS) {
            if (body.has(f) && !body.get(f).isNull()) {
                p.body.set(f, body.get(f).deepCopy());
            }
        }
        if (!p.body.has("idle_instance_autotermination_minutes")) {
            p.body.put("idle_instance_autotermination_minutes", 60);
        }
        if (!p.body.has("min_idle_instances")) {
            p.body.put("min_idle_instances", 0);
        }
        checkCapacity(p.body);
        ObjectNode tags = p.body.putObject("default_tags");
        tags.put("Vendor", "Databricks");
        tags.put("DatabricksInstancePoolCreatorId", caller.id());
        tags.put("DatabricksInstancePoolId", id);
        ctx.state.pools.put(id, p);
        ctx.acls.init(AclType.INSTANCE_POOLS.objectId(id), List.of(new AclEntry(caller.aclKind(), caller.name(), "CAN_MANAGE")));
        ctx.created("pool:" + id);
        ObjectNode out = Json.object();
        out.put("instance_pool_id", id);
        return ApiResponse.ok(out);
    }

    private static void checkCapacity(ObjectNode body) {
        if (body.has("max_capacity") && body.path("min_idle_instances").asInt() > body.path("max_capacity").asInt()) {
            throw invalid("min_idle_instances cannot be greater than max_capacity");
        }
    }

    private Pool find(String id) {
        Pool p = ctx.state.pools.get(id);
        if (p == null || ctx.hidden("pool:" + id)) {
            throw DatabricksErrors.notFound("Can't find an instance pool with id: " + id + ".");
        }
        return p;
    }

    private void requireManage(ApiRequest req, String id) {
        if (!ctx.acls.can(AclType.INSTANCE_POOLS, AclType.INSTANCE_POOLS.objectId(id), ctx.caller(req), "CAN_MANAGE")) {
            throw Ctx.denied("User " + ctx.caller(req).name() + " does not have CAN_MANAGE permission on instance pool " + id);
        }
    }

    private ApiResponse edit(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Pool p = find(Ctx.requireText(body, "instance_pool_id"));
        String id = p.body.path("instance_pool_id").asText();
        requireManage(req, id);
        Ctx.requireText(body, "instance_pool_name");
        String node = Ctx.requireText(body, "node_type_id");
        if (!node.equals(p.body.path("node_type_id").asText())) {
            throw invalid("The node type of an instance pool cannot be changed (is " + p.body.path("node_type_id").asText() + ")");
        }
        ObjectNode next = p.body.deepCopy();
        for (String f : EDIT_FIELDS) {
            next.remove(f);
            if (body.has(f) && !body.get(f).isNull()) {
                next.set(f, body.get(f).deepCopy());
            }
        }
        if (!next.has("idle_instance_autotermination_minutes")) {
            next.put("idle_instance_autotermination_minutes", 60);
        }
        if (!next.has("min_idle_instances")) {
            next.put("min_idle_instances", 0);
        }
        checkCapacity(next);
        p.body = next;
        return ApiResponse.emptyObject();
    }

    private ObjectNode render(Pool p) {
        ObjectNode out = p.body.deepCopy();
        out.put("state", "ACTIVE");
        ObjectNode stats = out.putObject("stats");
        stats.put("used_count", 0);
        stats.put("idle_count", p.body.path("min_idle_instances").asInt());
        stats.put("pending_used_count", 0);
        stats.put("pending_idle_count", 0);
        out.putObject("status");
        return out;
    }

    private ApiResponse get(ApiRequest req) {
        return ApiResponse.ok(render(find(Ctx.requireQuery(req, "instance_pool_id"))));
    }

    private ApiResponse list(ApiRequest req) {
        ObjectNode out = Json.object();
        if (!ctx.state.pools.isEmpty()) {
            ArrayNode arr = out.putArray("instance_pools");
            ctx.state.pools.values().forEach(p -> arr.add(render(p)));
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse delete(ApiRequest req) {
        Pool p = find(Ctx.requireText(ctx.body(req), "instance_pool_id"));
        String id = p.body.path("instance_pool_id").asText();
        requireManage(req, id);
        ctx.state.pools.remove(id);
        ctx.acls.remove(AclType.INSTANCE_POOLS.objectId(id));
        return ApiResponse.emptyObject();
    }
}
