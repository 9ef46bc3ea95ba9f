package dev.lockstep.planner.policy.rules;

import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code k8s-privileged-binding}: a binding of the ClusterRoles {@code roles} (cluster-admin,
 * admin) to a subject not in {@code allowed_subjects}.
 */
public final class PrivilegedBindingRule extends ObjectRule {

    public static final String ID = "k8s-privileged-binding";

    public PrivilegedBindingRule() {
        super(new Info(ID, "Binding grants an administrator role",
                "cluster-admin and admin give full control of the cluster or namespace; every holder is a "
                        + "path to everything the scope contains.",
                "Bind a role with the permissions the subject needs, or list the subject in allowed_subjects "
                        + "when it must administer.",
                Enforcement.MANDATORY, kubernetesTypes(true, "kubernetes_role_binding",
                        "kubernetes_cluster_role_binding"),
                List.of(strings("roles", "ClusterRoles whose binding is privileged.", "cluster-admin", "admin"),
                        strings("allowed_subjects", "Subjects that may hold them: \"User:name\", \"Group:name\", "
                                + "\"ServiceAccount:namespace/name\"."))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject o = KubeObject.of(subject, Binding.KINDS);
        if (o == null) {
            return null;
        }
        Binding b = Binding.of(o);
        if (!"ClusterRole".equals(ValueReader.text(b.roleKind()))
                || !settings.strings("roles").contains(ValueReader.text(b.roleName()))) {
            return null;
        }
        List<String> allowed = settings.strings("allowed_subjects");
        List<Binding.Subject> offending = new ArrayList<>();
        for (Binding.Subject s : b.subjects()) {
            if (s.known() && !allowed.contains(s.key())) {
                offending.add(s);
            }
        }
        return offending.isEmpty() ? null : b.binds(offending);
    }
}
