package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.kind.Kind;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Access nobody declared: RoleBindings and NetworkPolicies in the namespaces lockstep manages, and
 * ClusterRoleBindings whose subjects name a group lockstep binds or a service account in a managed
 * namespace, that are not in the managed set. Severity: CRITICAL for cluster-admin or a role with
 * wildcard verbs or resources, HIGH for write verbs on secrets or RBAC objects (or escalate, bind,
 * impersonate), MEDIUM otherwise (NetworkPolicies, a binding to a missing role).
 */
public final class UnmanagedBindings implements UnmanagedLister {

    private static final String RBAC = "rbac.authorization.k8s.io/v1";
    static final ResourceType ROLE_BINDINGS = new ResourceType(RBAC, "RoleBinding", "rolebindings", true);
    static final ResourceType CLUSTER_ROLE_BINDINGS = new ResourceType(RBAC, "ClusterRoleBinding",
            "clusterrolebindings", false);
    static final ResourceType ROLES = new ResourceType(RBAC, "Role", "roles", true);
    static final ResourceType CLUSTER_ROLES = new ResourceType(RBAC, "ClusterRole", "clusterroles", false);
    static final ResourceType NETWORK_POLICIES = new ResourceType("networking.k8s.io/v1", "NetworkPolicy",
            "networkpolicies", true);
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection",
            "*");
    private static final Set<String> ESCALATION_VERBS = Set.of("escalate", "bind", "impersonate");
    private static final Set<String> SENSITIVE_RESOURCES = Set.of("secrets", "roles", "rolebindings", "clusterroles",
            "clusterrolebindings");

    private final ProviderContext ctx;
    private final Map<String, Kind> kinds;

    public UnmanagedBindings(ProviderContext ctx, Map<String, Kind> kinds) {
        this.ctx = ctx;
        this.kinds = kinds;
    }

    /** What the managed set covers: object keys, namespaces and bound groups. */
    private record Scope(Set<String> objects, Set<String> namespaces, Set<String> groups) {
    }

    private Scope scope(Map<ResourceAddress, Value> managed) {
        Scope s = new Scope(new HashSet<>(), new TreeSet<>(), new TreeSet<>());
        for (Map.Entry<ResourceAddress, Value> e : managed.entrySet()) {
            Value v = e.getValue() == null ? null : e.getValue().unmarkDeep();
            String type = e.getKey().type();
            if (type.equals("kubernetes_manifest")) {
                Value m = Values.attr(v, "manifest");
                ManifestObjects.Ident id = ManifestObjects.ident(m);
                if (id != null) {
                    boolean namespaced = !Set.of("ClusterRoleBinding", "ClusterRole", "Namespace").contains(id.kind());
                    add(s, id.kind(), namespaced ? id.ns() : null, id.name(), Json.fromValue(m));
                }
                continue;
            }
            Kind k = kinds.get(type);
            if (k == null || v == null) {
                continue;
            }
            Value meta = Values.first(v, "metadata");
            String ns = k.api().namespaced() ? java.util.Objects.requireNonNullElse(Values.string(meta, "namespace"),
                    "default") : null;
            Object json = k.hooks().encode(k, v);
            add(s, k.api().kind(), ns, Values.string(meta, "name"), json);
        }
        return s;
    }

    private static void add(Scope s, String kind, String ns, String name, Object json) {
        s.objects().add(kind + "|" + (ns == null ? "" : ns) + "|" + name);
        if (ns != null) {
            s.namespaces().add(ns);
        }
        if (kind.equals("Namespace")) {
            s.namespaces().add(name);
        }
        if (kind.endsWith("RoleBinding") && json instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) m;
            for (Object o : Json.array(obj, "subjects")) {
                if (o instanceof Map<?, ?> sub && "Group".equals(sub.get("kind"))) {
                    s.groups().add(String.valueOf(sub.get("name")));
                }
            }
        }
    }

    @Override
    public UnmanagedResponse listUnmanaged(Map<ResourceAddress, Value> managed) {
        Diagnostics diags = new Diagnostics();
        List<UnmanagedObject> out = new ArrayList<>();
        Scope scope = scope(managed);
        Roles roles = new Roles();
        try {
            for (String ns : scope.namespaces()) {
                for (Map<String, Object> rb : ctx.api().list(ROLE_BINDINGS, ns, null, null)) {
                    if (!scope.objects().contains("RoleBinding|" + ns + "|" + name(rb))) {
                        out.add(described(binding("RoleBinding", ns + "/" + name(rb), rb, ns, roles), "RoleBinding",
                                rb));
                    }
                }
                for (Map<String, Object> np : ctx.api().list(NETWORK_POLICIES, ns, null, null)) {
                    if (!scope.objects().contains("NetworkPolicy|" + ns + "|" + name(np))) {
                        out.add(described(new UnmanagedObject("NetworkPolicy", ns + "/" + name(np), Severity.MEDIUM,
                                "network policy in managed namespace " + ns + " that no configuration declares"),
                                "NetworkPolicy", np));
                    }
                }
            }
            if (!scope.groups().isEmpty() || !scope.namespaces().isEmpty()) {
                for (Map<String, Object> crb : ctx.api().list(CLUSTER_ROLE_BINDINGS, null, null, null)) {
                    if (!scope.objects().contains("ClusterRoleBinding||" + name(crb)) && touches(crb, scope)) {
                        out.add(described(binding("ClusterRoleBinding", name(crb), crb, null, roles),
                                "ClusterRoleBinding", crb));
                    }
                }
            }
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("list bindings for drift --unmanaged", e, Scrubber.of()));
        }
        return new UnmanagedResponse(out, diags);
    }

    /**
     * The object with its attributes as a {@code kubernetes_manifest} would hold it, so that
     * policies look at unmanaged bindings as at managed ones (list items carry no kind of their own).
     */
    private static UnmanagedObject described(UnmanagedObject o, String kind, Map<String, Object> obj) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(obj);
        m.put("apiVersion", kind.equals("NetworkPolicy") ? NETWORK_POLICIES.apiVersion() : RBAC);
        m.put("kind", kind);
        return o.withValue("kubernetes_manifest", Value.object(Map.of("manifest", Json.toValue(m))));
    }

    private static String name(Map<String, Object> o) {
        return Json.string(Json.object(o, "metadata"), "name");
    }

    /** Whether a cluster role binding names a managed group or a service account in a managed namespace. */
    private static boolean touches(Map<String, Object> crb, Scope scope) {
        for (Object o : Json.array(crb, "subjects")) {
            if (o instanceof Map<?, ?> s) {
                String kind = String.valueOf(s.get("kind"));
                if (kind.equals("Group") && scope.groups().contains(String.valueOf(s.get("name")))) {
                    return true;
                }
                if (kind.equals("ServiceAccount") && scope.namespaces().contains(String.valueOf(s.get("namespace")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private UnmanagedObject binding(String kind, String identifier, Map<String, Object> b, String ns, Roles roles) {
        Map<String, Object> ref = Json.object(b, "roleRef");
        String refKind = Json.string(ref, "kind");
        String refName = Json.string(ref, "name");
        String grant = refKind + " " + refName + " to " + subjects(b);
        if ("ClusterRole".equals(refKind) && "cluster-admin".equals(refName)) {
            return new UnmanagedObject(kind, identifier, Severity.CRITICAL, "binds cluster-admin: grants " + grant);
        }
        Map<String, Object> role = "ClusterRole".equals(refKind) ? roles.cluster().get(refName)
                : roles.in(ns).get(refName);
        if (role == null) {
            return new UnmanagedObject(kind, identifier, Severity.MEDIUM, "grants missing " + grant);
        }
        Severity worst = Severity.MEDIUM;
        String why = "grants " + grant;
        for (Object o : Json.array(role, "rules")) {
            if (!(o instanceof Map<?, ?> r)) {
                continue;
            }
            Set<String> verbs = strings(r.get("verbs"));
            Set<String> resources = strings(r.get("resources"));
            if (verbs.contains("*") || resources.contains("*")) {
                return new UnmanagedObject(kind, identifier, Severity.CRITICAL, "grants wildcard "
                        + (verbs.contains("*") ? "verbs" : "resources") + ": " + grant);
            }
            boolean write = verbs.stream().anyMatch(WRITE_VERBS::contains);
            boolean sensitive = resources.stream().anyMatch(SENSITIVE_RESOURCES::contains);
            if (write && sensitive || verbs.stream().anyMatch(ESCALATION_VERBS::contains)) {
                worst = Severity.HIGH;
                why = "grants " + String.join(",", new TreeSet<>(verbs)) + " on "
                        + String.join(",", new TreeSet<>(resources)) + ": " + grant;
            }
        }
        return new UnmanagedObject(kind, identifier, worst, why);
    }

    private static Set<String> strings(Object o) {
        Set<String> out = new TreeSet<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    private static String subjects(Map<String, Object> b) {
        List<String> out = new ArrayList<>();
        for (Object o : Json.array(b, "subjects")) {
            if (o instanceof Map<?, ?> s) {
                out.add(s.get("kind") + " " + (s.get("namespace") != null ? s.get("namespace") + "/" : "")
                        + s.get("name"));
            }
        }
        return out.isEmpty() ? "no subjects" : String.join(", ", out);
    }

    /** Roles and cluster roles, each listed at most once. */
    private final class Roles {
        private Map<String, Map<String, Object>> cluster;
        private final Map<String, Map<String, Map<String, Object>>> byNamespace = new HashMap<>();

        Map<String, Map<String, Object>> cluster() {
            if (cluster == null) {
                cluster = index(ctx.api().list(CLUSTER_ROLES, null, null, null));
            }
            return cluster;
        }

        Map<String, Map<String, Object>> in(String ns) {
            return byNamespace.computeIfAbsent(ns, n -> index(ctx.api().list(ROLES, n, null, null)));
        }

        private Map<String, Map<String, Object>> index(List<Map<String, Object>> items) {
            Map<String, Map<String, Object>> m = new HashMap<>();
            for (Map<String, Object> o : items) {
                m.put(name(o), o);
            }
            return m;
        }
    }
}
