package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hosts of an Ingress: those of its rules ({@code spec[0].rule[*].host}, a manifest's
 * {@code spec.rules[*].host}) and its tls blocks ({@code spec[0].tls[*].hosts}, {@code spec.tls[*].hosts}).
 */
final class IngressHosts {

    static final Set<String> KINDS = Set.of("Ingress");

    private IngressHosts() {
    }

    /** The rules' {@code host} values, unknown ones included; empty when the rules are not known. */
    static List<Value> ruleHosts(KubeObject ingress) {
        List<Value> out = new ArrayList<>();
        for (Value rule : ValueReader.items(ingress.field(ingress.spec(), "rule", "rules"))) {
            out.add(ValueReader.get(rule, "host"));
        }
        return out;
    }

    /** The tls blocks' {@code hosts} lists. */
    static List<Value> tlsHostLists(KubeObject ingress) {
        List<Value> out = new ArrayList<>();
        for (Value tls : ValueReader.items(tls(ingress))) {
            out.add(ValueReader.get(tls, "hosts"));
        }
        return out;
    }

    /** The tls blocks, as a collection value. */
    static Value tls(KubeObject ingress) {
        Value spec = ingress.spec();
        return ValueReader.unknown(spec) ? spec : ingress.field(spec, "tls", "tls");
    }

    /** The rules, as a collection value. */
    static Value rules(KubeObject ingress) {
        Value spec = ingress.spec();
        return ValueReader.unknown(spec) ? spec : ingress.field(spec, "rule", "rules");
    }

    /**
     * Whether a certificate for {@code certHost} serves {@code host}: the same name (DNS names
     * compare without case), or a wildcard {@code *.example.com} and a name one label below it.
     */
    static boolean covers(String certHost, String host) {
        String c = certHost.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (c.equals(h)) {
            return true;
        }
        if (c.startsWith("*.")) {
            String suffix = c.substring(1);
            return h.endsWith(suffix) && h.length() > suffix.length()
                    && h.substring(0, h.length() - suffix.length()).indexOf('.') < 0
                    && !h.startsWith("*");
        }
        return false;
    }
}
