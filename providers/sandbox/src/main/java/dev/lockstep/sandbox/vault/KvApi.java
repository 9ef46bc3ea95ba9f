package dev.lockstep.sandbox.vault;

import static dev.lockstep.sandbox.vault.VaultErrors.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.vault.VaultCtx.KvPath;
import dev.lockstep.sandbox.vault.VaultState.Secret;
import dev.lockstep.sandbox.vault.VaultState.Version;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The KV version 2 secrets engine on every mount: {@code data/} (read, versioned read, write with
 * check-and-set, JSON merge patch, soft delete of the latest version), {@code metadata/} (read,
 * write, delete, list), and {@code delete/}, {@code undelete/}, {@code destroy/} of versions.
 */
final class KvApi {
    private static final int DEFAULT_MAX_VERSIONS = 10;

    private final VaultCtx ctx;

    KvApi(VaultCtx ctx) {
        this.ctx = ctx;
    }

    /** True for LIST and for GET with {@code list=true}, which Vault treats alike. */
    static boolean isList(ApiRequest req) {
        return req.method().equals("LIST")
                || req.method().equals("GET") && req.queryParam("list").map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    /** Handles any request below {@code /v1/} that no fixed route took. */
    ApiResponse handle(ApiRequest req) {
        String path = req.pathParam("path");
        KvPath p = ctx.resolve(path).orElseThrow(() -> VaultErrors.noHandler(path));
        boolean list = isList(req);
        String m = req.method();
        if (p.secretPath().isEmpty() && !(list && p.op().equals("metadata"))) {
            throw VaultErrors.unsupportedOperation();
        }
        return switch (p.op()) {
            case "data" -> switch (m) {
                case "GET" -> read(req, p);
                case "POST", "PUT" -> write(req, p);
                case "PATCH" -> patch(req, p);
                case "DELETE" -> deleteLatest(p);
                default -> throw VaultErrors.unsupportedOperation();
            };
            case "metadata" -> {
                if (list) {
                    yield list(p);
                }
                yield switch (m) {
                    case "GET" -> readMetadata(p);
                    case "POST", "PUT", "PATCH" -> writeMetadata(req, p);
                    case "DELETE" -> deleteMetadata(p);
                    default -> throw VaultErrors.unsupportedOperation();
                };
            }
            case "delete", "undelete", "destroy" -> {
                if (!m.equals("POST") && !m.equals("PUT")) {
                    throw VaultErrors.unsupportedOperation();
                }
                yield versions(req, p);
            }
            default -> throw VaultErrors.noHandler(path);
        };
    }

    private ApiResponse read(ApiRequest req, KvPath p) {
        Secret s = p.mount().secrets.get(p.secretPath());
        if (s == null || s.currentVersion == 0) {
            throw VaultErrors.notFound();
        }
        int n = s.currentVersion;
        String v = req.queryParam("version").orElse("0");
        try {
            int asked = Integer.parseInt(v);
            if (asked > 0) {
                n = asked;
            }
        } catch (NumberFormatException e) {
            throw badRequest("invalid version: " + v);
        }
        Version version = s.versions.get(n);
        if (version == null) {
            throw VaultErrors.notFound();
        }
        ObjectNode data = Json.object();
        ObjectNode metadata = versionMetadata(s, n, version);
        if (version.destroyed || !version.deletionTime.isEmpty()) {
            // Vault answers a deleted or destroyed version with 404 and its metadata.
            data.putNull("data");
            data.set("metadata", metadata);
            return ApiResponse.json(404, ctx.envelope(data));
        }
        data.set("data", version.data.deepCopy());
        data.set("metadata", metadata);
        return ApiResponse.ok(ctx.envelope(data));
    }

    private ApiResponse write(ApiRequest req, KvPath p) {
        ObjectNode body = VaultCtx.body(req);
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw badRequest("no data provided");
        }
        if (!data.isObject()) {
            throw badRequest("data must be a JSON object");
        }
        Secret s = p.mount().secrets.get(p.secretPath());
        checkCas(body.path("options"), s, p);
        return ApiResponse.ok(ctx.envelope(store(p, s, (ObjectNode) data.deepCopy())));
    }

    private ApiResponse patch(ApiRequest req, KvPath p) {
        String type = req.header("Content-Type").orElse("");
        if (!type.startsWith("application/merge-patch+json")) {
            throw VaultErrors.error(415, "PATCH requires Content-Type application/merge-patch+json");
        }
        ObjectNode body = VaultCtx.body(req);
        JsonNode patch = body.get("data");
        if (patch == null || !patch.isObject()) {
            throw badRequest("no data provided");
        }
        Secret s = p.mount().secrets.get(p.secretPath());
        Version current = s == null ? null : s.versions.get(s.currentVersion);
        if (current == null || current.destroyed || !current.deletionTime.isEmpty()) {
            throw VaultErrors.notFound();
        }
        checkCas(body.path("options"), s, p);
        ObjectNode merged = current.data.deepCopy();
        mergePatch(merged, (ObjectNode) patch);
        return ApiResponse.ok(ctx.envelope(store(p, s, merged)));
    }

    /** RFC 7386: null removes a key, objects merge recursively, anything else replaces. */
    private static void mergePatch(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                target.remove(e.getKey());
            } else if (v.isObject() && target.path(e.getKey()).isObject()) {
                mergePatch((ObjectNode) target.get(e.getKey()), (ObjectNode) v);
            } else {
                target.set(e.getKey(), v.deepCopy());
            }
        }
    }

    private void checkCas(JsonNode options, Secret s, KvPath p) {
        JsonNode cas = options.get("cas");
        int current = s == null ? 0 : s.currentVersion;
        if (cas == null || cas.isNull()) {
            if (p.mount().casRequired || s != null && s.casRequired) {
                throw badRequest(VaultErrors.CAS_REQUIRED);
            }
            return;
        }
        if (!cas.canConvertToInt() || cas.asInt(-1) != current) {
            throw badRequest(VaultErrors.CAS_MISMATCH);
        }
    }

    private ObjectNode store(KvPath p, Secret existing, ObjectNode data) {
        String now = ctx.timestamp();
        Secret s = existing;
        if (s == null) {
            s = new Secret();
            s.createdTime = now;
            p.mount().secrets.put(p.secretPath(), s);
        }
        Version v = new Version();
        v.data = data;
        v.createdTime = now;
        s.currentVersion++;
        s.versions.put(s.currentVersion, v);
        s.updatedTime = now;
        int max = maxVersions(p, s);
        while (s.versions.size() > max) {
            s.versions.pollFirstEntry();
        }
        s.oldestVersion = s.versions.firstKey();
        return versionMetadata(s, s.currentVersion, v);
    }

    private static int maxVersions(KvPath p, Secret s) {
        if (s.maxVersions > 0) {
            return s.maxVersions;
        }
        return p.mount().maxVersions > 0 ? p.mount().maxVersions : DEFAULT_MAX_VERSIONS;
    }

    private static ObjectNode versionMetadata(Secret s, int n, Version v) {
        ObjectNode m = Json.object();
        m.put("created_time", v.createdTime);
        setCustomMetadata(m, s);
        m.put("deletion_time", v.deletionTime);
        m.put("destroyed", v.destroyed);
        m.put("version", n);
        return m;
    }

    private static void setCustomMetadata(ObjectNode m, Secret s) {
        if (s.customMetadata == null || s.customMetadata.isEmpty()) {
            m.putNull("custom_metadata");
        } else {
            m.set("custom_metadata", Json.MAPPER.valueToTree(s.customMetadata));
        }
    }

    private ApiResponse deleteLatest(KvPath p) {
        Secret s = p.mount().secrets.get(p.secretPath());
        if (s != null) {
            Version v = s.versions.get(s.currentVersion);
            if (v != null && !v.destroyed && v.deletionTime.isEmpty()) {
                v.deletionTime = ctx.timestamp();
            }
        }
        return ApiResponse.noContent(204);
    }

    private ApiResponse versions(ApiRequest req, KvPath p) {
        JsonNode versions = VaultCtx.body(req).get("versions");
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            throw badRequest("no version number provided");
        }
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode n : versions) {
            if (!n.canConvertToInt() && !n.isTextual()) {
                throw badRequest("invalid version: " + n);
            }
            numbers.add(n.asInt());
        }
        Secret s = p.mount().secrets.get(p.secretPath());
        if (s == null) {
            return ApiResponse.noContent(204);
        }
        for (int n : numbers) {
            Version v = s.versions.get(n);
            if (v == null || v.destroyed) {
                continue;
            }
            switch (p.op()) {
                case "delete" -> {
                    if (v.deletionTime.isEmpty()) {
                        v.deletionTime = ctx.timestamp();
                    }
                }
                case "undelete" -> v.deletionTime = "";
                default -> {
                    v.destroyed = true;
                    v.data = null;
                }
            }
        }
        return ApiResponse.noContent(204);
    }

    private ApiResponse readMetadata(KvPath p) {
        Secret s = p.mount().secrets.get(p.secretPath());
        if (s == null) {
            throw VaultErrors.notFound();
        }
        ObjectNode d = Json.object();
        d.put("cas_required", s.casRequired);
        d.put("created_time", s.createdTime);
        d.put("current_version", s.currentVersion);
        setCustomMetadata(d, s);
        d.put("delete_version_after", "0s");
        d.put("max_versions", s.maxVersions);
        d.put("oldest_version", s.oldestVersion);
        d.put("updated_time", s.updatedTime);
        ObjectNode versions = d.putObject("versions");
        s.versions.forEach((n, v) -> {
            ObjectNode o = versions.putObject(String.valueOf(n));
            o.put("created_time", v.createdTime);
            o.put("deletion_time", v.deletionTime);
            o.put("destroyed", v.destroyed);
        });
        return ApiResponse.ok(ctx.envelope(d));
    }

    private ApiResponse writeMetadata(ApiRequest req, KvPath p) {
        ObjectNode body = VaultCtx.body(req);
        Secret s = p.mount().secrets.get(p.secretPath());
        if (s == null) {
            if (req.method().equals("PATCH")) {
                throw VaultErrors.notFound();
            }
            s = new Secret();
            s.createdTime = ctx.timestamp();
            s.updatedTime = s.createdTime;
            p.mount().secrets.put(p.secretPath(), s);
        }
        if (body.has("max_versions")) {
            int max = body.get("max_versions").asInt(-1);
            if (max < 0) {
                throw badRequest("max_versions must be a non-negative integer");
            }
            s.maxVersions = max;
        }
        if (body.has("cas_required")) {
            s.casRequired = body.get("cas_required").asBoolean();
        }
        if (body.has("custom_metadata")) {
            JsonNode cm = body.get("custom_metadata");
            if (!cm.isObject() && !cm.isNull()) {
                throw badRequest("custom_metadata must be a map of strings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            cm.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            s.customMetadata = map;
        }
        return ApiResponse.noContent(204);
    }

    private ApiResponse deleteMetadata(KvPath p) {
        p.mount().secrets.remove(p.secretPath());
        return ApiResponse.noContent(204);
    }

    private ApiResponse list(KvPath p) {
        String prefix = p.secretPath().isEmpty() ? "" : p.secretPath() + "/";
        TreeSet<String> keys = new TreeSet<>();
        for (String path : p.mount().secrets.tailMap(prefix, true).keySet()) {
            if (!path.startsWith(prefix)) {
                break;
            }
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/');
            keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
        }
        if (keys.isEmpty()) {
            throw VaultErrors.notFound();
        }
        ObjectNode d = Json.object();
        var arr = d.putArray("keys");
        keys.forEach(arr::add);
        return ApiResponse.ok(ctx.envelope(d));
    }

    /** Writes a new version directly (seeding); returns the version number. */
    int seed(KvPath p, ObjectNode data) {
        Secret s = p.mount().secrets.get(p.secretPath());
        return store(p, s, data).get("version").asInt();
    }
}
