package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.IdentitySchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code databricks_group_member}: one membership, id {@code <group_id>|<member_id>}, added and
 * removed with SCIM PatchOp; a batch reads the groups' members with filtered SCIM lists (50 groups a
 * request), a single membership or a group created moments ago with a GET of the group.
 */
public final class GroupMemberHandler extends BaseHandler {

    public GroupMemberHandler(ProviderContext ctx) {
        super(ctx, IdentitySchemas.GROUP_MEMBER);
    }

    private static String[] split(String id) {
        int bar = id.indexOf('|');
        if (bar <= 0 || bar == id.length() - 1) {
            throw new IllegalArgumentException("a group member id is <group_id>|<member_id>, not \"" + id + "\"");
        }
        return new String[] {id.substring(0, bar), id.substring(bar + 1)};
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        Map<String, List<ReadObject>> byGroup = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            byGroup.computeIfAbsent(split(o.id())[0], k -> new ArrayList<>()).add(o);
        }
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>(byGroup.keySet());
        Map<String, Group> listed = Map.of();
        if (groups.size() > 1) {
            // SCIM list with id filters, 50 groups a request, instead of one GET per group
            try {
                listed = Scim.byIds(groups, f -> Scim.pages(start -> {
                    var r = c.groups.impl().list(new ListGroupsRequest().setFilter(f).setStartIndex(start)
                            .setAttributes("id,members"));
                    return new Scim.Page<>(r.getResources(), r.getTotalResults());
                }), Group::getId);
            } catch (RuntimeException e) {
                d.add(Errors.readDiagnostic("Failed to read groups", "Listing the members of " + groups.size()
                        + " groups", e, c.scrubber()));
                return out;
            }
        }
        List<String> single = new ArrayList<>();
        for (String g : groups) {
            Group found = listed.get(g);
            if (found != null) {
                for (ReadObject o : byGroup.get(g)) {
                    out.put(o, state(found, split(o.id())[1]));
                }
            } else if (groups.size() > 1 && !c.recentlyCreated("group:" + g)) {
                byGroup.get(g).forEach(o -> out.put(o, null));
            } else {
                single.add(g);
            }
        }
        for (var r : ctx.parallel(single, g -> c.consistent("group:" + g, () -> c.groups.get(g)))) {
            List<ReadObject> members = byGroup.get(r.input());
            if (r.error() != null && !Errors.isNotFound(r.error())) {
                d.add(Errors.readDiagnostic("Failed to read group " + r.input(), "Reading the members of " + r.input(),
                        r.error(), c.scrubber()));
                continue;
            }
            for (ReadObject o : members) {
                out.put(o, r.error() != null ? null : state(r.result(), split(o.id())[1]));
            }
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        String[] gm = split(id);
        return state(c.consistent("group:" + gm[0], () -> c.groups.get(gm[0])), gm[1]);
    }

    private static Value state(Group g, String member) {
        if (g.getMembers() == null || g.getMembers().stream().noneMatch(m -> member.equals(m.getValue()))) {
            return null;
        }
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(g.getId() + "|" + member));
        m.put("group_id", Value.string(g.getId()));
        m.put("member_id", Value.string(member));
        return Value.object(m);
    }

    @Override
    protected Found adopt(ReadObject o) {
        String g = Values.str(o.prior(), "group_id");
        String m = Values.str(o.prior(), "member_id");
        if (g == null || m == null) {
            return null;
        }
        try {
            Value v = readOne(g + "|" + m, o.prior());
            return v == null ? null : new Found(g + "|" + m, v);
        } catch (RuntimeException e) {
            if (Errors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String g = Values.str(r.planned(), "group_id");
        String m = Values.str(r.planned(), "member_id");
        c.consistentWrite("group:" + g, () -> {
            c.groups.patch(Scim.patch(g, List.of(new Patch().setOp(PatchOp.ADD).setPath("members")
                    .setValue(List.of(new ComplexValue().setValue(m))))));
            return null;
        });
        String id = g + "|" + m;
        Value v = c.untilVisible(id, () -> {
            Value s = readOne(id, r.planned());
            if (s == null) {
                throw new dev.lockstep.provider.databricks.client.NotVisible("member " + m + " of group " + g);
            }
            return s;
        });
        return ApplyResponse.ok(id, finish(v, r.planned()));
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        String[] gm = split(r.id());
        c.groups.patch(Scim.patch(gm[0], List.of(new Patch().setOp(PatchOp.REMOVE)
                .setPath("members[value eq \"" + gm[1] + "\"]"))));
    }
}
