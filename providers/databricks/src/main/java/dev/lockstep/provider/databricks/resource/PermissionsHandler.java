package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.workspace.ObjectInfo;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.acl.AclChange;
import dev.lockstep.provider.databricks.acl.AclEntry;
import dev.lockstep.provider.databricks.acl.AclTarget;
import dev.lockstep.provider.databricks.acl.ObjectAcl;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.client.Identity;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.WorkspaceSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code databricks_permissions} with two ownership modes (ADR 0004). Authoritative (default): the
 * direct ACL becomes exactly the declared entries, every other grant shows in the diff and the
 * plan's notes as a revocation. Additive: only the declared entries are written (PATCH) and only
 * entries lockstep declared before are removed. The {@code admins} group's rights and a job's
 * owner (when none is declared) are forced by the API and never diffed. A plan that would take
 * away the calling identity's own right to manage the ACL is refused unless {@code allow_lockout}.
 */
public final class PermissionsHandler extends BaseHandler implements ResourceUpdater {

    static final String AUTHORITATIVE = "authoritative";
    static final String ADDITIVE = "additive";

    /** Live ACLs seen by reads and plans, by ACL id (plans use them for notes and the lockout check). */
    private final Map<String, ObjectAcl> live = new ConcurrentHashMap<>();
    private final Map<String, String> pathIds = new ConcurrentHashMap<>();
    /** The entries each ACL's recorded state declares, as the last refresh was given them. */
    private final Map<String, List<AclEntry>> recorded = new ConcurrentHashMap<>();

    public PermissionsHandler(ProviderContext ctx) {
        super(ctx, WorkspaceSchemas.PERMISSIONS);
    }

    /**
     * The entries the recorded state of an ACL declares (from the last read of it), or null when
     * it has not been read in this process. The unmanaged-access finder prefers these to the values
     * it is given, which may be refreshed ones (holding foreign grants too).
     */
    public List<AclEntry> recordedEntries(String aclId) {
        return recorded.get(aclId);
    }

    // ------------------------------------------------------------------ target

    /**
     * The object named by the target attributes of {@code v}, or null when it is not known yet
     * (an id known only after apply, or a path that does not exist yet).
     */
    AclTarget target(Value v) {
        return target(v, false);
    }

    /** As {@link #target(Value)}; {@code fresh} resolves paths again instead of using what plans cached. */
    private AclTarget target(Value v, boolean fresh) {
        for (String attr : WorkspaceSchemas.PERMISSION_TARGETS) {
            if (Values.unknown(v, attr)) {
                return null;
            }
            String s = Values.str(v, attr);
            if (s == null) {
                continue;
            }
            return switch (attr) {
                case "cluster_id" -> new AclTarget("clusters", s);
                case "cluster_policy_id" -> new AclTarget("cluster-policies", s);
                case "instance_pool_id" -> new AclTarget("instance-pools", s);
                case "job_id" -> new AclTarget("jobs", s);
                case "notebook_id" -> new AclTarget("notebooks", s);
                case "directory_id" -> new AclTarget("directories", s);
                case "authorization" -> new AclTarget("authorization", s);
                case "notebook_path" -> byPath("notebooks", s, fresh);
                case "directory_path" -> byPath("directories", s, fresh);
                default -> throw new IllegalStateException(attr);
            };
        }
        return null;
    }

    private AclTarget byPath(String type, String path, boolean fresh) {
        String id = fresh ? null : pathIds.get(path);
        if (id == null) {
            try {
                ObjectInfo info = c.consistent("path:" + path, () -> c.workspace.getStatus(path));
                id = String.valueOf(info.getObjectId());
                pathIds.put(path, id);
            } catch (RuntimeException e) {
                if (Errors.isNotFound(e)) {
                    return null;
                }
                throw e;
            }
        }
        return new AclTarget(type, id);
    }

    /** The type the configuration's target attribute implies (for level validation), or null. */
    private static String typeOf(Value v) {
        for (String attr : WorkspaceSchemas.PERMISSION_TARGETS) {
            Value x = v.get(attr);
            if (x != null && !x.isNull()) {
                return switch (attr) {
                    case "notebook_path" -> "notebooks";
                    case "directory_path" -> "directories";
                    default -> AclTarget.ID_ATTRIBUTE.entrySet().stream().filter(e -> e.getValue().equals(attr))
                            .findFirst().orElseThrow().getKey();
                };
            }
        }
        return null;
    }

    private ObjectAcl fetch(AclTarget t) {
        ObjectAcl acl = ObjectAcl.of(t, c.consistent(t.consistencyKey(), () -> c.permissions.get(t.type(),
                t.objectId())));
        live.put(t.id(), acl);
        return acl;
    }

    // ------------------------------------------------------------------ read

    @Override
    protected Value readOne(String id, Value prior) {
        AclTarget t = AclTarget.parse(id);
        ObjectAcl acl = fetch(t);
        boolean additive = ADDITIVE.equals(Values.str(prior, "mode"));
        List<AclEntry> declaredBefore = AclEntry.of(Values.elements(prior, "access_control"));
        if (prior != null && prior.isKnown() && !prior.isNull()) {
            recorded.put(t.id(), declaredBefore);
        }
        boolean ownerDeclared = declaredBefore.stream().anyMatch(e -> e.level().equals("IS_OWNER"));
        List<AclEntry> shown = new ArrayList<>();
        for (AclEntry e : acl.direct()) {
            if (ObjectAcl.forced(e) || e.level().equals("IS_OWNER") && !ownerDeclared) {
                continue;
            }
            if (additive && declaredBefore.stream().noneMatch(d -> d.samePrincipal(e))) {
                continue;
            }
            shown.add(e);
        }
        if (shown.isEmpty()) {
            // nothing lockstep would manage is left: the resource is gone (as in the Terraform provider)
            return null;
        }
        Map<String, Value> m = new LinkedHashMap<>();
        for (String a : block().attributes().keySet()) {
            m.put(a, Value.nullOf(block().attributes().get(a).type()));
        }
        boolean keepTarget = prior != null && prior.isKnown() && !prior.isNull() && id.equals(Values.str(prior, "id"));
        for (String attr : WorkspaceSchemas.PERMISSION_TARGETS) {
            if (keepTarget && prior.get(attr) != null) {
                m.put(attr, prior.get(attr));
            }
        }
        if (!keepTarget) {
            m.put(AclTarget.ID_ATTRIBUTE.get(t.type()), Value.string(t.objectId()));
        }
        m.put("id", Value.string(t.id()));
        m.put("mode", Value.string(additive ? ADDITIVE : AUTHORITATIVE));
        m.put("object_type", Values.string(acl.objectType()));
        m.put("access_control", AclEntry.toSet(shown));
        return Value.object(m);
    }

    @Override
    protected Found adopt(ReadObject o) {
        AclTarget t = target(o.prior());
        return t == null ? null : new Found(t.id(), readOne(t.id(), o.prior()));
    }

    @Override
    protected String canonicalId(String id) {
        return AclTarget.parse(id).id();
    }

    // ------------------------------------------------------------------ plan

    @Override
    protected void customize(Planning p) {
        Value cfg = p.config();
        int targets = 0;
        for (String attr : WorkspaceSchemas.PERMISSION_TARGETS) {
            targets += p.configured(attr) ? 1 : 0;
        }
        if (targets != 1) {
            p.diagnostics().error("Invalid permissions target", "Set exactly one of " + String.join(", ",
                    WorkspaceSchemas.PERMISSION_TARGETS) + ".", null);
            return;
        }
        String mode = p.configured("mode") ? p.str("mode") : AUTHORITATIVE;
        if (mode != null && !mode.equals(AUTHORITATIVE) && !mode.equals(ADDITIVE)) {
            p.diagnostics().error("Invalid permissions mode", "mode is \"authoritative\" or \"additive\", not \""
                    + mode + "\".", null);
            return;
        }
        p.set("mode", Value.string(mode == null ? AUTHORITATIVE : mode));
        String type = typeOf(cfg);
        if (type.equals("authorization") && Values.str(cfg, "authorization") != null
                && !"tokens".equals(Values.str(cfg, "authorization"))) {
            p.diagnostics().error("Unsupported authorization", "authorization = \"tokens\" is the only one lockstep "
                    + "manages.", null);
            return;
        }
        List<Value> kept = new ArrayList<>();
        int owners = 0;
        for (Value b : Values.elements(p.response().planned(), "access_control")) {
            AclEntry e = AclEntry.of(b);
            if (e == null) {
                if (b.isWhollyKnown()) {
                    p.diagnostics().error("Invalid access_control", "Each access_control block names exactly one of "
                            + "user_name, group_name or service_principal_name.", null);
                }
                kept.add(b);
                continue;
            }
            if (!AclTarget.LEVELS.get(type).contains(e.level())) {
                p.diagnostics().error("Invalid permission level", e.level() + " is not a permission level of " + type
                        + "; the levels are " + String.join(", ", AclTarget.LEVELS.get(type)) + ".", null);
            }
            if (e.level().equals("IS_OWNER") && (owners++ > 0 || e.kind().equals(AclEntry.GROUP))) {
                p.diagnostics().error("Invalid job owner", "A job has exactly one owner, a user or a service "
                        + "principal.", null);
            }
            if (!ObjectAcl.forced(e)) {
                kept.add(e.toValue());
            }
        }
        p.set("access_control", Value.set(AclEntry.BLOCK_TYPE, kept));
        if (p.diagnostics().hasErrors()) {
            return;
        }
        AclTarget t = target(cfg);
        if (t == null) {
            p.unknown("id", Type.STRING);
            // the object is created in this apply: its ACL will hold only its creator, lockstep
            if (!type.equals("authorization")) {
                checkAccess(p, new AclTarget(type, "(known after apply)"), mode == null ? AUTHORITATIVE : mode,
                        creatorOnly(new AclTarget(type, "(known after apply)")));
            }
            return;
        }
        p.set("id", Value.string(t.id()));
        if (!p.creating() && t.id().equals(Values.str(p.prior(), "id"))) {
            for (String attr : WorkspaceSchemas.PERMISSION_TARGETS) {
                p.set(attr, p.prior().get(attr));
            }
        }
        checkAccess(p, t, mode == null ? AUTHORITATIVE : mode, live.get(t.id()));
    }

    /** The ACL a new object starts with: its creator (lockstep's identity) manages or owns it. */
    private ObjectAcl creatorOnly(AclTarget t) {
        Identity me = c.identity();
        String level = t.type().equals("jobs") ? "IS_OWNER" : "CAN_MANAGE";
        return new ObjectAcl(t, null, List.of(new AclEntry(me.aclField(), me.name(), level)), List.of());
    }

    /** Notes on who loses and gains access, and the self-lockout refusal. */
    private void checkAccess(Planning p, AclTarget t, String mode, ObjectAcl known) {
        Value planned = p.response().planned();
        if (!planned.get("access_control").isWhollyKnown()) {
            return;
        }
        ObjectAcl acl = known;
        if (acl == null) {
            try {
                acl = fetch(t);
            } catch (RuntimeException e) {
                if (!Errors.isNotFound(e)) {
                    p.diagnostics().add(Errors.readDiagnostic("Cannot read the current ACL", "Reading " + t, e,
                            c.scrubber()));
                }
                return;
            }
        }
        List<AclEntry> declared = AclEntry.of(Values.elements(planned, "access_control"));
        List<AclEntry> owned = AclEntry.of(Values.elements(p.prior(), "access_control"));
        AclChange change = AclChange.of(acl, ADDITIVE.equals(mode), declared, owned);
        change.notes().forEach(p::note);
        Identity me = c.identity();
        if (change.locksOut(me, acl)) {
            String detail = "After this change " + me + ", the identity lockstep runs as, could no longer manage the "
                    + "ACL of " + t + " (it needs " + String.join(" or ", t.manageLevels()) + " directly or through a "
                    + "group). Declare an access_control entry that keeps it, or set allow_lockout = true in the "
                    + "provider \"databricks\" block (the --allow-lockout flag) to apply it anyway.";
            if (c.settings().allowLockout()) {
                p.note("Removes lockstep's own manage right on " + t + " (allowed by allow_lockout).");
            } else {
                p.diagnostics().error("Plan would lock lockstep out of " + t, detail, null);
            }
        }
    }

    // ------------------------------------------------------------------ apply

    private static List<AccessControlRequest> requests(List<AclEntry> entries) {
        List<AccessControlRequest> out = new ArrayList<>();
        for (AclEntry e : entries) {
            AccessControlRequest r = new AccessControlRequest().setPermissionLevel(PermissionLevel.valueOf(e.level()));
            switch (e.kind()) {
                case AclEntry.USER -> r.setUserName(e.principal());
                case AclEntry.GROUP -> r.setGroupName(e.principal());
                default -> r.setServicePrincipalName(e.principal());
            }
            out.add(r);
        }
        return out;
    }

    /** Writes the planned ACL: PUT of the whole list, or PATCH of the declared entries (additive, nothing removed). */
    private String write(ApplyRequest r) {
        // paths are resolved again: the object at a path may have been replaced since the plan
        AclTarget t = target(r.planned(), true);
        if (t == null) {
            throw new IllegalStateException("the object of " + r.address() + " does not exist");
        }
        boolean additive = ADDITIVE.equals(Values.str(r.planned(), "mode"));
        List<AclEntry> declared = AclEntry.of(Values.elements(r.planned(), "access_control"));
        List<AclEntry> owned = r.prior() == null ? List.of() : AclEntry.of(Values.elements(r.prior(), "access_control"));
        boolean removes = owned.stream().anyMatch(o -> declared.stream().noneMatch(d -> d.samePrincipal(o)));
        c.consistentWrite(t.consistencyKey(), () -> {
            if (additive && !removes) {
                return c.permissions.update(new UpdateObjectPermissions().setRequestObjectType(t.type())
                        .setRequestObjectId(t.objectId()).setAccessControlList(requests(declared)));
            }
            List<AclEntry> after;
            if (additive || t.type().equals("jobs")) {
                // the current ACL matters: entries to keep (additive) or the job's owner
                after = AclChange.of(fetch(t), additive, declared, owned).after();
            } else {
                after = declared;
            }
            return c.permissions.set(new SetObjectPermissions().setRequestObjectType(t.type())
                    .setRequestObjectId(t.objectId()).setAccessControlList(requests(withoutForced(after))));
        });
        return t.id();
    }

    private static List<AclEntry> withoutForced(List<AclEntry> entries) {
        List<AclEntry> out = new ArrayList<>();
        for (AclEntry e : entries) {
            if (!ObjectAcl.forced(e)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String id = write(r);
        return ApplyResponse.ok(id, stateAfterWrite(id, r));
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            String id = write(r);
            return ApplyResponse.ok(id, stateAfterWrite(id, r));
        });
    }

    private Value stateAfterWrite(String id, ApplyRequest r) {
        Value v = readOne(id, r.planned());
        if (v == null) {
            v = Values.with(Values.with(r.planned(), "id", Value.string(id)), "object_type",
                    Values.string(live.containsKey(id) ? live.get(id).objectType() : null));
        }
        return finish(v, r.planned());
    }

    /**
     * Authoritative: the direct ACL is emptied (a job keeps its owner). Additive: only lockstep's
     * entries are removed. A non-admin identity keeps its own entries either way.
     */
    @Override
    protected void doDelete(ApplyRequest r) {
        AclTarget t = AclTarget.parse(r.id());
        ObjectAcl acl = fetch(t);
        boolean additive = ADDITIVE.equals(Values.str(r.prior(), "mode"));
        List<AclEntry> owned = AclEntry.of(Values.elements(r.prior(), "access_control"));
        List<AclEntry> keep = new ArrayList<>();
        Identity me = c.identity();
        for (AclEntry e : acl.direct()) {
            boolean mine = owned.stream().anyMatch(o -> o.samePrincipal(e));
            boolean self = !me.isAdmin() && AclChange.holds(me, e) && !e.kind().equals(AclEntry.GROUP);
            if (e.level().equals("IS_OWNER") || self || additive && !mine) {
                keep.add(e);
            }
        }
        c.permissions.set(new SetObjectPermissions().setRequestObjectType(t.type()).setRequestObjectId(t.objectId())
                .setAccessControlList(requests(withoutForced(keep))));
        live.remove(t.id());
    }
}
