package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.Policy;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Cluster policies API 2.0 ({@code /api/2.0/policies/clusters/*}): create, edit, get, list with
 * sorting, delete. Only admins write policies; non-admins list the policies they may use.
 */
final class ClusterPoliciesApi {
    private static final String P = "/api/2.0/policies/clusters/";
    private static final List<String> FIELDS = List.of("name", "definition", "description", "max_clusters_per_user", "libraries");

    private final Ctx ctx;

    ClusterPoliciesApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", P + "create", this::create);
        r.add("POST", P + "edit", this::edit);
        r.add("GET", P + "get", this::get);
        r.add("GET", P + "list", this::list);
        r.add("POST", P + "delete", this::delete);
    }

    private void requireAdmin(ApiRequest req) {
        if (!ctx.isAdmin(req)) {
            throw Ctx.denied("Only workspace admins can create, edit or delete cluster policies.");
        }
    }

    private ApiResponse create(ApiRequest req) {
        requireAdmin(req);
        ObjectNode body = ctx.body(req);
        String name = Ctx.requireText(body, "name");
        uniqueName(name, null);
        if (Json.text(body, "policy_family_id") != null) {
            throw DatabricksErrors.invalid("Policy families are not available in this workspace");
        }
        Policy p = new Policy();
        p.body = Json.object();
        String id = ctx.randomHex(16).toUpperCase(Locale.ROOT);
        p.body.put("policy_id", id);
        copyFields(body, p.body);
        p.body.put("creator_user_name", ctx.caller(req).name());
        p.body.put("created_at_timestamp", ctx.now());
        p.body.put("is_default", false);
        ctx.state.policies.put(id, p);
        ctx.acls.init(AclType.CLUSTER_POLICIES.objectId(id), List.of());
        ctx.created("policy:" + id);
        ObjectNode out = Json.object();
        out.put("policy_id", id);
        return ApiResponse.ok(out);
    }

    private void copyFields(ObjectNode from, ObjectNode to) {
        String def = Json.text(from, "definition");
        PolicyRules.parseDefinition(def == null ? "{}" : def);
        if (def == null) {
            to.put("definition", "{}");
        }
        for (String f : FIELDS) {
            if (from.has(f) && !from.get(f).isNull()) {
                to.set(f, from.get(f).deepCopy());
            }
        }
    }

    private void uniqueName(String name, String exceptId) {
        for (Policy p : ctx.state.policies.values()) {
            if (p.body.path("name").asText().equalsIgnoreCase(name) && !p.body.path("policy_id").asText().equals(exceptId)) {
                throw DatabricksErrors.alreadyExists("Cluster policy with name '" + name + "' already exists");
            }
        }
    }

    private Policy find(String id) {
        Policy p = ctx.state.policies.get(id);
        if (p == null || ctx.hidden("policy:" + id)) {
            throw DatabricksErrors.notFound("Can't find a cluster policy with id: " + id + ".");
        }
        return p;
    }

    private ApiResponse edit(ApiRequest req) {
        requireAdmin(req);
        ObjectNode body = ctx.body(req);
        Policy p = find(Ctx.requireText(body, "policy_id"));
        String name = Ctx.requireText(body, "name");
        uniqueName(name, p.body.path("policy_id").asText());
        ObjectNode next = Json.object();
        next.put("policy_id", p.body.path("policy_id").asText());
        copyFields(body, next);
        next.set("creator_user_name", p.body.get("creator_user_name"));
        next.set("created_at_timestamp", p.body.get("created_at_timestamp"));
        next.put("is_default", false);
        p.body = next;
        return ApiResponse.emptyObject();
    }

    private ApiResponse get(ApiRequest req) {
        return ApiResponse.ok(find(Ctx.requireQuery(req, "policy_id")).body.deepCopy());
    }

    private ApiResponse list(ApiRequest req) {
        Caller caller = ctx.caller(req);
        List<Policy> visible = new ArrayList<>();
        for (Policy p : ctx.state.policies.values()) {
            if (ctx.acls.can(AclType.CLUSTER_POLICIES, AclType.CLUSTER_POLICIES.objectId(p.body.path("policy_id").asText()), caller, "CAN_USE")) {
                visible.add(p);
            }
        }
        Comparator<Policy> order = "POLICY_NAME".equals(req.queryParam("sort_column").orElse(""))
                ? Comparator.comparing(p -> p.body.path("name").asText().toLowerCase(Locale.ROOT))
                : Comparator.comparingLong(p -> p.body.path("created_at_timestamp").asLong());
        if ("DESC".equals(req.queryParam("sort_order").orElse(""))) {
            order = order.reversed();
        }
        visible.sort(order);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("policies");
        visible.forEach(p -> arr.add(p.body.deepCopy()));
        out.put("total_count", visible.size());
        return ApiResponse.ok(out);
    }

    private ApiResponse delete(ApiRequest req) {
        requireAdmin(req);
        Policy p = find(Ctx.requireText(ctx.body(req), "policy_id"));
        String id = p.body.path("policy_id").asText();
        ctx.state.policies.remove(id);
        ctx.acls.remove(AclType.CLUSTER_POLICIES.objectId(id));
        return ApiResponse.emptyObject();
    }
}
