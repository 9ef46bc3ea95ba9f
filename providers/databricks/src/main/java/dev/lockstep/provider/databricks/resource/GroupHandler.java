package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.Patch;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.IdentitySchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks_group}: SCIM create (adopting a same-named group only with {@code force}),
 * PATCH updates that never touch the membership, and batched reads with id filters.
 */
public final class GroupHandler extends BaseHandler implements ResourceUpdater {

    public GroupHandler(ProviderContext ctx) {
        super(ctx, IdentitySchemas.GROUP);
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        if (objects.size() < 2) {
            return super.readBatch(objects, d);
        }
        List<String> ids = new ArrayList<>();
        objects.forEach(o -> ids.add(o.id()));
        Map<String, Group> found = Scim.byIds(ids, f -> Scim.pages(start -> {
            var r = c.groups.impl().list(new ListGroupsRequest().setFilter(f).setStartIndex(start)
                    .setAttributes("id,displayName,externalId,entitlements"));
            return new Scim.Page<>(r.getResources(), r.getTotalResults());
        }), Group::getId);
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            Group g = found.get(o.id());
            if (g == null && c.recentlyCreated("group:" + o.id())) {
                g = c.consistent("group:" + o.id(), () -> c.groups.get(o.id()));
            }
            out.put(o, g == null ? null : state(g));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        return state(c.consistent("group:" + id, () -> c.groups.get(id)));
    }

    @Override
    protected Found adopt(ReadObject o) {
        String name = Values.str(o.prior(), "display_name");
        return name == null ? null : byName(name).map(g -> new Found(g.getId(), state(g))).orElse(null);
    }

    Optional<Group> byName(String name) {
        for (Group g : c.groups.list(new ListGroupsRequest().setFilter("displayName eq " + Scim.quote(name)))) {
            return Optional.of(g);
        }
        return Optional.empty();
    }

    private Value state(Group g) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(g.getId()));
        m.put("display_name", Values.string(g.getDisplayName()));
        m.put("external_id", Values.string(g.getExternalId()));
        m.put("force", Value.nullOf(dev.lockstep.api.value.Type.BOOL));
        m.put("url", Value.string(c.settings().host() + "/#setting/accounts/groups/" + g.getId()));
        m.put("acl_principal_id", Value.string("groups/" + g.getDisplayName()));
        for (String e : IdentitySchemas.ENTITLEMENTS) {
            m.put(e, Value.FALSE);
        }
        return Scim.withEntitlements(Value.object(m), g.getEntitlements());
    }

    @Override
    protected List<String> localAttributes() {
        return List.of("force");
    }

    @Override
    protected void customize(Planning p) {
        Scim.defaultEntitlements(p);
        if (p.creating() && p.get("display_name").isKnown()) {
            p.set("acl_principal_id", Value.string("groups/" + p.str("display_name")));
        } else if (p.changed("display_name")) {
            p.unknown("acl_principal_id", dev.lockstep.api.value.Type.STRING);
        }
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String name = Values.str(r.planned(), "display_name");
        Group g = new Group().setDisplayName(name).setExternalId(Values.str(r.planned(), "external_id"))
                .setEntitlements(Scim.entitlements(r.planned()));
        String id;
        try {
            id = CreateGuard.create(c, r.address().toString(), scrubber(r), () -> c.groups.create(g).getId(),
                    () -> byName(name).map(Group::getId));
        } catch (RuntimeException e) {
            if (!Errors.isAlreadyExists(e) || !Values.bool(r.planned(), "force", false)) {
                throw e;
            }
            id = byName(name).map(Group::getId).orElseThrow(() -> e);
            c.groups.patch(Scim.patch(id, List.of(Scim.replace("entitlements", Scim.entitlements(r.planned())))));
        }
        c.created("group:" + id);
        return ApplyResponse.ok(id, finish(readOne(id, r.planned()), r.planned()));
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            List<Patch> ops = new ArrayList<>();
            ops.add(Scim.replace("displayName", Values.str(r.planned(), "display_name")));
            ops.add(Scim.replace("entitlements", Scim.entitlements(r.planned())));
            c.consistentWrite("group:" + r.id(), () -> {
                c.groups.patch(Scim.patch(r.id(), ops));
                return null;
            });
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.groups.delete(r.id());
        c.deleted("group:" + r.id());
    }
}
