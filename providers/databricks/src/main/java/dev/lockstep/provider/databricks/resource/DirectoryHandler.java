package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.WorkspaceSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code databricks_directory}: {@code mkdirs}, {@code get-status}, delete (recursive only when asked). */
public final class DirectoryHandler extends BaseHandler implements ResourceUpdater {

    public DirectoryHandler(ProviderContext ctx) {
        super(ctx, WorkspaceSchemas.DIRECTORY);
    }

    @Override
    protected Value readOne(String path, Value prior) {
        ObjectInfo info = c.consistent("path:" + path, () -> c.workspace.getStatus(path));
        if (info.getObjectType() != ObjectType.DIRECTORY) {
            return null;
        }
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(path));
        m.put("path", Value.string(path));
        m.put("delete_recursive", Value.nullOf(dev.lockstep.api.value.Type.BOOL));
        m.put("object_id", Values.number(info.getObjectId()));
        m.put("workspace_path", Value.string("/Workspace" + path));
        return Value.object(m);
    }

    @Override
    protected Found adopt(ReadObject o) {
        String path = Values.str(o.prior(), "path");
        if (path == null) {
            return null;
        }
        try {
            Value v = readOne(path, o.prior());
            return v == null ? null : new Found(path, v);
        } catch (RuntimeException e) {
            if (dev.lockstep.provider.databricks.client.Errors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected List<String> localAttributes() {
        return List.of("delete_recursive");
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String path = Values.str(r.planned(), "path");
        c.workspace.mkdirs(path);
        c.created("path:" + path);
        return ApplyResponse.ok(path, finish(readOne(path, r.planned()), r.planned()));
    }

    /** Only {@code delete_recursive} can change in place; it is lockstep's own setting. */
    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned())));
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        boolean recursive = Values.bool(r.prior(), "delete_recursive", false);
        c.workspace.delete(new Delete().setPath(r.id()).setRecursive(recursive));
        c.deleted("path:" + r.id());
    }
}
