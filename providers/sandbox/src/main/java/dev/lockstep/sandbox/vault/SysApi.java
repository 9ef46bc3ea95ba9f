package dev.lockstep.sandbox.vault;

import static dev.lockstep.sandbox.vault.VaultErrors.badRequest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import dev.lockstep.sandbox.vault.VaultState.Mount;

/**
 * {@code sys/}: the mount table ({@code GET sys/mounts}, enabling and disabling KV version 2
 * mounts), {@code sys/internal/ui/mounts/<path>} (what the {@code vault kv} CLI asks to find a
 * path's mount and KV version) and {@code sys/health} (open).
 */
final class SysApi {
    private final VaultCtx ctx;

    SysApi(VaultCtx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("GET", "/v1/sys/mounts", this::mounts);
        r.add("POST", "/v1/sys/mounts/{path+}", this::enable);
        r.add("PUT", "/v1/sys/mounts/{path+}", this::enable);
        r.add("DELETE", "/v1/sys/mounts/{path+}", this::disable);
        r.add("GET", "/v1/sys/internal/ui/mounts/{path+}", this::uiMount);
        r.add("GET", "/v1/sys/health", req -> ApiResponse.ok(health()), true);
    }

    private ObjectNode health() {
        ObjectNode o = Json.object();
        o.put("initialized", true);
        o.put("sealed", false);
        o.put("standby", false);
        o.put("performance_standby", false);
        o.put("replication_performance_mode", "disabled");
        o.put("replication_dr_mode", "disabled");
        o.put("server_time_utc", ctx.now().getEpochSecond());
        o.put("version", "1.15.0+sandbox");
        o.put("cluster_name", "lockstep-sandbox");
        return o;
    }

    private ObjectNode kvEntry(Mount m) {
        ObjectNode o = Json.object();
        o.put("accessor", m.accessor);
        ObjectNode config = o.putObject("config");
        config.put("default_lease_ttl", 0);
        config.put("force_no_cache", false);
        config.put("max_lease_ttl", 0);
        o.put("description", m.description);
        o.put("external_entropy_access", false);
        o.put("local", false);
        o.putObject("options").put("version", "2");
        o.put("plugin_version", "");
        o.put("running_plugin_version", "v0.16.1+builtin");
        o.put("running_sha256", "");
        o.put("seal_wrap", false);
        o.put("type", "kv");
        o.put("uuid", m.uuid);
        return o;
    }

    private static ObjectNode builtin(String type, String description, String accessor) {
        ObjectNode o = Json.object();
        o.put("accessor", accessor);
        ObjectNode config = o.putObject("config");
        config.put("default_lease_ttl", 0);
        config.put("force_no_cache", false);
        config.put("max_lease_ttl", 0);
        o.put("description", description);
        o.put("external_entropy_access", false);
        o.put("local", type.equals("cubbyhole"));
        o.putNull("options");
        o.put("plugin_version", "");
        o.put("running_plugin_version", "v1.15.0+builtin.vault");
        o.put("seal_wrap", type.equals("system"));
        o.put("type", type);
        o.put("uuid", java.util.UUID.nameUUIDFromBytes(accessor.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        return o;
    }

    private ApiResponse mounts(ApiRequest req) {
        ObjectNode data = Json.object();
        data.set("cubbyhole/", builtin("cubbyhole", "per-token private secret storage", "cubbyhole_sandbox"));
        data.set("identity/", builtin("identity", "identity store", "identity_sandbox"));
        ctx.state.mounts.forEach((path, m) -> data.set(path, kvEntry(m)));
        data.set("sys/", builtin("system", "system endpoints used for control, policy and debugging", "system_sandbox"));
        // Vault answers the mounts both at the top level (legacy) and under "data".
        ObjectNode envelope = ctx.envelope(data);
        ObjectNode out = data.deepCopy();
        out.setAll(envelope);
        return ApiResponse.ok(out);
    }

    private ApiResponse enable(ApiRequest req) {
        String path = VaultEmulator.normalizeMount(req.pathParam("path"));
        ObjectNode body = VaultCtx.body(req);
        String type = body.path("type").asText("");
        String version = body.path("options").path("version").asText(type.equals("kv-v2") ? "2" : "1");
        if (!type.equals("kv") && !type.equals("kv-v2")) {
            throw badRequest("the lockstep sandbox emulates only KV version 2 secrets engines, not \"" + type + "\"");
        }
        if (!version.equals("2")) {
            throw badRequest("the lockstep sandbox emulates only KV version 2 (options.version \"2\")");
        }
        for (String existing : ctx.state.mounts.keySet()) {
            if (existing.startsWith(path) || path.startsWith(existing)) {
                throw badRequest("path is already in use at " + existing);
            }
        }
        if (path.startsWith("sys/") || path.startsWith("auth/") || path.startsWith("cubbyhole/")
                || path.startsWith("identity/")) {
            throw badRequest("cannot mount under reserved path " + path);
        }
        Mount m = newMount();
        m.description = body.path("description").asText("");
        ctx.state.mounts.put(path, m);
        return ApiResponse.noContent(204);
    }

    Mount newMount() {
        Mount m = new Mount();
        m.accessor = "kv_" + ctx.randomString(8).toLowerCase(java.util.Locale.ROOT);
        m.uuid = ctx.uuid();
        return m;
    }

    private ApiResponse disable(ApiRequest req) {
        ctx.state.mounts.remove(VaultEmulator.normalizeMount(req.pathParam("path")));
        return ApiResponse.noContent(204);
    }

    private ApiResponse uiMount(ApiRequest req) {
        String path = req.pathParam("path");
        VaultCtx.KvPath p = ctx.resolve(path).orElseThrow(
                () -> badRequest("preflight capability check returned 403, please ensure client's policies grant access to path \""
                        + path + "/\""));
        ObjectNode d = kvEntry(p.mount());
        d.put("path", p.mountPath());
        return ApiResponse.ok(ctx.envelope(d));
    }
}
