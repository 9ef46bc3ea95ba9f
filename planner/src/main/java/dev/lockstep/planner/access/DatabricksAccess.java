package dev.lockstep.planner.access;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.AccessSystem;
import dev.lockstep.planner.plan.Grant;
import dev.lockstep.planner.plan.Principal;
import dev.lockstep.planner.policy.rules.ValueReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Databricks permissions: each {@code access_control} entry of a {@code databricks_permissions}
 * grants its level on the object the resource names (a managed resource when its id matches one, or
 * when the id is not known yet and the permissions depend on exactly one resource of that type);
 * members of a {@code databricks_group} (through {@code databricks_group_member}, nested groups
 * included) get their groups' grants "via group NAME"; a managed notebook under a directory with
 * permissions gets them "inherited from directory PATH".
 */
final class DatabricksAccess {

    /**
     * What a permissions attribute points at.
     *
     * @param attribute the {@code databricks_permissions} attribute
     * @param type the resource type of the object
     * @param label the object's word
     * @param match the object's attribute the id is compared with
     */
    private record Target(String attribute, String type, String label, String match) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("cluster_id", "databricks_cluster", "cluster", "id"),
            new Target("cluster_policy_id", "databricks_cluster_policy", "cluster policy", "id"),
            new Target("instance_pool_id", "databricks_instance_pool", "instance pool", "id"),
            new Target("job_id", "databricks_job", "job", "id"),
            new Target("notebook_id", "databricks_notebook", "notebook", "object_id"),
            new Target("notebook_path", "databricks_notebook", "notebook", "path"),
            new Target("directory_id", "databricks_directory", "directory", "object_id"),
            new Target("directory_path", "databricks_directory", "directory", "path"));

    private static final Map<String, String> PRINCIPAL_NAMES = Map.of(
            "databricks_user", "user_name",
            "databricks_group", "display_name",
            "databricks_service_principal", "application_id");

    private static final Map<String, String> PRINCIPAL_KINDS = Map.of(
            "databricks_user", "user",
            "databricks_group", "group",
            "databricks_service_principal", "service_principal");

    private DatabricksAccess() {
    }

    /** A resolved object: its label and, for directories and notebooks, its workspace path. */
    private record Resolved(String label, String path) {
    }

    static void resolve(List<AccessSubject> subjects, GrantSet out) {
        List<Grant> direct = new ArrayList<>();
        Map<String, String> directoryPaths = new LinkedHashMap<>(); // object label -> path, for inheritance
        for (AccessSubject s : subjects) {
            if (!s.type().equals("databricks_permissions") || s.value() == null) {
                continue;
            }
            Resolved target = target(s, subjects);
            if (target == null) {
                out.undecided();
                continue;
            }
            if (target.label().startsWith("directory ") && target.path() != null) {
                directoryPaths.put(target.label(), target.path());
            }
            Value acl = ValueReader.get(s.value(), "access_control");
            if (!acl.isKnown()) {
                out.undecided();
                continue;
            }
            for (Value e : ValueReader.items(acl)) {
                Grant g = entry(e, target.label(), s.address(), out);
                if (g != null) {
                    direct.add(g);
                }
            }
        }
        List<Grant> all = new ArrayList<>(direct);
        all.addAll(inherited(direct, directoryPaths, subjects));
        for (Grant g : all) {
            out.add(g);
        }
        Map<Principal, Map<Principal, List<String>>> members = memberships(subjects, out);
        for (Grant g : all) {
            if (!g.principal().kind().equals("group")) {
                continue;
            }
            for (Map.Entry<Principal, List<String>> m : transitiveMembers(g.principal(), members).entrySet()) {
                List<String> causes = new ArrayList<>(g.causes());
                causes.addAll(m.getValue());
                String via = "via group " + g.principal().name() + (g.via().isEmpty() ? "" : " " + g.via());
                out.add(Grant.of(m.getKey(), new ArrayList<>(g.actions()), g.object(), via, causes));
            }
        }
    }

    private static Grant entry(Value e, String object, String address, GrantSet out) {
        Value level = ValueReader.get(e, "permission_level");
        for (String[] kind : new String[][] {{"user_name", "user"}, {"group_name", "group"},
                {"service_principal_name", "service_principal"}}) {
            Value name = ValueReader.get(e, kind[0]);
            if (ValueReader.absent(name)) {
                continue;
            }
            String n = ValueReader.text(name);
            String lv = ValueReader.text(level);
            if (n == null || lv == null || name.containsSensitive() || level.containsSensitive()) {
                out.undecided();
                return null;
            }
            return Grant.of(new Principal(AccessSystem.DATABRICKS, kind[1], n), List.of(lv.toUpperCase(Locale.ROOT)),
                    object, "", List.of(address));
        }
        if (!e.isWhollyKnown()) {
            out.undecided();
        }
        return null;
    }

    /** The object a permissions resource is about, or null when that is not known before apply. */
    private static Resolved target(AccessSubject s, List<AccessSubject> subjects) {
        String auth = ValueReader.text(ValueReader.get(s.value(), "authorization"));
        if (auth != null) {
            return new Resolved("authorization " + auth, null);
        }
        for (Target t : TARGETS) {
            Value id = ValueReader.get(s.value(), t.attribute());
            if (ValueReader.absent(id)) {
                continue;
            }
            if (id.containsSensitive()) {
                return null;
            }
            String text = ValueReader.text(id);
            AccessSubject match = null;
            if (text != null) {
                for (AccessSubject o : subjects) {
                    if (o.type().equals(t.type()) && text.equals(textOf(ValueReader.get(o.value(), t.match())))) {
                        match = o;
                    }
                }
            } else if (!id.isKnown()) {
                match = dependency(s, t.type(), subjects, Set.of());
                if (match == null) {
                    return null;
                }
            }
            if (match == null) {
                return new Resolved(t.label() + " " + text, t.match().equals("path") ? text : null);
            }
            String path = ValueReader.text(ValueReader.get(match.value(), "path"));
            return new Resolved(t.label() + " " + nameOf(match.address()), path);
        }
        return null;
    }

    /** Managed notebooks under a directory with permissions inherit its grants. */
    private static List<Grant> inherited(List<Grant> direct, Map<String, String> directoryPaths,
            List<AccessSubject> subjects) {
        List<Grant> out = new ArrayList<>();
        for (AccessSubject nb : subjects) {
            if (!nb.type().equals("databricks_notebook") || nb.value() == null) {
                continue;
            }
            String path = ValueReader.text(ValueReader.get(nb.value(), "path"));
            if (path == null) {
                continue;
            }
            for (Grant g : direct) {
                String dir = directoryPaths.get(g.object());
                if (dir != null && path.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                    List<String> causes = new ArrayList<>(g.causes());
                    causes.add(nb.address());
                    out.add(Grant.of(g.principal(), new ArrayList<>(g.actions()), "notebook " + nameOf(nb.address()),
                            "inherited from directory " + dir, causes));
                }
            }
        }
        return out;
    }

    /** Per group, its direct members with the membership resources. */
    private static Map<Principal, Map<Principal, List<String>>> memberships(List<AccessSubject> subjects, GrantSet out) {
        Map<Principal, Map<Principal, List<String>>> members = new LinkedHashMap<>();
        for (AccessSubject m : subjects) {
            if (!m.type().equals("databricks_group_member") || m.value() == null) {
                continue;
            }
            AccessSubject group = byId(m, ValueReader.get(m.value(), "group_id"), Set.of("databricks_group"), subjects,
                    null);
            AccessSubject member = group == null ? null : byId(m, ValueReader.get(m.value(), "member_id"),
                    PRINCIPAL_NAMES.keySet(), subjects, group);
            Principal g = group == null ? null : principalOf(group);
            Principal p = member == null ? null : principalOf(member);
            if (g == null || p == null) {
                out.undecided();
                continue;
            }
            members.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(p, k -> new ArrayList<>())
                    .add(m.address());
        }
        return members;
    }

    private static Map<Principal, List<String>> transitiveMembers(Principal group,
            Map<Principal, Map<Principal, List<String>>> members) {
        Map<Principal, List<String>> out = new LinkedHashMap<>();
        List<Principal> todo = new ArrayList<>(List.of(group));
        Set<Principal> seen = new LinkedHashSet<>(todo);
        while (!todo.isEmpty()) {
            Principal g = todo.remove(0);
            List<String> path = out.getOrDefault(g, List.of());
            for (Map.Entry<Principal, List<String>> e : members.getOrDefault(g, Map.of()).entrySet()) {
                if (!seen.add(e.getKey())) {
                    continue;
                }
                List<String> causes = new ArrayList<>(path);
                causes.addAll(e.getValue());
                out.put(e.getKey(), causes);
                if (e.getKey().kind().equals("group")) {
                    todo.add(e.getKey());
                }
            }
        }
        return out;
    }

    /** The resource of one of {@code types} whose id is {@code id}, or the one dependency of those types when it is unknown. */
    private static AccessSubject byId(AccessSubject from, Value id, Set<String> types, List<AccessSubject> subjects,
            AccessSubject exclude) {
        if (id.containsSensitive()) {
            return null;
        }
        String text = ValueReader.text(id);
        if (text != null) {
            for (AccessSubject o : subjects) {
                if (types.contains(o.type()) && text.equals(textOf(ValueReader.get(o.value(), "id")))) {
                    return o;
                }
            }
            return null;
        }
        if (id.isKnown()) {
            return null;
        }
        Set<String> skip = exclude == null ? Set.of() : Set.of(exclude.address());
        AccessSubject found = null;
        for (String type : types) {
            AccessSubject d = dependency(from, type, subjects, skip);
            if (d != null) {
                if (found != null) {
                    return null;
                }
                found = d;
            }
        }
        return found;
    }

    /** The one value among {@code subjects} of {@code type} that {@code from} depends on, or null (none, or several). */
    private static AccessSubject dependency(AccessSubject from, String type, List<AccessSubject> subjects,
            Set<String> skip) {
        AccessSubject found = null;
        for (AccessSubject o : subjects) {
            if (!o.type().equals(type) || skip.contains(o.address())) {
                continue;
            }
            if (from.dependencies().contains(o.address()) || from.dependencies().contains(configAddress(o.address()))) {
                if (found != null) {
                    return null;
                }
                found = o;
            }
        }
        return found;
    }

    private static Principal principalOf(AccessSubject s) {
        Value name = ValueReader.get(s.value(), PRINCIPAL_NAMES.get(s.type()));
        String n = ValueReader.text(name);
        if (n == null || name.containsSensitive()) {
            return null;
        }
        return new Principal(AccessSystem.DATABRICKS, PRINCIPAL_KINDS.get(s.type()), n);
    }

    /** A number or string as text (object ids are numbers on notebooks and directories). */
    private static String textOf(Value v) {
        if (!v.isKnown() || v.isNull()) {
            return null;
        }
        Value u = v.unmarkDeep();
        if (u.type() == dev.lockstep.api.value.Type.NUMBER) {
            return Value.formatNumber(u.asNumber());
        }
        return ValueReader.text(u);
    }

    /** {@code shared} of {@code databricks_cluster.shared}, {@code x["a"]} of {@code databricks_job.x["a"]}. */
    private static String nameOf(String address) {
        int dot = address.indexOf('.');
        return dot < 0 ? address : address.substring(dot + 1);
    }

    /** The address without an instance key ({@code databricks_group.g} of {@code databricks_group.g["a"]}). */
    private static String configAddress(String address) {
        int bracket = address.indexOf('[');
        return bracket < 0 ? address : address.substring(0, bracket);
    }
}
