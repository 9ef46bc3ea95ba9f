package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes policy subject read the same way whether it is a typed resource
 * ({@code kubernetes_role_v1}: snake_case attributes, blocks as lists of one object) or a
 * {@code kubernetes_manifest} (the object in Kubernetes JSON shape in attribute {@code manifest}:
 * camelCase fields, nested objects).
 *
 * @param subject the subject
 * @param kind the object's kind ({@code Role}, {@code Ingress}, ...)
 * @param manifest whether the subject is a {@code kubernetes_manifest}
 * @param body the typed resource's value, or the manifest's object
 */
public record KubeObject(PolicySubject subject, String kind, boolean manifest, Value body) {

    static final String MANIFEST = "kubernetes_manifest";

    private static final Map<String, String> TYPED_KINDS = Map.of(
            "kubernetes_role", "Role",
            "kubernetes_cluster_role", "ClusterRole",
            "kubernetes_role_binding", "RoleBinding",
            "kubernetes_cluster_role_binding", "ClusterRoleBinding",
            "kubernetes_namespace", "Namespace",
            "kubernetes_network_policy", "NetworkPolicy",
            "kubernetes_ingress", "Ingress",
            "kubernetes_secret", "Secret");

    /** The API groups a manifest's kind must come from to be the built-in kind (a CRD may reuse a kind name). */
    private static final Map<String, Set<String>> GROUPS = Map.of(
            "Role", Set.of("rbac.authorization.k8s.io"),
            "ClusterRole", Set.of("rbac.authorization.k8s.io"),
            "RoleBinding", Set.of("rbac.authorization.k8s.io"),
            "ClusterRoleBinding", Set.of("rbac.authorization.k8s.io"),
            "Namespace", Set.of(""),
            "NetworkPolicy", Set.of("networking.k8s.io"),
            "Ingress", Set.of("networking.k8s.io", "extensions"),
            "Secret", Set.of(""));

    /**
     * The subject as a Kubernetes object of one of {@code kinds}, or null when it is of another
     * type or kind, or a manifest whose apiVersion or kind is not known yet.
     */
    public static KubeObject of(PolicySubject s, Set<String> kinds) {
        if (s.value() == null) {
            return null;
        }
        if (s.type().equals(MANIFEST)) {
            Value m = ValueReader.get(s.value(), "manifest");
            String kind = ValueReader.text(ValueReader.get(m, "kind"));
            String apiVersion = ValueReader.text(ValueReader.get(m, "apiVersion"));
            if (kind == null || apiVersion == null || !kinds.contains(kind)) {
                return null;
            }
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            return GROUPS.getOrDefault(kind, Set.of()).contains(group) ? new KubeObject(s, kind, true, m) : null;
        }
        String plain = s.type().endsWith("_v1") ? s.type().substring(0, s.type().length() - 3) : s.type();
        String kind = TYPED_KINDS.get(plain);
        return kind != null && kinds.contains(kind) ? new KubeObject(s, kind, false, s.value()) : null;
    }

    /** The field named {@code typed} in a typed resource, {@code manifestName} in a manifest, of {@code parent}. */
    public Value field(Value parent, String typed, String manifestName) {
        return ValueReader.get(parent, manifest ? manifestName : typed);
    }

    /** The object of a nested block ({@code spec[0]} or {@code spec}) of {@code parent}. */
    public Value block(Value parent, String typed, String manifestName) {
        return ValueReader.first(field(parent, typed, manifestName));
    }

    public Value metadata() {
        return ValueReader.block(body, "metadata");
    }

    public Value name() {
        return ValueReader.get(metadata(), "name");
    }

    /** The namespace as written; null (unset) means {@code default} for namespaced kinds. */
    public Value namespace() {
        return ValueReader.get(metadata(), "namespace");
    }

    public Value annotations() {
        return ValueReader.get(metadata(), "annotations");
    }

    public Value spec() {
        return ValueReader.block(body, "spec");
    }

    /** The object for messages: {@code Role "kubernetes_role_v1.ops"}. */
    String label() {
        return kind + " " + GoQuote.quote(subject.address());
    }
}
