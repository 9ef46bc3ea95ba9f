package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;

/**
 * Permissions API 2.0: GET, PUT (replace the direct ACL) and PATCH (merge into it) on
 * {@code /api/2.0/permissions/{request_object_type}/{id}}, and {@code /permissionLevels}, for
 * clusters, cluster-policies, instance-pools, jobs, notebooks, directories and
 * authorization/tokens.
 */
final class PermissionsApi {
    private static final String P = "/api/2.0/permissions/{type}/{id}";
    private final Ctx ctx;

    PermissionsApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("GET", P, this::get);
        r.add("PUT", P, req -> write(req, true));
        r.add("PATCH", P, req -> write(req, false));
        r.add("GET", P + "/permissionLevels", this::levels);
    }

    private record Target(AclType type, String objectId) {}

    private Target resolve(ApiRequest req) {
        String rt = req.pathParam("type");
        String id = req.pathParam("id");
        AclType type = AclType.byRequestType(rt)
                .orElseThrow(() -> DatabricksErrors.invalid("Unsupported request object type: " + rt));
        boolean exists = switch (type) {
            case CLUSTERS -> ctx.state.clusters.containsKey(id) && !ctx.hidden("cluster:" + id);
            case CLUSTER_POLICIES -> ctx.state.policies.containsKey(id) && !ctx.hidden("policy:" + id);
            case INSTANCE_POOLS -> ctx.state.pools.containsKey(id) && !ctx.hidden("pool:" + id);
            case JOBS -> isLong(id) && ctx.state.jobs.containsKey(Long.parseLong(id)) && !ctx.hidden("job:" + id);
            case NOTEBOOKS -> isLong(id) && WorkspaceApi.byObjectId(ctx.state, Long.parseLong(id))
                    .filter(n -> n.objectType.equals("NOTEBOOK")).isPresent();
            case DIRECTORIES -> isLong(id) && WorkspaceApi.byObjectId(ctx.state, Long.parseLong(id))
                    .filter(n -> n.objectType.equals("DIRECTORY")).isPresent();
            case TOKENS -> {
                if (!id.equals("tokens")) {
                    throw DatabricksErrors.invalid("Unsupported authorization object: " + id);
                }
                yield true;
            }
        };
        if (!exists) {
            throw notFound(type, id);
        }
        return new Target(type, type.objectId(id));
    }

    private static HttpError notFound(AclType type, String id) {
        String noun = switch (type) {
            case CLUSTERS -> "Cluster";
            case CLUSTER_POLICIES -> "Cluster policy";
            case INSTANCE_POOLS -> "Instance pool";
            case JOBS -> "Job";
            case NOTEBOOKS -> "Notebook";
            case DIRECTORIES -> "Directory";
            case TOKENS -> "Object";
        };
        return DatabricksErrors.notFound(noun + " " + id + " does not exist.");
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private ApiResponse get(ApiRequest req) {
        Target t = resolve(req);
        Caller caller = ctx.caller(req);
        if (!ctx.principals.isAdmin(caller) && ctx.acls.effectiveRank(t.type, t.objectId, caller) < 0) {
            throw Ctx.denied("User " + caller.name() + " does not have permission to view the permissions of " + t.objectId);
        }
        return ApiResponse.ok(ctx.acls.render(t.type, t.objectId));
    }

    private ApiResponse write(ApiRequest req, boolean replace) {
        Target t = resolve(req);
        Caller caller = ctx.caller(req);
        if (!ctx.acls.canManageAcl(t.type, t.objectId, caller)) {
            throw Ctx.denied("User " + caller.name() + " does not have " + (t.type.manageLevel == null ? "admin" : t.type.manageLevel)
                    + " permission on " + t.objectId + " and cannot change its permissions.");
        }
        ObjectNode body = ctx.body(req);
        ctx.acls.apply(t.type, t.objectId, body.get("access_control_list"), replace);
        return ApiResponse.ok(ctx.acls.render(t.type, t.objectId));
    }

    private ApiResponse levels(ApiRequest req) {
        Target t = resolve(req);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("permission_levels");
        for (String level : t.type.levels) {
            arr.addObject().put("permission_level", level).put("description", t.type.description(level));
        }
        return ApiResponse.ok(out);
    }
}
