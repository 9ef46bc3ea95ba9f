package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s-ingress-external-auth}: an Ingress with none of the authentication annotations
 * ({@code auth_annotations}, {@code auth_crd_annotations}) set to a non-empty value, unless its
 * {@code public_annotation} is {@code "true"}.
 */
public final class IngressExternalAuthRule extends ObjectRule {

    public static final String ID = "k8s-ingress-external-auth";

    public IngressExternalAuthRule() {
        super(new Info(ID, "Ingress has no authentication",
                "An Ingress publishes its backends beyond the cluster; without authentication at the edge "
                        + "every service behind it must defend itself against anyone who can reach the host.",
                "Put external or basic authentication in front of it (ingress-nginx auth-url, auth-type, "
                        + "auth-tls-secret), or annotate it lockstep.dev/public = \"true\" if it is meant to be "
                        + "public.",
                Enforcement.ADVISORY, kubernetesTypes(true, "kubernetes_ingress"),
                List.of(strings("auth_annotations", "Annotations that turn on authentication at the controller.",
                                "nginx.ingress.kubernetes.io/auth-url", "nginx.ingress.kubernetes.io/auth-type",
                                "nginx.ingress.kubernetes.io/auth-tls-secret"),
                        strings("auth_crd_annotations", "Annotations that attach an authentication object of the "
                                + "controller (a Traefik middleware, a Kong plugin) that you use only for "
                                + "authentication."),
                        string("public_annotation", "Annotation that, set to \"true\", marks the Ingress as meant "
                                + "to be public.", "lockstep.dev/public"))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject ingress = KubeObject.of(subject, IngressHosts.KINDS);
        if (ingress == null) {
            return null;
        }
        Value annotations = ingress.annotations();
        if (ValueReader.unknown(annotations)) {
            return null;
        }
        Map<String, Value> entries = ValueReader.entries(annotations);
        String publicAnnotation = settings.string("public_annotation");
        if (publicAnnotation != null) {
            Value marker = entries.get(publicAnnotation);
            if (marker != null && (ValueReader.unknown(marker) || "true".equals(ValueReader.text(marker)))) {
                return null;
            }
        }
        List<String> auth = new ArrayList<>(settings.strings("auth_annotations"));
        auth.addAll(settings.strings("auth_crd_annotations"));
        for (String name : auth) {
            Value v = entries.get(name);
            String text = v == null ? null : ValueReader.text(v);
            if (v != null && (ValueReader.unknown(v) || text != null && !text.isEmpty())) {
                return null;
            }
        }
        String msg = ingress.label() + " has no authentication annotation";
        if (!auth.isEmpty()) {
            msg += " (such as " + auth.get(0) + ")";
        }
        if (publicAnnotation != null) {
            msg += " and is not annotated " + publicAnnotation + " = " + GoQuote.quote("true");
        }
        return msg;
    }
}
