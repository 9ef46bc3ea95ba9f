package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.workspace.Delete;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.IdentitySchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared behaviour of {@code databricks_user} and {@code databricks_service_principal}: SCIM
 * create (adopting an existing principal of the same name only with {@code force}), PATCH updates,
 * batched reads with id filters, and the destroy options (deactivate instead of delete, remove the
 * home and repos folders).
 */
abstract class PrincipalHandler extends BaseHandler implements ResourceUpdater {

    /** A principal as read: SCIM id, name (user name or application id), the rest. */
    protected record Principal(String id, String name, String displayName, String externalId, Boolean active,
            Collection<ComplexValue> entitlements) {
    }

    protected PrincipalHandler(ProviderContext ctx, ResourceSchema schema) {
        super(ctx, schema);
    }

    /** {@code user} or {@code sp}, for consistency keys and messages. */
    protected abstract String kind();

    /** The attribute holding the principal's name ({@code user_name}, {@code application_id}). */
    protected abstract String nameAttribute();

    /** {@code users/<name>} or {@code servicePrincipals/<name>}. */
    protected abstract String aclPrincipal(String name);

    protected abstract Principal get(String id);

    protected abstract Map<String, Principal> list(List<String> ids);

    protected abstract Optional<Principal> byName(Value planned);

    protected abstract String create(Value planned);

    protected abstract void patch(String id, List<Patch> ops);

    protected abstract void remove(String id);

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        if (objects.size() < 2) {
            return super.readBatch(objects, d);
        }
        List<String> ids = new ArrayList<>();
        objects.forEach(o -> ids.add(o.id()));
        Map<String, Principal> found = list(ids);
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            Principal p = found.get(o.id());
            if (p == null && c.recentlyCreated(kind() + ":" + o.id())) {
                p = c.consistent(kind() + ":" + o.id(), () -> get(o.id()));
            }
            out.put(o, p == null ? null : state(p));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        return state(c.consistent(kind() + ":" + id, () -> get(id)));
    }

    @Override
    protected Found adopt(ReadObject o) {
        return byName(o.prior()).map(p -> new Found(p.id(), state(p))).orElse(null);
    }

    protected Value state(Principal p) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (String a : block().attributes().keySet()) {
            m.put(a, Value.nullOf(block().attributes().get(a).type()));
        }
        m.put("id", Value.string(p.id()));
        m.put(nameAttribute(), Values.string(p.name()));
        m.put("display_name", Values.string(p.displayName()));
        m.put("external_id", Values.string(p.externalId()));
        m.put("active", Value.bool(p.active() == null || p.active()));
        m.put("home", Value.string("/Users/" + p.name()));
        m.put("repos", Value.string("/Repos/" + p.name()));
        m.put("acl_principal_id", Value.string(aclPrincipal(p.name())));
        return Scim.withEntitlements(Value.object(m), p.entitlements());
    }

    @Override
    protected List<String> localAttributes() {
        return List.of("force", "disable_as_user_deletion", "force_delete_repos", "force_delete_home_dir");
    }

    @Override
    protected void customize(Planning p) {
        Scim.defaultEntitlements(p);
        if (!p.configured("active")) {
            p.set("active", Value.TRUE);
        }
        String name = p.str(nameAttribute());
        if (name != null) {
            p.set("home", Value.string("/Users/" + name));
            p.set("repos", Value.string("/Repos/" + name));
            p.set("acl_principal_id", Value.string(aclPrincipal(name)));
        } else if (p.creating()) {
            for (String a : List.of("home", "repos", "acl_principal_id")) {
                p.unknown(a, Type.STRING);
            }
        }
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String id;
        try {
            id = CreateGuard.create(c, r.address().toString(), scrubber(r), () -> create(r.planned()),
                    () -> byName(r.planned()).map(Principal::id));
        } catch (RuntimeException e) {
            if (!Errors.isAlreadyExists(e) || !Values.bool(r.planned(), "force", false)) {
                throw e;
            }
            id = byName(r.planned()).map(Principal::id).orElseThrow(() -> e);
            patch(id, ops(r.planned()));
        }
        c.created(kind() + ":" + id);
        return ApplyResponse.ok(id, finish(readOne(id, r.planned()), r.planned()));
    }

    private List<Patch> ops(Value planned) {
        List<Patch> ops = new ArrayList<>();
        if (Values.str(planned, "display_name") != null) {
            ops.add(Scim.replace("displayName", Values.str(planned, "display_name")));
        }
        ops.add(Scim.replace("active", Values.bool(planned, "active", true)));
        if (Values.str(planned, "external_id") != null) {
            ops.add(Scim.replace("externalId", Values.str(planned, "external_id")));
        }
        ops.add(Scim.replace("entitlements", Scim.entitlements(planned)));
        return ops;
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            c.consistentWrite(kind() + ":" + r.id(), () -> {
                patch(r.id(), ops(r.planned()));
                return null;
            });
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        Value prior = r.prior();
        String name = Values.str(prior, nameAttribute());
        if (Values.bool(prior, "disable_as_user_deletion", false)) {
            patch(r.id(), List.of(Scim.replace("active", false)));
        } else {
            remove(r.id());
        }
        c.deleted(kind() + ":" + r.id());
        if (name != null && Values.bool(prior, "force_delete_home_dir", false)) {
            deleteFolder("/Users/" + name);
        }
        if (name != null && Values.bool(prior, "force_delete_repos", false)) {
            deleteFolder("/Repos/" + name);
        }
    }

    private void deleteFolder(String path) {
        try {
            c.workspace.delete(new Delete().setPath(path).setRecursive(true));
        } catch (RuntimeException e) {
            if (!Errors.isNotFound(e)) {
                throw e;
            }
        }
    }
}
