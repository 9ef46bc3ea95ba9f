package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.Token;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tokens API ({@code /api/2.0/token/create|list|delete}) and token management for admins
 * ({@code /api/2.0/token-management/tokens}, {@code on-behalf-of/tokens}). A token's value is
 * returned only by create; the emulator keeps its SHA-256 and accepts it as a bearer token until
 * it expires or is revoked. Creating a token needs CAN_USE on {@code /authorization/tokens}.
 */
final class TokensApi {
    private final Ctx ctx;

    TokensApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", "/api/2.0/token/create", this::create);
        r.add("GET", "/api/2.0/token/list", this::list);
        r.add("POST", "/api/2.0/token/delete", this::delete);
        r.add("GET", "/api/2.0/token-management/tokens", this::adminList);
        r.add("GET", "/api/2.0/token-management/tokens/{id}", this::adminGet);
        r.add("DELETE", "/api/2.0/token-management/tokens/{id}", this::adminDelete);
        r.add("POST", "/api/2.0/token-management/on-behalf-of/tokens", this::createOnBehalfOf);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The live token with this value, if any. */
    static Optional<Token> lookup(DatabricksState state, String value, long now) {
        String hash = sha256(value);
        return state.tokens.values().stream()
                .filter(t -> t.valueSha256.equals(hash))
                .filter(t -> t.expiryTime < 0 || now < t.expiryTime)
                .findFirst();
    }

    /** Issues a token owned by {@code owner}; returns {@code {token_value, token_info}}. */
    ObjectNode issue(Caller owner, Caller creator, JsonNode body, boolean adminView) {
        long lifetime = body.path("lifetime_seconds").asLong(0);
        Token t = new Token();
        t.tokenId = ctx.randomHex(64);
        String value = "dapi" + ctx.randomHex(32);
        t.valueSha256 = sha256(value);
        t.ownerId = owner.id();
        t.createdById = creator.id();
        t.createdByUsername = creator.name();
        t.comment = Json.text(body, "comment");
        t.creationTime = ctx.now();
        t.expiryTime = lifetime > 0 ? t.creationTime + lifetime * 1000 : -1;
        body.path("scopes").forEach(s -> t.scopes.add(s.asText()));
        ctx.state.tokens.put(t.tokenId, t);
        ObjectNode out = Json.object();
        out.put("token_value", value);
        out.set("token_info", adminView ? adminInfo(t) : publicInfo(t));
        return out;
    }

    private ObjectNode publicInfo(Token t) {
        ObjectNode o = Json.object();
        o.put("token_id", t.tokenId);
        o.put("creation_time", t.creationTime);
        o.put("expiry_time", t.expiryTime);
        if (t.comment != null) {
            o.put("comment", t.comment);
        }
        if (!t.scopes.isEmpty()) {
            ArrayNode s = o.putArray("scopes");
            t.scopes.forEach(s::add);
        }
        return o;
    }

    private ObjectNode adminInfo(Token t) {
        ObjectNode o = publicInfo(t);
        o.put("owner_id", Long.parseLong(t.ownerId));
        o.put("created_by_id", Long.parseLong(t.createdById));
        o.put("created_by_username", t.createdByUsername);
        o.put("workspace_id", Long.parseLong(ctx.config.workspaceId()));
        return o;
    }

    private ApiResponse create(ApiRequest req) {
        Caller caller = ctx.caller(req);
        if (!ctx.acls.can(AclType.TOKENS, "/authorization/tokens", caller, "CAN_USE")) {
            throw Ctx.denied("User " + caller.name() + " does not have permission to use personal access tokens.");
        }
        return ApiResponse.ok(issue(caller, caller, ctx.body(req), false));
    }

    private ApiResponse list(ApiRequest req) {
        String me = ctx.caller(req).id();
        ObjectNode out = Json.object();
        ArrayNode arr = Json.array();
        ctx.state.tokens.values().stream().filter(t -> t.ownerId.equals(me)).forEach(t -> arr.add(publicInfo(t)));
        if (!arr.isEmpty()) {
            out.set("token_infos", arr);
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse delete(ApiRequest req) {
        String id = Ctx.requireText(ctx.body(req), "token_id");
        Token t = ctx.state.tokens.get(id);
        if (t == null || !t.ownerId.equals(ctx.caller(req).id())) {
            throw DatabricksErrors.notFound("Token with ID " + id + " does not exist.");
        }
        ctx.state.tokens.remove(id);
        return ApiResponse.emptyObject();
    }

    private void requireAdmin(ApiRequest req) {
        if (!ctx.isAdmin(req)) {
            throw Ctx.denied("Only Admins can access token management APIs.");
        }
    }

    private ApiResponse adminList(ApiRequest req) {
        requireAdmin(req);
        Optional<String> byId = req.queryParam("created_by_id");
        Optional<String> byName = req.queryParam("created_by_username");
        ObjectNode out = Json.object();
        ArrayNode arr = Json.array();
        for (Token t : ctx.state.tokens.values()) {
            if (byId.map(t.createdById::equals).orElse(true) && byName.map(t.createdByUsername::equalsIgnoreCase).orElse(true)) {
                arr.add(adminInfo(t));
            }
        }
        if (!arr.isEmpty()) {
            out.set("token_infos", arr);
        }
        return ApiResponse.ok(out);
    }

    private Token adminFind(ApiRequest req) {
        requireAdmin(req);
        String id = req.pathParam("id");
        Token t = ctx.state.tokens.get(id);
        if (t == null) {
            throw DatabricksErrors.notFound("Token with ID " + id + " does not exist.");
        }
        return t;
    }

    private ApiResponse adminGet(ApiRequest req) {
        ObjectNode out = Json.object();
        out.set("token_info", adminInfo(adminFind(req)));
        return ApiResponse.ok(out);
    }

    private ApiResponse adminDelete(ApiRequest req) {
        ctx.state.tokens.remove(adminFind(req).tokenId);
        return ApiResponse.emptyObject();
    }

    private ApiResponse createOnBehalfOf(ApiRequest req) {
        requireAdmin(req);
        ObjectNode body = ctx.body(req);
        String appId = Ctx.requireText(body, "application_id");
        ObjectNode sp = ctx.principals.servicePrincipalByAppId(appId)
                .orElseThrow(() -> DatabricksErrors.notFound("Service principal with application ID " + appId + " does not exist."));
        Caller owner = ctx.principals.caller(sp.path("id").asText())
                .orElseThrow(() -> DatabricksErrors.invalid("Service principal " + appId + " is not active."));
        return ApiResponse.ok(issue(owner, ctx.caller(req), body, true));
    }
}
