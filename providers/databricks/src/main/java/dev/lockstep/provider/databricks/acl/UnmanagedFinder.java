package dev.lockstep.provider.databricks.acl;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.settings.ListTokenManagementRequest;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.settings.TokenInfo;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.client.Identity;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.resource.ProviderContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds access no configuration declares, for {@code drift --unmanaged}: ACL entries on managed
 * objects that no {@code databricks_permissions} declares (CAN_MANAGE or IS_OWNER is critical),
 * members of managed groups that no {@code databricks_group_member} declares, and personal access
 * tokens that never expire and are not managed. The identity lockstep acts as and the entries
 * the API forces ({@code admins}) are not reported.
 */
public final class UnmanagedFinder implements UnmanagedLister {

    private static final Map<String, String> ACL_TYPES = Map.of("databricks_cluster", "clusters",
            "databricks_cluster_policy", "cluster-policies", "databricks_instance_pool", "instance-pools",
            "databricks_job", "jobs", "databricks_notebook", "notebooks", "databricks_directory", "directories");

    private final ProviderContext ctx;
    private final DatabricksClient c;
    private final Function<String, List<AclEntry>> recorded;

    /**
     * @param recorded the entries an ACL's recorded state declares, when known (from the last
     *     refresh); otherwise the {@code access_control} of the values given to
     *     {@link #listUnmanaged} is taken as declared
     */
    public UnmanagedFinder(ProviderContext ctx, Function<String, List<AclEntry>> recorded) {
        this.ctx = ctx;
        this.c = ctx.client();
        this.recorded = recorded;
    }

    @Override
    public UnmanagedResponse listUnmanaged(Map<ResourceAddress, Value> managed) {
        Diagnostics d = new Diagnostics();
        List<UnmanagedObject> out = new ArrayList<>();
        try {
            acls(managed, out, d);
            members(managed, out, d);
            tokens(managed, out, d);
        } catch (RuntimeException e) {
            d.add(Errors.readDiagnostic("Failed to look for unmanaged access", "Listing access in the workspace", e,
                    c.scrubber()));
        }
        return new UnmanagedResponse(out, d);
    }

    // ------------------------------------------------------------------ ACL entries

    private void acls(Map<ResourceAddress, Value> managed, List<UnmanagedObject> out, Diagnostics d) {
        Map<String, List<AclEntry>> declared = new LinkedHashMap<>();
        Map<String, Boolean> additive = new LinkedHashMap<>();
        for (Map.Entry<ResourceAddress, Value> e : managed.entrySet()) {
            String type = e.getKey().type();
            Value v = e.getValue();
            String target = null;
            if (type.equals("databricks_permissions")) {
                target = Values.str(v, "id");
                if (target != null) {
                    List<AclEntry> known = recorded.apply(target);
                    declared.computeIfAbsent(target, k -> new ArrayList<>()).addAll(known != null ? known
                            : AclEntry.of(Values.elements(v, "access_control")));
                    additive.put(target, "additive".equals(Values.str(v, "mode")));
                }
            } else if (ACL_TYPES.containsKey(type)) {
                String id = type.equals("databricks_notebook") || type.equals("databricks_directory")
                        ? numberText(v, "object_id") : Values.str(v, "id");
                target = id == null ? null : "/" + ACL_TYPES.get(type) + "/" + id;
            }
            if (target != null) {
                declared.computeIfAbsent(target, k -> new ArrayList<>());
            }
        }
        Identity me = c.identity();
        for (var r : ctx.parallel(new ArrayList<>(declared.keySet()), id -> {
            AclTarget t = AclTarget.parse(id);
            return ObjectAcl.of(t, c.permissions.get(t.type(), t.objectId()));
        })) {
            if (r.error() != null) {
                if (!Errors.isNotFound(r.error())) {
                    d.add(Errors.readDiagnostic("Failed to read the ACL of " + r.input(), "Reading " + r.input(),
                            r.error(), c.scrubber()));
                }
                continue;
            }
            List<AclEntry> mine = declared.get(r.input());
            for (AclEntry e : r.result().direct()) {
                boolean isDeclared = mine.stream().anyMatch(x -> x.samePrincipal(e) && x.level().equals(e.level()));
                if (isDeclared || ObjectAcl.forced(e) || AclChange.holds(me, e) && !e.kind().equals(AclEntry.GROUP)) {
                    continue;
                }
                out.add(new UnmanagedObject("ACL entry", r.input().substring(1) + ": " + e, severity(e.level()),
                        reason(e, Boolean.TRUE.equals(additive.get(r.input())))).withValue("databricks_permissions",
                        Value.object(Map.of("access_control", AclEntry.toSet(List.of(e))))));
            }
        }
    }

    private static String numberText(Value v, String attr) {
        java.math.BigDecimal n = Values.num(v, attr);
        return n == null ? null : n.toPlainString();
    }

    static Severity severity(String level) {
        return switch (level) {
            case "CAN_MANAGE", "IS_OWNER" -> Severity.CRITICAL;
            case "CAN_RESTART", "CAN_EDIT", "CAN_MANAGE_RUN", "CAN_RUN" -> Severity.HIGH;
            default -> Severity.MEDIUM;
        };
    }

    private static String reason(AclEntry e, boolean additive) {
        String base = switch (severity(e.level())) {
            case CRITICAL -> e.who() + " can change this object and its ACL, and no configuration grants it";
            case HIGH -> e.who() + " can change or run this object, and no configuration grants it";
            default -> e.who() + " has access no configuration grants";
        };
        return base + (additive ? " (the ACL is managed additively)" : "");
    }

    // ------------------------------------------------------------------ group members

    private void members(Map<ResourceAddress, Value> managed, List<UnmanagedObject> out, Diagnostics d) {
        Map<String, String> groups = new LinkedHashMap<>();
        Set<String> declared = new HashSet<>();
        managed.forEach((a, v) -> {
            if (a.type().equals("databricks_group") && Values.str(v, "id") != null) {
                groups.put(Values.str(v, "id"), Values.str(v, "display_name"));
            } else if (a.type().equals("databricks_group_member")) {
                declared.add(Values.str(v, "group_id") + "|" + Values.str(v, "member_id"));
            }
        });
        for (var r : ctx.parallel(new ArrayList<>(groups.keySet()), id -> c.groups.get(id))) {
            if (r.error() != null) {
                if (!Errors.isNotFound(r.error())) {
                    d.add(Errors.readDiagnostic("Failed to read group " + r.input(), "Reading the members", r.error(),
                            c.scrubber()));
                }
                continue;
            }
            Group g = r.result();
            if (g.getMembers() == null) {
                continue;
            }
            for (ComplexValue m : g.getMembers()) {
                if (declared.contains(g.getId() + "|" + m.getValue())) {
                    continue;
                }
                String kind = m.getRef() != null && m.getRef().startsWith("Groups/") ? "group"
                        : m.getRef() != null && m.getRef().startsWith("ServicePrincipals/") ? "service principal"
                        : "user";
                boolean admins = "admins".equals(g.getDisplayName());
                out.add(new UnmanagedObject("group member", "groups/" + g.getDisplayName() + ": " + kind + " "
                        + (m.getDisplay() != null ? m.getDisplay() : m.getValue()) + " (" + m.getValue() + ")",
                        admins ? Severity.CRITICAL : Severity.MEDIUM, "a member of the managed group "
                        + g.getDisplayName() + " that no databricks_group_member declares"
                        + (admins ? "; admins manage the whole workspace" : "")));
            }
        }
    }

    // ------------------------------------------------------------------ tokens

    private void tokens(Map<ResourceAddress, Value> managed, List<UnmanagedObject> out, Diagnostics d) {
        Set<String> mine = new HashSet<>();
        managed.forEach((a, v) -> {
            if (a.type().equals("databricks_token") && Values.str(v, "id") != null) {
                mine.add(Values.str(v, "id"));
            }
        });
        try {
            for (TokenInfo t : c.tokenManagement.list(new ListTokenManagementRequest())) {
                report(t.getTokenId(), t.getComment(), t.getCreatedByUsername(), t.getExpiryTime(), mine, out);
            }
        } catch (RuntimeException e) {
            if (Errors.status(e) != 403 && Errors.status(e) != 401) {
                throw e;
            }
            // not an admin: only the identity's own tokens are visible
            for (PublicTokenInfo t : c.tokens.list()) {
                report(t.getTokenId(), t.getComment(), c.identity().name(), t.getExpiryTime(), mine, out);
            }
        }
    }

    private static void report(String id, String comment, String owner, Long expiry, Set<String> managed,
            List<UnmanagedObject> out) {
        if (managed.contains(id) || expiry != null && expiry > 0) {
            return;
        }
        out.add(new UnmanagedObject("token", "token " + id + " of " + owner + (comment == null || comment.isEmpty()
                ? "" : " (" + comment + ")"), Severity.HIGH, "a personal access token that never expires")
                .withValue("databricks_token", Value.object(Map.of("comment", Value.string(comment == null ? ""
                        : comment), "lifetime_seconds", Value.nullOf(dev.lockstep.api.value.Type.NUMBER)))));
    }
}
