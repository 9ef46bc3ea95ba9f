package dev.lockstep.provider.databricks.acl;

import dev.lockstep.provider.databricks.client.Identity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What writing a declared ACL does to an object's live ACL, in either ownership mode, and who
 * loses or gains which access: the basis of the plan's notes, the self-lockout check and the
 * request lockstep sends.
 *
 * <ul>
 *   <li>authoritative: the direct ACL becomes exactly the declared entries (plus the job's current
 *       owner when none is declared, since a job must have one);
 *   <li>additive: declared entries are merged in, and entries lockstep declared before but no
 *       longer does are removed; everything else stays.
 * </ul>
 *
 * @param target the object
 * @param before the live direct entries
 * @param after the direct entries once the change is applied
 */
public record AclChange(AclTarget target, List<AclEntry> before, List<AclEntry> after) {

    /** The change for the given mode. {@code owned} are the entries lockstep declared before (additive). */
    public static AclChange of(ObjectAcl live, boolean additive, Collection<AclEntry> declared,
            Collection<AclEntry> owned) {
        List<AclEntry> before = new ArrayList<>(live.direct());
        List<AclEntry> after = new ArrayList<>();
        if (additive) {
            for (AclEntry e : before) {
                boolean dropped = owned.stream().anyMatch(o -> o.samePrincipal(e))
                        && declared.stream().noneMatch(d -> d.samePrincipal(e));
                boolean replaced = declared.stream().anyMatch(d -> d.samePrincipal(e));
                if (!dropped && !replaced) {
                    after.add(e);
                }
            }
            after.addAll(declared);
        } else {
            after.addAll(declared);
            AclEntry owner = live.owner();
            if (owner != null && declared.stream().noneMatch(d -> d.level().equals("IS_OWNER"))) {
                after.add(owner);
            }
            for (AclEntry e : before) {
                if (ObjectAcl.forced(e) && after.stream().noneMatch(a -> a.samePrincipal(e))) {
                    after.add(e);
                }
            }
        }
        return new AclChange(live.target(), before, after);
    }

    /** Live entries that will be gone (principal removed, or its level changed), forced ones excluded. */
    public List<AclEntry> revoked() {
        List<AclEntry> out = new ArrayList<>();
        for (AclEntry e : before) {
            if (!ObjectAcl.forced(e) && !contains(after, e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Entries that will be new. */
    public List<AclEntry> granted() {
        List<AclEntry> out = new ArrayList<>();
        for (AclEntry e : after) {
            if (!ObjectAcl.forced(e) && !contains(before, e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean contains(List<AclEntry> l, AclEntry e) {
        return l.stream().anyMatch(x -> x.samePrincipal(e) && x.level().equals(e.level()));
    }

    /** Human-readable consequences, one per revoked or granted entry. */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        for (AclEntry e : revoked()) {
            out.add("Revokes " + e.level() + " on " + target + " from " + e.who() + ".");
        }
        for (AclEntry e : granted()) {
            out.add("Grants " + e.level() + " on " + target + " to " + e.who() + ".");
        }
        return out;
    }

    /**
     * Whether the change takes away the calling identity's right to manage this ACL: it could
     * manage it before (directly, through a group, or by inheritance) and could not after.
     * Admins can always manage, so they are never locked out.
     */
    public boolean locksOut(Identity me, ObjectAcl live) {
        if (me.isAdmin()) {
            return false;
        }
        List<AclEntry> beforeAll = new ArrayList<>(before);
        beforeAll.addAll(live.inherited());
        List<AclEntry> afterAll = new ArrayList<>(after);
        afterAll.addAll(live.inherited());
        return canManage(me, beforeAll) && !canManage(me, afterAll);
    }

    private boolean canManage(Identity me, List<AclEntry> entries) {
        for (AclEntry e : entries) {
            if (target.manageLevels().contains(e.level()) && holds(me, e)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the entry applies to the identity (by name, or through one of its groups). */
    public static boolean holds(Identity me, AclEntry e) {
        return switch (e.kind()) {
            case AclEntry.USER -> !me.isServicePrincipal() && e.principal().equalsIgnoreCase(me.name());
            case AclEntry.SERVICE_PRINCIPAL -> me.isServicePrincipal() && e.principal().equalsIgnoreCase(me.name());
            default -> me.groups().contains(e.principal());
        };
    }
}
