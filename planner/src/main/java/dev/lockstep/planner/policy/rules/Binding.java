package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A RoleBinding or ClusterRoleBinding: the role it grants ({@code role_ref} / {@code roleRef}) and
 * its subjects ({@code subject} blocks / {@code subjects}).
 *
 * @param object the binding
 * @param roleKind the referenced role's kind
 * @param roleName the referenced role's name
 * @param subjects the subjects
 */
public record Binding(KubeObject object, Value roleKind, Value roleName, List<Subject> subjects) {

    public static final Set<String> KINDS = Set.of("RoleBinding", "ClusterRoleBinding");

    /**
     * A subject of a binding.
     *
     * @param kind User, Group or ServiceAccount
     * @param name its name
     * @param namespace a service account's namespace: as written, or for a RoleBinding the
     *     binding's own when unset (the authorizer's reading), else null
     */
    public record Subject(Value kind, Value name, Value namespace) {

        /** Whether kind, name and (for a service account) namespace are known. */
        public boolean known() {
            if (ValueReader.text(kind) == null || ValueReader.text(name) == null) {
                return false;
            }
            return !"ServiceAccount".equals(ValueReader.text(kind)) || namespace.isKnown();
        }

        /** The subject as {@code allowed_subjects} names it: {@code Group:name}, {@code ServiceAccount:ns/name}. */
        public String key() {
            String k = ValueReader.text(kind);
            String ns = ValueReader.text(namespace);
            String n = ValueReader.text(name);
            return "ServiceAccount".equals(k) && ns != null ? k + ":" + ns + "/" + n : k + ":" + n;
        }

        /** The subject for a message; a sensitive kind, name or namespace shows as a placeholder. */
        String shown() {
            if (kind.containsSensitive() || name.containsSensitive() || namespace.containsSensitive()) {
                return ValueReader.SENSITIVE;
            }
            return GoQuote.quote(key());
        }
    }

    /** The binding of a subject, or null when it is no binding. */
    public static Binding of(KubeObject o) {
        Value ref = o.block(o.body(), "role_ref", "roleRef");
        List<Subject> subjects = new ArrayList<>();
        Value ownNamespace = "RoleBinding".equals(o.kind()) ? o.namespace() : Value.NULL;
        if (ValueReader.absent(ownNamespace) && "RoleBinding".equals(o.kind())) {
            ownNamespace = Value.string("default");
        }
        for (Value s : ValueReader.items(o.field(o.body(), "subject", "subjects"))) {
            Value ns = ValueReader.get(s, "namespace");
            if (ValueReader.absent(ns) || "".equals(ValueReader.text(ns))) {
                ns = ownNamespace;
            }
            subjects.add(new Subject(ValueReader.get(s, "kind"), ValueReader.get(s, "name"), ns));
        }
        return new Binding(o, ValueReader.get(ref, "kind"), ValueReader.get(ref, "name"), subjects);
    }

    /** {@code ClusterRole "cluster-admin"} for messages. */
    String role() {
        String kind = ValueReader.text(roleKind);
        if (kind == null || roleKind.containsSensitive()) {
            kind = "role";
        }
        return kind + " " + ValueReader.show(roleName);
    }

    /** {@code RoleBinding "x" binds ClusterRole "admin" to "User:alice", "Group:devs"}. */
    String binds(List<Subject> offending) {
        List<String> shown = new ArrayList<>();
        for (Subject s : offending) {
            shown.add(s.shown());
        }
        return object.label() + " binds " + role() + " to " + String.join(", ", shown);
    }
}
