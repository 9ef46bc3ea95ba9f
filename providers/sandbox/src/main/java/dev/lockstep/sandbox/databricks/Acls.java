package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksState.AclEntry;
import dev.lockstep.sandbox.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Object ACLs: storage of direct entries, inheritance (type roots and the workspace tree), the
 * effective level of a caller, validation and the PUT (replace) and PATCH (merge) semantics,
 * including the job rule of exactly one owner.
 */
final class Acls {
    private final DatabricksState state;
    private final Principals principals;

    Acls(DatabricksState state, Principals principals) {
        this.state = state;
        this.principals = principals;
    }

    List<AclEntry> direct(String objectId) {
        return state.acls.getOrDefault(objectId, List.of());
    }

    void init(String objectId, List<AclEntry> entries) {
        state.acls.put(objectId, new ArrayList<>(entries));
    }

    void remove(String objectId) {
        state.acls.remove(objectId);
    }

    /** The inherited sources of an object, nearest first: (source object id, entries). */
    private Map<String, List<AclEntry>> inherited(AclType type, String objectId) {
        Map<String, List<AclEntry>> out = new LinkedHashMap<>();
        if (type.admins == AclType.Admins.INHERITED_FROM_ROOT) {
            out.put("/" + type.requestType + "/", List.of(new AclEntry(Caller.GROUP, Principals.ADMINS, "CAN_MANAGE")));
        } else if (type.admins == AclType.Admins.WORKSPACE_TREE) {
            for (String dir : WorkspaceApi.ancestorDirectoryIds(state, objectId)) {
                List<AclEntry> e = direct(dir);
                if (!e.isEmpty()) {
                    out.put(dir, e);
                }
            }
        }
        return out;
    }

    /** GET answer: {@code object_id}, {@code object_type}, {@code access_control_list}. */
    ObjectNode render(AclType type, String objectId) {
        Map<String, ObjectNode> byPrincipal = new LinkedHashMap<>();
        for (AclEntry e : direct(objectId)) {
            addPermission(byPrincipal, e, false, null);
        }
        inherited(type, objectId).forEach((source, entries) -> {
            for (AclEntry e : entries) {
                addPermission(byPrincipal, e, true, source);
            }
        });
        ObjectNode out = Json.object();
        out.put("object_id", objectId);
        out.put("object_type", type.objectType);
        ArrayNode list = out.putArray("access_control_list");
        byPrincipal.values().forEach(list::add);
        return out;
    }

    private void addPermission(Map<String, ObjectNode> byPrincipal, AclEntry e, boolean inherited, String source) {
        ObjectNode entry = byPrincipal.computeIfAbsent(e.kind + ":" + e.principal, k -> {
            ObjectNode n = Json.object();
            n.put(e.kind, e.principal);
            principals.displayName(e.kind, e.principal)
                    .filter(d -> !e.kind.equals(Caller.GROUP))
                    .ifPresent(d -> n.put("display_name", d));
            n.putArray("all_permissions");
            return n;
        });
        ObjectNode p = ((ArrayNode) entry.get("all_permissions")).addObject();
        p.put("permission_level", e.level);
        p.put("inherited", inherited);
        if (inherited) {
            p.putArray("inherited_from_object").add(source);
        }
    }

    /** Strongest rank the caller holds on the object (admins: the top level), or -1. */
    int effectiveRank(AclType type, String objectId, Caller caller) {
        if (principals.isAdmin(caller)) {
            return type.levels.size() - 1;
        }
        Set<String> groups = principals.groupNamesOf(caller.id());
        int best = -1;
        List<AclEntry> all = new ArrayList<>(direct(objectId));
        inherited(type, objectId).values().forEach(all::addAll);
        for (AclEntry e : all) {
            boolean mine = e.kind.equals(Caller.GROUP) ? groups.contains(e.principal)
                    : e.kind.equals(caller.aclKind()) && e.principal.equalsIgnoreCase(caller.name());
            if (mine) {
                best = Math.max(best, type.rank(e.level));
            }
        }
        return best;
    }

    /** True when the caller is an admin or holds at least {@code level}. */
    boolean can(AclType type, String objectId, Caller caller, String level) {
        return effectiveRank(type, objectId, caller) >= type.rank(level);
    }

    /** True when the caller may change the object's ACL. */
    boolean canManageAcl(AclType type, String objectId, Caller caller) {
        if (principals.isAdmin(caller)) {
            return true;
        }
        return type.manageLevel != null && can(type, objectId, caller, type.manageLevel);
    }

    /** Applies a PUT ({@code replace}) or PATCH request body's access_control_list. */
    void apply(AclType type, String objectId, JsonNode accessControlList, boolean replace) {
        List<AclEntry> requested = parse(type, accessControlList);
        List<AclEntry> result = replace ? new ArrayList<>() : new ArrayList<>(direct(objectId));
        if (type == AclType.JOBS && !replace && requested.stream().anyMatch(e -> e.level.equals("IS_OWNER"))) {
            result.removeIf(e -> e.level.equals("IS_OWNER"));
        }
        for (AclEntry e : requested) {
            result.removeIf(x -> x.kind.equals(e.kind) && x.principal.equalsIgnoreCase(e.principal));
            result.add(e);
        }
        if (type.admins == AclType.Admins.DIRECT_FIXED
                && result.stream().noneMatch(e -> e.kind.equals(Caller.GROUP) && e.principal.equals(Principals.ADMINS))) {
            result.add(0, new AclEntry(Caller.GROUP, Principals.ADMINS, "CAN_MANAGE"));
        }
        if (type == AclType.JOBS) {
            long owners = result.stream().filter(e -> e.level.equals("IS_OWNER")).count();
            if (owners != 1) {
                throw invalid("The job must have exactly one owner.");
            }
        }
        state.acls.put(objectId, result);
    }

    private List<AclEntry> parse(AclType type, JsonNode list) {
        List<AclEntry> out = new ArrayList<>();
        if (list == null || list.isNull() || list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            throw invalid("access_control_list must be an array");
        }
        for (JsonNode item : list) {
            String kind = null;
            String principal = null;
            for (String k : List.of(Caller.USER, Caller.GROUP, Caller.SERVICE_PRINCIPAL)) {
                String v = Json.text(item, k);
                if (v != null && !v.isEmpty()) {
                    if (kind != null) {
                        throw invalid("Exactly one of user_name, group_name or service_principal_name must be set in an access control entry");
                    }
                    kind = k;
                    principal = v;
                }
            }
            if (kind == null) {
                throw invalid("Exactly one of user_name, group_name or service_principal_name must be set in an access control entry");
            }
            String level = Json.text(item, "permission_level");
            if (level == null || type.rank(level) < 0) {
                throw invalid("Permission level " + level + " is not supported for " + type.objectType
                        + " objects; valid levels: " + String.join(", ", type.levels));
            }
            if (!principals.exists(kind, principal)) {
                throw invalid("Principal: " + principalLabel(kind) + "(" + principal + ") does not exist");
            }
            if (kind.equals(Caller.GROUP) && principal.equals(Principals.ADMINS)
                    && (type.admins == AclType.Admins.INHERITED_FROM_ROOT || type.admins == AclType.Admins.IMPLICIT)) {
                if (level.equals("CAN_MANAGE")) {
                    continue; // what admins already hold; accepted and not stored as a direct entry
                }
                throw invalid("Cannot change permissions of group admins: admins always have CAN_MANAGE on " + type.objectType + " objects");
            }
            if (level.equals("IS_OWNER") && kind.equals(Caller.GROUP)) {
                throw invalid("Group " + principal + " cannot be the owner of a job; the owner must be a user or a service principal");
            }
            out.add(new AclEntry(kind, principal, level));
        }
        return out;
    }

    private static String principalLabel(String kind) {
        return switch (kind) {
            case Caller.USER -> "UserName";
            case Caller.GROUP -> "GroupName";
            default -> "ServicePrincipalName";
        };
    }

    /** The user or service principal holding IS_OWNER on a job, if any. */
    AclEntry owner(String objectId) {
        return direct(objectId).stream().filter(e -> e.level.equals("IS_OWNER")).findFirst().orElse(null);
    }
}
