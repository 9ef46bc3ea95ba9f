package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;
import static dev.lockstep.sandbox.databricks.DatabricksErrors.notFound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.Scope;
import dev.lockstep.sandbox.databricks.DatabricksState.Secret;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets API 2.0: scopes (create, delete, list), secrets (put, delete, list without values, get
 * with a base64 value) and scope ACLs (put, delete, get, list) with MANAGE &gt; WRITE &gt; READ
 * checked for every call; admins hold MANAGE on every scope.
 */
final class SecretsApi {
    private static final String P = "/api/2.0/secrets/";
    private static final Pattern NAME = Pattern.compile("^[\\w.\\-]{1,128}$");
    private static final List<String> LEVELS = List.of("READ", "WRITE", "MANAGE");
    private static final int MAX_SECRET_BYTES = 128 * 1024;

    private final Ctx ctx;

    SecretsApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", P + "scopes/create", this::createScope);
        r.add("POST", P + "scopes/delete", this::deleteScope);
        r.add("GET", P + "scopes/list", this::listScopes);
        r.add("POST", P + "put", this::put);
        r.add("POST", P + "delete", this::delete);
        r.add("GET", P + "list", this::list);
        r.add("GET", P + "get", this::get);
        r.add("POST", P + "acls/put", this::putAcl);
        r.add("POST", P + "acls/delete", this::deleteAcl);
        r.add("GET", P + "acls/get", this::getAcl);
        r.add("GET", P + "acls/list", this::listAcls);
    }

    private ApiResponse createScope(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        String name = Ctx.requireText(body, "scope");
        if (!NAME.matcher(name).matches()) {
            throw invalid("Scope name must consist of alphanumeric characters, dashes, underscores, and periods, "
                    + "and may not exceed 128 characters.");
        }
        String backend = body.path("scope_backend_type").asText("DATABRICKS");
        if (!backend.equals("DATABRICKS")) {
            throw invalid("Scope backend type " + backend + " is not supported in this workspace");
        }
        if (ctx.state.scopes.containsKey(name)) {
            throw DatabricksErrors.alreadyExists("Scope " + name + " already exists!");
        }
        Scope s = new Scope();
        s.name = name;
        String initial = Json.text(body, "initial_manage_principal");
        if (initial == null) {
            s.acls.put(ctx.caller(req).name(), "MANAGE");
        } else if (initial.equals(Principals.USERS)) {
            s.acls.put(Principals.USERS, "MANAGE");
        } else {
            throw invalid("initial_manage_principal must be 'users' or omitted");
        }
        ctx.state.scopes.put(name, s);
        ctx.created("scope:" + name);
        return ApiResponse.emptyObject();
    }

    private Scope scope(String name, ApiRequest req, String level) {
        Scope s = ctx.state.scopes.get(name);
        if (s == null || ctx.hidden("scope:" + name)) {
            throw notFound("Scope " + name + " does not exist!");
        }
        Caller caller = ctx.caller(req);
        if (!ctx.principals.isAdmin(caller) && rank(s, caller) < LEVELS.indexOf(level)) {
            throw Ctx.denied("User " + caller.name() + " does not have " + level + " permission on scope " + name);
        }
        return s;
    }

    private int rank(Scope s, Caller caller) {
        int best = -1;
        java.util.Set<String> groups = ctx.principals.groupNamesOf(caller.id());
        for (Map.Entry<String, String> e : s.acls.entrySet()) {
            if (e.getKey().equalsIgnoreCase(caller.name()) || groups.contains(e.getKey())) {
                best = Math.max(best, LEVELS.indexOf(e.getValue()));
            }
        }
        return best;
    }

    private ApiResponse deleteScope(ApiRequest req) {
        Scope s = scope(Ctx.requireText(ctx.body(req), "scope"), req, "MANAGE");
        ctx.state.scopes.remove(s.name);
        return ApiResponse.emptyObject();
    }

    private ApiResponse listScopes(ApiRequest req) {
        ObjectNode out = Json.object();
        if (!ctx.state.scopes.isEmpty()) {
            ArrayNode arr = out.putArray("scopes");
            ctx.state.scopes.values().forEach(s -> arr.addObject().put("name", s.name).put("backend_type", s.backendType));
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse put(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Scope s = scope(Ctx.requireText(body, "scope"), req, "WRITE");
        String key = Ctx.requireText(body, "key");
        if (!NAME.matcher(key).matches()) {
            throw invalid("Secret key must consist of alphanumeric characters, dashes, underscores, and periods, "
                    + "and may not exceed 128 characters.");
        }
        String str = Json.text(body, "string_value");
        String bytes = Json.text(body, "bytes_value");
        if ((str == null) == (bytes == null)) {
            throw invalid("Exactly one of string_value or bytes_value must be specified.");
        }
        byte[] value;
        if (str != null) {
            value = str.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                value = Base64.getDecoder().decode(bytes);
            } catch (IllegalArgumentException e) {
                throw invalid("bytes_value must be base64-encoded");
            }
        }
        if (value.length > MAX_SECRET_BYTES) {
            throw invalid("Secret value exceeds the maximum size of 128 KB.");
        }
        Secret secret = new Secret();
        secret.valueBase64 = Base64.getEncoder().encodeToString(value);
        secret.lastUpdatedTimestamp = ctx.now();
        s.secrets.put(key, secret);
        return ApiResponse.emptyObject();
    }

    private ApiResponse delete(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Scope s = scope(Ctx.requireText(body, "scope"), req, "WRITE");
        String key = Ctx.requireText(body, "key");
        if (s.secrets.remove(key) == null) {
            throw notFound("Secret " + key + " does not exist in scope " + s.name + ".");
        }
        return ApiResponse.emptyObject();
    }

    private ApiResponse list(ApiRequest req) {
        Scope s = scope(Ctx.requireQuery(req, "scope"), req, "READ");
        ObjectNode out = Json.object();
        if (!s.secrets.isEmpty()) {
            ArrayNode arr = out.putArray("secrets");
            s.secrets.forEach((k, v) -> arr.addObject().put("key", k).put("last_updated_timestamp", v.lastUpdatedTimestamp));
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse get(ApiRequest req) {
        Scope s = scope(Ctx.requireQuery(req, "scope"), req, "READ");
        String key = Ctx.requireQuery(req, "key");
        Secret secret = s.secrets.get(key);
        if (secret == null) {
            throw notFound("Failed to get secret " + key + " for scope " + s.name + ".");
        }
        ObjectNode out = Json.object();
        out.put("key", key);
        out.put("value", secret.valueBase64);
        return ApiResponse.ok(out);
    }

    private ApiResponse putAcl(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Scope s = scope(Ctx.requireText(body, "scope"), req, "MANAGE");
        String principal = Ctx.requireText(body, "principal");
        String permission = Ctx.requireText(body, "permission");
        if (!LEVELS.contains(permission)) {
            throw invalid("Invalid permission " + permission + "; must be one of MANAGE, WRITE, READ");
        }
        boolean known = ctx.principals.userByName(principal).isPresent()
                || ctx.principals.groupByName(principal).isPresent()
                || ctx.principals.servicePrincipalByAppId(principal).isPresent();
        if (!known) {
            throw notFound("Principal " + principal + " does not exist.");
        }
        s.acls.put(principal, permission);
        return ApiResponse.emptyObject();
    }

    private ApiResponse deleteAcl(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        Scope s = scope(Ctx.requireText(body, "scope"), req, "MANAGE");
        String principal = Ctx.requireText(body, "principal");
        if (s.acls.remove(principal) == null) {
            throw notFound("ACL for principal " + principal + " does not exist in scope " + s.name + ".");
        }
        return ApiResponse.emptyObject();
    }

    private ApiResponse getAcl(ApiRequest req) {
        Scope s = scope(Ctx.requireQuery(req, "scope"), req, "MANAGE");
        String principal = Ctx.requireQuery(req, "principal");
        String level = s.acls.get(principal);
        if (level == null) {
            throw notFound("ACL for principal " + principal + " does not exist in scope " + s.name + ".");
        }
        ObjectNode out = Json.object();
        out.put("principal", principal);
        out.put("permission", level);
        return ApiResponse.ok(out);
    }

    private ApiResponse listAcls(ApiRequest req) {
        Scope s = scope(Ctx.requireQuery(req, "scope"), req, "MANAGE");
        ObjectNode out = Json.object();
        if (!s.acls.isEmpty()) {
            ArrayNode arr = out.putArray("items");
            s.acls.forEach((p, l) -> arr.addObject().put("principal", p).put("permission", l));
        }
        return ApiResponse.ok(out);
    }
}
