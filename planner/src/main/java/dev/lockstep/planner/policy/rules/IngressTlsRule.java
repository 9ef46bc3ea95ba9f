package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code k8s-ingress-tls}: an Ingress without tls, or with a rule host no tls block covers. A tls
 * block without hosts covers every host (the controller's default certificate). A public
 * marker does not exempt from this rule.
 */
public final class IngressTlsRule extends ObjectRule {

    public static final String ID = "k8s-ingress-tls";

    public IngressTlsRule() {
        super(new Info(ID, "Ingress serves hosts without TLS",
                "Traffic to a host without a certificate travels in clear text: credentials, session cookies "
                        + "and data can be read and changed on the way.",
                "Add a tls block whose hosts cover every rule host, with a secret_name holding the certificate "
                        + "(cert-manager can issue it).",
                Enforcement.MANDATORY, kubernetesTypes(true, "kubernetes_ingress"), List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject ingress = KubeObject.of(subject, IngressHosts.KINDS);
        if (ingress == null) {
            return null;
        }
        Value tls = IngressHosts.tls(ingress);
        if (ValueReader.unknown(tls)) {
            return null;
        }
        if (ValueReader.empty(tls)) {
            return ingress.label() + " has no tls block: its hosts are served over plain HTTP";
        }
        List<String> certHosts = new ArrayList<>();
        for (Value hosts : IngressHosts.tlsHostLists(ingress)) {
            if (ValueReader.unknown(hosts) || ValueReader.empty(hosts)) {
                return null;
            }
            for (Value h : ValueReader.items(hosts)) {
                if (ValueReader.unknown(h)) {
                    return null;
                }
                if (ValueReader.text(h) != null) {
                    certHosts.add(ValueReader.text(h));
                }
            }
        }
        List<Value> uncovered = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Value host : IngressHosts.ruleHosts(ingress)) {
            String h = ValueReader.text(host);
            if (h == null || seen.contains(h)) {
                continue;
            }
            seen.add(h);
            if (certHosts.stream().noneMatch(c -> IngressHosts.covers(c, h))) {
                uncovered.add(host);
            }
        }
        if (uncovered.isEmpty()) {
            return null;
        }
        return ingress.label() + " serves " + (uncovered.size() == 1 ? "host " : "hosts ")
                + ValueReader.showAll(uncovered) + " without a tls block covering "
                + (uncovered.size() == 1 ? "it" : "them");
    }
}
