package dev.lockstep.planner.access;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.AccessSystem;
import dev.lockstep.planner.plan.Grant;
import dev.lockstep.planner.plan.Principal;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.rules.Binding;
import dev.lockstep.planner.policy.rules.KubeObject;
import dev.lockstep.planner.policy.rules.RbacPolicyRule;
import dev.lockstep.planner.policy.rules.ValueReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes RBAC: each RoleBinding and ClusterRoleBinding subject gets the verbs of the rules of
 * the Role or ClusterRole it references (found by name among the values), per resource, in the
 * binding's namespace (RoleBinding) or in all namespaces (ClusterRoleBinding); a ClusterRole with
 * an aggregation rule has the rules of the ClusterRoles its selectors match. A binding to a role
 * that is not among the values grants "ClusterRole NAME (not managed)".
 */
final class KubernetesAccess {

    private static final Set<String> ROLE_KINDS = Set.of("Role", "ClusterRole");

    private KubernetesAccess() {
    }

    static void resolve(List<AccessSubject> subjects, GrantSet out) {
        Map<String, KubeObject> roles = new LinkedHashMap<>();
        Map<String, KubeObject> clusterRoles = new LinkedHashMap<>();
        List<Binding> bindings = new ArrayList<>();
        boolean unnamed = false;
        for (AccessSubject s : subjects) {
            PolicySubject ps = new PolicySubject(s.address(), s.type(), s.value(), PolicySubject.Origin.PLANNED, null,
                    Set.of());
            KubeObject role = KubeObject.of(ps, ROLE_KINDS);
            if (role != null) {
                String name = ValueReader.text(role.name());
                if (name == null) {
                    unnamed = true; // a role whose name is not known yet: a binding to no known role is undecided
                    continue;
                }
                if (role.kind().equals("Role")) {
                    roles.put(namespaceOf(role) + "/" + name, role);
                } else {
                    clusterRoles.put(name, role);
                }
                continue;
            }
            KubeObject b = KubeObject.of(ps, Binding.KINDS);
            if (b != null) {
                bindings.add(Binding.of(b));
            }
        }
        for (Binding b : bindings) {
            bind(b, roles, clusterRoles, unnamed, out);
        }
    }

    private static void bind(Binding b, Map<String, KubeObject> roles, Map<String, KubeObject> clusterRoles,
            boolean unnamedRoles, GrantSet out) {
        boolean clusterWide = b.object().kind().equals("ClusterRoleBinding");
        String roleKind = ValueReader.text(b.roleKind());
        String roleName = ValueReader.text(b.roleName());
        String ns = clusterWide ? null : ValueReader.text(b.object().namespace());
        if (!clusterWide && ValueReader.absent(b.object().namespace())) {
            ns = "default";
        }
        String where = clusterWide ? "all namespaces" : "namespace " + ns;
        for (Binding.Subject subject : b.subjects()) {
            Principal p = principal(subject);
            if (p == null || roleKind == null || roleName == null || (!clusterWide && ns == null)
                    || b.roleName().containsSensitive()) {
                out.undecided();
                continue;
            }
            KubeObject role = roleKind.equals("Role") ? roles.get(ns + "/" + roleName)
                    : clusterRoles.get(roleName);
            String address = b.object().subject().address();
            if (role == null && unnamedRoles) {
                out.undecided();
                continue;
            }
            if (role == null || roleKind.equals("Role") && clusterWide) {
                out.add(Grant.of(p, List.of(roleKind + " " + roleName + " (not managed)"), where, "",
                        List.of(address)));
                continue;
            }
            List<String> causes = new ArrayList<>(List.of(address, role.subject().address()));
            List<Rule> rules = new ArrayList<>(rulesOf(role, out));
            if (role.kind().equals("ClusterRole")) {
                for (KubeObject source : aggregated(role, clusterRoles, out)) {
                    rules.addAll(rulesOf(source, out));
                    causes.add(source.subject().address());
                }
            }
            for (Rule r : rules) {
                grant(p, r, where, clusterWide, causes, out);
            }
        }
    }

    /**
     * A rule with the resource names it is restricted to.
     *
     * @param rule the rule
     * @param resourceNames {@code resource_names} / {@code resourceNames}, null or empty for all
     */
    private record Rule(RbacPolicyRule rule, Value resourceNames) {
    }

    private static void grant(Principal p, Rule rule, String where, boolean clusterWide, List<String> causes,
            GrantSet out) {
        RbacPolicyRule r = rule.rule();
        if (!r.verbs().isWhollyKnown() || !r.resources().isWhollyKnown() || !r.apiGroups().isWhollyKnown()
                || !r.nonResourceUrls().isWhollyKnown() || !rule.resourceNames().isWhollyKnown()
                || r.verbs().containsSensitive() || r.resources().containsSensitive()
                || rule.resourceNames().containsSensitive()) {
            out.undecided();
            return;
        }
        List<String> names = texts(rule.resourceNames());
        String named = names == null || names.isEmpty() ? "" : " named " + String.join(",", new java.util.TreeSet<>(names));
        List<String> verbs = texts(r.verbs());
        if (verbs == null || verbs.isEmpty()) {
            return;
        }
        List<String> groups = texts(r.apiGroups());
        if (groups == null || groups.isEmpty()) {
            groups = List.of("");
        }
        List<String> resources = texts(r.resources());
        for (String g : groups) {
            for (String res : resources == null ? List.<String>of() : resources) {
                String name = g.isEmpty() ? res : res + "." + g;
                out.add(Grant.of(p, verbs, name + named + " in " + where, "", causes));
            }
        }
        List<String> urls = texts(r.nonResourceUrls());
        if (clusterWide && urls != null) {
            for (String u : urls) {
                out.add(Grant.of(p, verbs, "non-resource URL " + u, "", causes));
            }
        }
    }

    private static List<Rule> rulesOf(KubeObject role, GrantSet out) {
        Value rules = role.field(role.body(), "rule", "rules");
        if (!rules.isKnown()) {
            out.undecided();
            return List.of();
        }
        List<RbacPolicyRule> read = RbacPolicyRule.of(role);
        List<Value> raw = ValueReader.items(rules);
        List<Rule> out2 = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            out2.add(new Rule(read.get(i), role.field(raw.get(i), "resource_names", "resourceNames")));
        }
        return out2;
    }

    /** The ClusterRoles an aggregated ClusterRole's selectors match (none without an aggregation rule). */
    private static List<KubeObject> aggregated(KubeObject role, Map<String, KubeObject> clusterRoles, GrantSet out) {
        Value rule = role.block(role.body(), "aggregation_rule", "aggregationRule");
        if (ValueReader.absent(rule)) {
            return List.of();
        }
        Value selectors = role.field(rule, "cluster_role_selectors", "clusterRoleSelectors");
        if (!selectors.isWhollyKnown()) {
            out.undecided();
            return List.of();
        }
        List<KubeObject> matched = new ArrayList<>();
        for (KubeObject other : clusterRoles.values()) {
            if (other == role) {
                continue;
            }
            Value labels = ValueReader.get(other.metadata(), "labels");
            if (!labels.isWhollyKnown()) {
                out.undecided();
                continue;
            }
            for (Value sel : ValueReader.items(selectors)) {
                if (LabelSelector.matches(role, sel, labels)) {
                    matched.add(other);
                    break;
                }
            }
        }
        return matched;
    }

    private static Principal principal(Binding.Subject s) {
        if (!s.known() || s.kind().containsSensitive() || s.name().containsSensitive()
                || s.namespace().containsSensitive()) {
            return null;
        }
        String kind = ValueReader.text(s.kind());
        String name = ValueReader.text(s.name());
        switch (kind) {
            case "User":
                return new Principal(AccessSystem.KUBERNETES, "user", name);
            case "Group":
                return new Principal(AccessSystem.KUBERNETES, "group", name);
            case "ServiceAccount":
                return new Principal(AccessSystem.KUBERNETES, "service_account",
                        ValueReader.text(s.namespace()) + "/" + name);
            default:
                return null;
        }
    }

    private static String namespaceOf(KubeObject o) {
        String ns = ValueReader.text(o.namespace());
        return ns == null || ns.isEmpty() ? "default" : ns;
    }

    /** The strings of a known list (null when it is null or holds something else than strings). */
    static List<String> texts(Value v) {
        if (ValueReader.absent(v)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Value e : ValueReader.items(v)) {
            String t = ValueReader.text(e);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
