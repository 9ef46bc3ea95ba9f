package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * SCIM 2.0 under {@code /api/2.0/preview/scim/v2}: Users, Groups and ServicePrincipals (create,
 * get, list with filter/startIndex/count/attributes/excludedAttributes/sortBy, PUT, PatchOp PATCH,
 * DELETE) and Me. Group membership is stored on the group; the {@code groups} attribute of any
 * member is derived, and writing it changes memberships. Writes need a workspace admin.
 */
final class ScimApi {
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String SP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String P = "/api/2.0/preview/scim/v2/";

    /** The three resource types. */
    enum Kind {
        USERS("Users", USER_SCHEMA, "userName", "User"),
        GROUPS("Groups", GROUP_SCHEMA, "displayName", "Group"),
        SERVICE_PRINCIPALS("ServicePrincipals", SP_SCHEMA, "applicationId", "Service principal");

        final String segment;
        final String schema;
        final String uniqueAttr;
        final String noun;

        Kind(String segment, String schema, String uniqueAttr, String noun) {
            this.segment = segment;
            this.schema = schema;
            this.uniqueAttr = uniqueAttr;
            this.noun = noun;
        }
    }

    private final Ctx ctx;

    ScimApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        for (Kind k : Kind.values()) {
            r.add("POST", P + k.segment, req -> create(k, req));
            r.add("GET", P + k.segment, req -> list(k, req));
            r.add("GET", P + k.segment + "/{id}", req -> ApiResponse.ok(project(render(k, find(k, req.pathParam("id"))), req)));
            r.add("PUT", P + k.segment + "/{id}", req -> replace(k, req));
            r.add("PATCH", P + k.segment + "/{id}", req -> patch(k, req));
            r.add("DELETE", P + k.segment + "/{id}", req -> delete(k, req));
        }
        r.add("GET", P + "Me", this::me);
    }

    private Map<String, ObjectNode> store(Kind k) {
        return switch (k) {
            case USERS -> ctx.state.users;
            case GROUPS -> ctx.state.groups;
            case SERVICE_PRINCIPALS -> ctx.state.servicePrincipals;
        };
    }

    private ObjectNode find(Kind k, String id) {
        ObjectNode n = store(k).get(id);
        if (n == null || ctx.hidden("scim:" + id)) {
            throw scim(404, k.noun + " with id " + id + " not found.", null);
        }
        return n;
    }

    private void requireAdmin(ApiRequest req) {
        if (!ctx.isAdmin(req)) {
            throw scim(403, "User not authorized.", null);
        }
    }

    ObjectNode render(Kind k, ObjectNode stored) {
        ObjectNode out = stored.deepCopy();
        String id = stored.path("id").asText();
        if (k == Kind.GROUPS) {
            ArrayNode members = Json.array();
            for (JsonNode m : stored.path("members")) {
                String mid = m.path("value").asText();
                ctx.principals.anyById(mid).ifPresent(p -> members.addObject()
                        .put("display", p.path("displayName").asText(p.path("userName").asText()))
                        .put("value", mid)
                        .put("$ref", refPrefix(mid) + mid));
            }
            out.remove("members");
            if (!members.isEmpty()) {
                out.set("members", members);
            }
        }
        ArrayNode groups = Json.array();
        for (ObjectNode g : ctx.state.groups.values()) {
            if (Principals.isDirectMember(g, id)) {
                String gid = g.path("id").asText();
                groups.addObject().put("display", g.path("displayName").asText()).put("type", "direct")
                        .put("value", gid).put("$ref", "Groups/" + gid);
            }
        }
        if (!groups.isEmpty()) {
            out.set("groups", groups);
        }
        return out;
    }

    private String refPrefix(String id) {
        if (ctx.state.users.containsKey(id)) {
            return "Users/";
        }
        return ctx.state.groups.containsKey(id) ? "Groups/" : "ServicePrincipals/";
    }

    private ApiResponse create(Kind k, ApiRequest req) {
        requireAdmin(req);
        ObjectNode body = req.jsonObject(m -> scim(400, m, "invalidSyntax"));
        ObjectNode n = body.deepCopy();
        n.remove(List.of("id", "meta", "groups"));
        if (k == Kind.SERVICE_PRINCIPALS && Json.text(n, "applicationId") == null) {
            n.put("applicationId", UUID.randomUUID().toString());
        }
        String unique = Json.text(n, k.uniqueAttr);
        if (unique == null || unique.isBlank()) {
            throw scim(400, "Request is missing the required attribute " + k.uniqueAttr + ".", "invalidValue");
        }
        String id = ctx.principals.newId();
        checkUnique(k, unique, id);
        n.put("id", id);
        n.putArray("schemas").add(k.schema);
        if (k != Kind.GROUPS && !n.has("active")) {
            n.put("active", true);
        }
        if (k == Kind.USERS && !n.has("emails")) {
            n.putArray("emails").addObject().put("value", unique).put("type", "work").put("primary", true);
        }
        if (k == Kind.USERS && !n.has("displayName")) {
            n.put("displayName", unique);
        }
        if (k == Kind.GROUPS) {
            n.putObject("meta").put("resourceType", "WorkspaceGroup");
        }
        checkMembers(k, n, id);
        syncGroups(id, body.get("groups"));
        store(k).put(id, n);
        if (k != Kind.GROUPS) {
            WorkspaceApi.ensureHome(ctx, unique, k == Kind.USERS ? Caller.USER : Caller.SERVICE_PRINCIPAL);
        }
        ctx.created("scim:" + id);
        return ApiResponse.json(201, render(k, n));
    }

    private void checkUnique(Kind k, String value, String selfId) {
        for (ObjectNode other : store(k).values()) {
            if (!other.path("id").asText().equals(selfId)
                    && (k == Kind.GROUPS ? other.path(k.uniqueAttr).asText().equals(value)
                            : other.path(k.uniqueAttr).asText().equalsIgnoreCase(value))) {
                String detail = switch (k) {
                    case USERS -> "User with username " + value + " already exists.";
                    case GROUPS -> "Group with name " + value + " already exists.";
                    case SERVICE_PRINCIPALS -> "Service principal with application ID " + value + " already exists.";
                };
                throw scim(409, detail, "uniqueness");
            }
        }
    }

    private void checkMembers(Kind k, ObjectNode n, String selfId) {
        if (k != Kind.GROUPS) {
            n.remove("members");
            return;
        }
        JsonNode members = n.get("members");
        if (members == null || members.isNull()) {
            n.remove("members");
            return;
        }
        ArrayNode clean = Json.array();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode m : members) {
            String mid = m.path("value").asText("");
            if (mid.equals(selfId) || ctx.principals.anyById(mid).isEmpty()) {
                throw scim(400, "Member " + mid + " is not a valid user, group or service principal id.", "invalidValue");
            }
            if (seen.add(mid)) {
                clean.addObject().put("value", mid);
            }
        }
        n.set("members", clean);
    }

    /**
     * Makes the member's direct group memberships equal to the {@code groups} values given. Checks
     * every group before changing any, so a rejected request changes nothing.
     */
    private void syncGroups(String memberId, JsonNode groups) {
        if (groups == null || groups.isNull()) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (JsonNode g : groups) {
            String gid = g.path("value").asText("");
            if (!ctx.state.groups.containsKey(gid) || gid.equals(memberId)) {
                throw scim(400, "Group " + gid + " does not exist.", "invalidValue");
            }
            wanted.add(gid);
        }
        for (ObjectNode g : ctx.state.groups.values()) {
            boolean member = Principals.isDirectMember(g, memberId);
            boolean want = wanted.contains(g.path("id").asText());
            if (want && !member) {
                g.withArray("members").addObject().put("value", memberId);
            } else if (!want && member) {
                removeMember(g, memberId);
            }
        }
    }

    private static void removeMember(ObjectNode group, String memberId) {
        for (Iterator<JsonNode> it = group.withArray("members").elements(); it.hasNext(); ) {
            if (it.next().path("value").asText().equals(memberId)) {
                it.remove();
            }
        }
    }

    private ApiResponse replace(Kind k, ApiRequest req) {
        requireAdmin(req);
        ObjectNode current = find(k, req.pathParam("id"));
        ObjectNode body = req.jsonObject(m -> scim(400, m, "invalidSyntax"));
        return ApiResponse.ok(store(k, current, body));
    }

    private ApiResponse patch(Kind k, ApiRequest req) {
        requireAdmin(req);
        ObjectNode current = find(k, req.pathParam("id"));
        ObjectNode body = req.jsonObject(m -> scim(400, m, "invalidSyntax"));
        ObjectNode working = render(k, current);
        ScimPatch.apply(working, body);
        store(k, current, working);
        return ApiResponse.noContent(204);
    }

    /** Replaces a stored resource with {@code next} (a full representation). */
    private ObjectNode store(Kind k, ObjectNode current, ObjectNode next) {
        String id = current.path("id").asText();
        ObjectNode n = next.deepCopy();
        n.remove(List.of("groups", "meta"));
        n.put("id", id);
        n.set("schemas", current.get("schemas").deepCopy());
        if (k == Kind.GROUPS) {
            n.set("meta", current.get("meta"));
        }
        String unique = Json.text(n, k.uniqueAttr);
        if (unique == null || unique.isBlank()) {
            throw scim(400, "Request is missing the required attribute " + k.uniqueAttr + ".", "invalidValue");
        }
        if (k != Kind.GROUPS && !unique.equalsIgnoreCase(current.path(k.uniqueAttr).asText())) {
            throw scim(400, "Attribute " + k.uniqueAttr + " is immutable", "mutability");
        }
        checkUnique(k, unique, id);
        checkMembers(k, n, id);
        syncGroups(id, next.get("groups"));
        store(k).put(id, n);
        return render(k, n);
    }

    private ApiResponse delete(Kind k, ApiRequest req) {
        requireAdmin(req);
        ObjectNode n = find(k, req.pathParam("id"));
        String id = n.path("id").asText();
        if (k == Kind.GROUPS && Set.of(Principals.ADMINS, Principals.USERS).contains(n.path("displayName").asText())) {
            throw scim(400, "Cannot delete the built-in group " + n.path("displayName").asText() + ".", "mutability");
        }
        if (id.equals(ctx.caller(req).id())) {
            throw scim(400, "Users cannot delete themselves.", "mutability");
        }
        store(k).remove(id);
        ctx.state.groups.values().forEach(g -> removeMember(g, id));
        ctx.state.tokens.values().removeIf(t -> t.ownerId.equals(id));
        String aclKind = k == Kind.USERS ? Caller.USER : k == Kind.GROUPS ? Caller.GROUP : Caller.SERVICE_PRINCIPAL;
        String name = n.path(k.uniqueAttr).asText();
        ctx.state.acls.values().forEach(l -> l.removeIf(e -> e.kind.equals(aclKind) && e.principal.equalsIgnoreCase(name)));
        ctx.state.scopes.values().forEach(s -> s.acls.remove(name));
        return ApiResponse.noContent(204);
    }

    private ApiResponse list(Kind k, ApiRequest req) {
        Predicate<JsonNode> filter = n -> true;
        String f = req.queryParam("filter").orElse("");
        if (!f.isBlank()) {
            try {
                filter = ScimFilter.parse(f);
            } catch (IllegalArgumentException e) {
                throw scim(400, "Invalid filter '" + f + "': " + e.getMessage(), "invalidFilter");
            }
        }
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode n : store(k).values()) {
            ObjectNode r = render(k, n);
            if (filter.test(r) && !ctx.hidden("scim:" + n.path("id").asText())) {
                all.add(r);
            }
        }
        String sortBy = req.queryParam("sortBy").orElse(null);
        if (sortBy != null) {
            Comparator<ObjectNode> c = Comparator.comparing(n -> {
                List<JsonNode> v = ScimFilter.values(n, sortBy);
                return v.isEmpty() ? "" : v.get(0).asText().toLowerCase(Locale.ROOT);
            });
            all.sort("descending".equalsIgnoreCase(req.queryParam("sortOrder").orElse("")) ? c.reversed() : c);
        }
        int start = (int) Math.max(1, req.queryParam("startIndex").map(v -> Ctx.parseLong(v, "startIndex")).orElse(1L));
        int count = (int) Math.min(10_000, Math.max(0, req.queryParam("count").map(v -> Ctx.parseLong(v, "count")).orElse(10_000L)));
        List<ObjectNode> page = all.subList(Math.min(start - 1, all.size()), Math.min(start - 1 + count, all.size()));
        ObjectNode out = Json.object();
        out.putArray("schemas").add(LIST_SCHEMA);
        out.put("totalResults", all.size());
        out.put("startIndex", start);
        out.put("itemsPerPage", page.size());
        if (!page.isEmpty()) {
            ArrayNode arr = out.putArray("Resources");
            page.forEach(n -> arr.add(project(n, req)));
        }
        return ApiResponse.ok(out);
    }

    /** Applies {@code attributes} / {@code excludedAttributes}; {@code id} is always kept. */
    private static ObjectNode project(ObjectNode n, ApiRequest req) {
        String attrs = req.queryParam("attributes").orElse("");
        String excluded = req.queryParam("excludedAttributes").orElse("");
        if (!attrs.isBlank()) {
            Set<String> keep = new LinkedHashSet<>();
            for (String a : attrs.split(",")) {
                keep.add(a.trim().split("\\.")[0].toLowerCase(Locale.ROOT));
            }
            keep.add("id");
            n.retain(fieldNames(n).stream().filter(x -> keep.contains(x.toLowerCase(Locale.ROOT))).toList());
        }
        for (String a : excluded.split(",")) {
            String name = a.trim();
            if (!name.isEmpty() && !name.equalsIgnoreCase("id")) {
                fieldNames(n).stream().filter(x -> x.equalsIgnoreCase(name)).toList().forEach(n::remove);
            }
        }
        return n;
    }

    private static List<String> fieldNames(ObjectNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private ApiResponse me(ApiRequest req) {
        Caller c = ctx.caller(req);
        Kind k = c.isUser() ? Kind.USERS : Kind.SERVICE_PRINCIPALS;
        return ApiResponse.ok(project(render(k, find(k, c.id())), req));
    }
}
