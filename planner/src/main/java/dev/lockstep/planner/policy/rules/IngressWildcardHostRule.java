package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/** {@code k8s-ingress-wildcard-host}: an Ingress rule host or tls host starting with {@code *}. */
public final class IngressWildcardHostRule extends ObjectRule {

    public static final String ID = "k8s-ingress-wildcard-host";

    public IngressWildcardHostRule() {
        super(new Info(ID, "Ingress uses a wildcard host",
                "A wildcard host routes every matching name, including ones nobody meant to publish, and its "
                        + "wildcard certificate serves them all if its key leaks.",
                "Name each host the service answers to.",
                Enforcement.ADVISORY, kubernetesTypes(true, "kubernetes_ingress"), List.of()));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        KubeObject ingress = KubeObject.of(subject, IngressHosts.KINDS);
        if (ingress == null) {
            return null;
        }
        List<Value> hosts = new ArrayList<>(IngressHosts.ruleHosts(ingress));
        for (Value list : IngressHosts.tlsHostLists(ingress)) {
            hosts.addAll(ValueReader.items(list));
        }
        List<Value> wildcards = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Value h : hosts) {
            String t = ValueReader.text(h);
            if (t != null && t.startsWith("*") && !seen.contains(t)) {
                seen.add(t);
                wildcards.add(h);
            }
        }
        if (wildcards.isEmpty()) {
            return null;
        }
        return ingress.label() + " uses wildcard " + (wildcards.size() == 1 ? "host " : "hosts ")
                + ValueReader.showAll(wildcards);
    }
}
