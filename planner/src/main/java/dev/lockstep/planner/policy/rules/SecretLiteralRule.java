package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code k8s-secret-literal}: a Secret whose {@code data} or {@code binary_data} (a manifest's
 * {@code data} or {@code stringData}) is written in the configuration: the attribute's expression
 * references nothing ({@link PolicySubject#literals}). For a manifest lockstep knows this only of
 * the whole {@code manifest} attribute, so a manifest Secret counts when its manifest references
 * nothing at all. Only planned subjects have literals. Never names a key or value.
 */
public final class SecretLiteralRule extends ObjectRule {

    public static final String ID = "k8s-secret-literal";
    private static final Set<String> KINDS = Set.of("Secret");

    public SecretLiteralRule() {
        super(new Info(ID, "Secret values are written in the configuration",
                "A value written in the configuration is in version control, in every clone and in code "
                        + "review tools, out of reach of rotation and access control.",
                "Read the value from a secret source (vault_kv_secret, aws_secretsmanager_secret, a sensitive "
                        + "variable) instead of writing it in the configuration.",
                Enforcement.ADVISORY, kubernetesTypes(true, "kubernetes_secret"), List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject secret = KubeObject.of(subject, KINDS);
        if (secret == null) {
            return null;
        }
        List<String> literal = new ArrayList<>();
        if (secret.manifest()) {
            if (subject.literals().contains("manifest")) {
                for (String field : List.of("data", "stringData")) {
                    if (hasEntries(ValueReader.get(secret.body(), field))) {
                        literal.add("manifest." + field);
                    }
                }
            }
        } else {
            for (String field : List.of("data", "binary_data")) {
                if (subject.literals().contains(field) && hasEntries(ValueReader.get(secret.body(), field))) {
                    literal.add(field);
                }
            }
        }
        if (literal.isEmpty()) {
            return null;
        }
        return secret.label() + " has " + String.join(" and ", literal)
                + " written in the configuration instead of read from a secret source";
    }

    private static boolean hasEntries(Value v) {
        return v.isKnown() && !ValueReader.empty(v);
    }
}
