package dev.lockstep.planner.policy.rules;

import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/** {@code k8s-binding-user-subject}: a binding with a {@code User} subject not in {@code allowed_users}. */
public final class BindingUserSubjectRule extends ObjectRule {

    public static final String ID = "k8s-binding-user-subject";

    public BindingUserSubjectRule() {
        super(new Info(ID, "Binding names an individual user",
                "Access granted to a person by name outlives their role change or departure; groups from the "
                        + "identity provider follow membership.",
                "Bind identity-provider groups instead of individual users.",
                Enforcement.ADVISORY, kubernetesTypes(true, "kubernetes_role_binding",
                        "kubernetes_cluster_role_binding"),
                List.of(strings("allowed_users", "User names that may be bound directly (such as break-glass "
                        + "accounts)."))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject o = KubeObject.of(subject, Binding.KINDS);
        if (o == null) {
            return null;
        }
        Binding b = Binding.of(o);
        List<String> allowed = settings.strings("allowed_users");
        List<Binding.Subject> users = new ArrayList<>();
        for (Binding.Subject s : b.subjects()) {
            if ("User".equals(ValueReader.text(s.kind())) && ValueReader.text(s.name()) != null
                    && !allowed.contains(ValueReader.text(s.name()))) {
                users.add(s);
            }
        }
        return users.isEmpty() ? null : b.binds(users);
    }
}
