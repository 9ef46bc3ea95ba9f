package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.alreadyExists;
import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;
import static dev.lockstep.sandbox.databricks.DatabricksErrors.notFound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.AclEntry;
import dev.lockstep.sandbox.databricks.DatabricksState.WorkspaceNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Workspace API 2.0: mkdirs, get-status, import (SOURCE, AUTO, RAW; overwrite), export (SOURCE,
 * AUTO, RAW for notebooks and files), delete (recursive) and list. Objects carry numeric ids used
 * by the notebooks/directories Permissions API; access follows the directory tree.
 */
final class WorkspaceApi {
    private static final String P = "/api/2.0/workspace/";
    static final long OBJECT_ID_BASE = 1_000_000_000_000_000L;
    private static final int MAX_CONTENT = 10 * 1024 * 1024;

    private final Ctx ctx;

    WorkspaceApi(Ctx ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", P + "mkdirs", this::mkdirs);
        r.add("GET", P + "get-status", req -> ApiResponse.ok(info(readable(req, Ctx.requireQuery(req, "path")))));
        r.add("POST", P + "import", this::importObject);
        r.add("GET", P + "export", this::export);
        r.add("POST", P + "delete", this::delete);
        r.add("GET", P + "list", this::list);
    }

    // ---- tree helpers shared with Acls, PermissionsApi and ScimApi ----

    static Optional<WorkspaceNode> byObjectId(DatabricksState state, long id) {
        return state.workspace.values().stream().filter(n -> n.objectId == id).findFirst();
    }

    /** {@code /directories/ID} of every ancestor directory of an object, nearest first. */
    static List<String> ancestorDirectoryIds(DatabricksState state, String objectId) {
        List<String> out = new ArrayList<>();
        long id;
        try {
            id = Long.parseLong(objectId.substring(objectId.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return out;
        }
        Optional<WorkspaceNode> node = byObjectId(state, id);
        String path = node.map(n -> n.path).orElse("/");
        while (!path.equals("/")) {
            path = parent(path);
            WorkspaceNode dir = state.workspace.get(path);
            if (dir != null) {
                out.add("/directories/" + dir.objectId);
            }
        }
        return out;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Creates the root, /Users and /Shared of a new workspace. */
    static void bootstrap(Ctx ctx) {
        if (!ctx.state.workspace.containsKey("/")) {
            WorkspaceNode root = newNode(ctx, "/", "DIRECTORY");
            root.objectId = 0;
            ctx.acls.init("/directories/0", List.of(new AclEntry(Caller.GROUP, Principals.ADMINS, "CAN_MANAGE")));
        }
        if (!ctx.state.workspace.containsKey("/Users")) {
            newNode(ctx, "/Users", "DIRECTORY");
        }
        if (!ctx.state.workspace.containsKey("/Shared")) {
            WorkspaceNode shared = newNode(ctx, "/Shared", "DIRECTORY");
            ctx.acls.init("/directories/" + shared.objectId, List.of(new AclEntry(Caller.GROUP, Principals.USERS, "CAN_MANAGE")));
        }
    }

    /** The home folder of a new user or service principal, which it manages. */
    static void ensureHome(Ctx ctx, String name, String aclKind) {
        String path = "/Users/" + name;
        if (!ctx.state.workspace.containsKey(path)) {
            WorkspaceNode home = newNode(ctx, path, "DIRECTORY");
            ctx.acls.init("/directories/" + home.objectId, List.of(new AclEntry(aclKind, name, "CAN_MANAGE")));
        }
    }

    private static WorkspaceNode newNode(Ctx ctx, String path, String type) {
        WorkspaceNode n = new WorkspaceNode();
        n.path = path;
        n.objectType = type;
        n.objectId = ctx.state.nextId(OBJECT_ID_BASE);
        n.createdAt = ctx.now();
        n.modifiedAt = n.createdAt;
        ctx.state.workspace.put(path, n);
        return n;
    }

    private static String aclObjectId(WorkspaceNode n) {
        return (n.objectType.equals("DIRECTORY") ? "/directories/" : n.objectType.equals("NOTEBOOK") ? "/notebooks/" : "/files/") + n.objectId;
    }

    private boolean can(ApiRequest req, WorkspaceNode n, String level) {
        AclType type = n.objectType.equals("DIRECTORY") ? AclType.DIRECTORIES : AclType.NOTEBOOKS;
        return ctx.acls.can(type, aclObjectId(n), ctx.caller(req), level);
    }

    private void require(ApiRequest req, WorkspaceNode n, String level) {
        if (!can(req, n, level)) {
            throw Ctx.denied("User " + ctx.caller(req).name() + " does not have " + level + " permissions on " + n.path + ".");
        }
    }

    private static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw invalid("Path (" + path + ") is not absolute.");
        }
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private WorkspaceNode existing(String rawPath) {
        String path = normalize(rawPath);
        WorkspaceNode n = ctx.state.workspace.get(path);
        if (n == null || ctx.hidden("ws:" + path)) {
            throw notFound("Path (" + path + ") doesn't exist.");
        }
        return n;
    }

    private WorkspaceNode readable(ApiRequest req, String path) {
        WorkspaceNode n = existing(path);
        require(req, n, "CAN_READ");
        return n;
    }

    private ObjectNode info(WorkspaceNode n) {
        ObjectNode o = Json.object();
        o.put("object_type", n.objectType);
        o.put("path", n.path);
        o.put("object_id", n.objectId);
        o.put("resource_id", String.valueOf(n.objectId));
        if (n.language != null) {
            o.put("language", n.language);
        }
        if (!n.objectType.equals("DIRECTORY")) {
            o.put("created_at", n.createdAt);
            o.put("modified_at", n.modifiedAt);
            o.put("size", n.content == null ? 0 : Base64.getDecoder().decode(n.content).length);
        }
        return o;
    }

    private ApiResponse mkdirs(ApiRequest req) {
        String path = normalize(Ctx.requireText(ctx.body(req), "path"));
        WorkspaceNode at = ctx.state.workspace.get(path);
        if (at != null) {
            if (!at.objectType.equals("DIRECTORY")) {
                throw alreadyExists("Node named '" + path.substring(path.lastIndexOf('/') + 1) + "' already exists");
            }
            return ApiResponse.emptyObject();
        }
        List<String> missing = new ArrayList<>();
        String p = path;
        while (!ctx.state.workspace.containsKey(p)) {
            missing.add(0, p);
            p = parent(p);
        }
        WorkspaceNode base = ctx.state.workspace.get(p);
        if (!base.objectType.equals("DIRECTORY")) {
            throw alreadyExists("Node named '" + base.path.substring(base.path.lastIndexOf('/') + 1) + "' already exists");
        }
        require(req, base, "CAN_EDIT");
        for (String m : missing) {
            newNode(ctx, m, "DIRECTORY");
            ctx.created("ws:" + m);
        }
        return ApiResponse.emptyObject();
    }

    private ApiResponse importObject(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        String path = normalize(Ctx.requireText(body, "path"));
        String format = body.path("format").asText("SOURCE");
        String language = Json.text(body, "language");
        byte[] content;
        try {
            content = Base64.getDecoder().decode(body.path("content").asText(""));
        } catch (IllegalArgumentException e) {
            throw invalid("content must be base64-encoded");
        }
        if (content.length > MAX_CONTENT) {
            throw DatabricksErrors.error(400, "MAX_NOTEBOOK_SIZE_EXCEEDED", "File size imported is larger than 10485760 bytes");
        }
        String type;
        switch (format) {
            case "SOURCE" -> {
                if (language == null) {
                    throw invalid("The language field is required when importing in SOURCE format.");
                }
                type = "NOTEBOOK";
            }
            case "AUTO" -> {
                Notebooks.Detected d = Notebooks.detect(path, content);
                type = d.language() == null ? "FILE" : "NOTEBOOK";
                path = d.path();
                language = d.language();
            }
            case "RAW" -> type = "FILE";
            default -> throw invalid("Import format " + format + " is not supported by this workspace emulator");
        }
        if (language != null && !Notebooks.LANGUAGES.contains(language)) {
            throw invalid("Invalid language: " + language);
        }
        WorkspaceNode parentDir = ctx.state.workspace.get(parent(path));
        if (parentDir == null || !parentDir.objectType.equals("DIRECTORY")) {
            throw notFound("The parent folder (" + parent(path) + ") does not exist.");
        }
        WorkspaceNode n = ctx.state.workspace.get(path);
        if (n != null) {
            if (!body.path("overwrite").asBoolean(false) || n.objectType.equals("DIRECTORY")) {
                throw alreadyExists("Path (" + path + ") already exists.");
            }
            require(req, n, "CAN_EDIT");
        } else {
            require(req, parentDir, "CAN_EDIT");
            n = newNode(ctx, path, type);
            ctx.created("ws:" + path);
        }
        n.objectType = type;
        n.language = type.equals("NOTEBOOK") ? language : null;
        n.content = Base64.getEncoder().encodeToString(type.equals("NOTEBOOK") ? Notebooks.stripHeader(content, language) : content);
        n.modifiedAt = ctx.now();
        return ApiResponse.emptyObject();
    }

    private ApiResponse export(ApiRequest req) {
        WorkspaceNode n = readable(req, Ctx.requireQuery(req, "path"));
        String format = req.queryParam("format").orElse("SOURCE");
        if (n.objectType.equals("DIRECTORY")) {
            throw invalid("Exporting a directory requires the DBC or AUTO format, which this workspace emulator does not produce");
        }
        byte[] content = n.content == null ? new byte[0] : Base64.getDecoder().decode(n.content);
        ObjectNode out = Json.object();
        if (n.objectType.equals("NOTEBOOK")) {
            if (!format.equals("SOURCE") && !format.equals("AUTO")) {
                throw invalid("Export format " + format + " is not supported by this workspace emulator");
            }
            out.put("content", Base64.getEncoder().encodeToString(Notebooks.withHeader(content, n.language)));
            out.put("file_type", Notebooks.extension(n.language));
        } else {
            out.put("content", Base64.getEncoder().encodeToString(content));
            int dot = n.path.lastIndexOf('.');
            if (dot > n.path.lastIndexOf('/')) {
                out.put("file_type", n.path.substring(dot + 1).toLowerCase(Locale.ROOT));
            }
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse delete(ApiRequest req) {
        ObjectNode body = ctx.body(req);
        WorkspaceNode n = existing(Ctx.requireText(body, "path"));
        if (n.path.equals("/")) {
            throw invalid("The root folder cannot be deleted.");
        }
        require(req, n, "CAN_MANAGE");
        List<WorkspaceNode> below = new ArrayList<>(ctx.state.workspace.subMap(n.path + "/", n.path + "/\uffff").values());
        if (!below.isEmpty() && !body.path("recursive").asBoolean(false)) {
            throw DatabricksErrors.error(400, "DIRECTORY_NOT_EMPTY", "Folder (" + n.path + ") is not empty");
        }
        below.add(n);
        for (WorkspaceNode x : below) {
            ctx.state.workspace.remove(x.path);
            ctx.acls.remove(aclObjectId(x));
        }
        return ApiResponse.emptyObject();
    }

    private ApiResponse list(ApiRequest req) {
        WorkspaceNode n = readable(req, Ctx.requireQuery(req, "path"));
        ObjectNode out = Json.object();
        ArrayNode arr = Json.array();
        if (!n.objectType.equals("DIRECTORY")) {
            arr.add(info(n));
        } else {
            String prefix = n.path.equals("/") ? "/" : n.path + "/";
            for (WorkspaceNode c : ctx.state.workspace.subMap(prefix, prefix + "\uffff").values()) {
                if (!c.path.equals("/") && parent(c.path).equals(n.path) && can(req, c, "CAN_READ")) {
                    arr.add(info(c));
                }
            }
        }
        if (!arr.isEmpty()) {
            out.set("objects", arr);
        }
        return ApiResponse.ok(out);
    }
}
