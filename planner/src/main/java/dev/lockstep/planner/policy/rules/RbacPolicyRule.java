package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a Role or ClusterRole ({@code rule} blocks of the typed resources, {@code rules} of a
 * manifest).
 *
 * @param verbs the verbs
 * @param resources the resources, or null
 * @param apiGroups the API groups, or null
 * @param nonResourceUrls the non-resource URLs (cluster roles), or null
 */
public record RbacPolicyRule(Value verbs, Value resources, Value apiGroups, Value nonResourceUrls) {

    /** The rules of a Role or ClusterRole; none when they are not known yet. */
    public static List<RbacPolicyRule> of(KubeObject role) {
        List<RbacPolicyRule> out = new ArrayList<>();
        for (Value r : ValueReader.items(role.field(role.body(), "rule", "rules"))) {
            out.add(new RbacPolicyRule(role.field(r, "verbs", "verbs"), role.field(r, "resources", "resources"),
                    role.field(r, "api_groups", "apiGroups"), role.field(r, "non_resource_urls", "nonResourceURLs")));
        }
        return out;
    }

    /** {@code *} in verbs and in resources: every action on every resource. */
    Tri allWildcard() {
        return ValueReader.contains(verbs, "*").and(ValueReader.contains(resources, "*"));
    }

    /** {@code *} in verbs, resources or API groups. */
    Tri anyWildcard() {
        Tri v = ValueReader.contains(verbs, "*");
        Tri r = ValueReader.contains(resources, "*");
        Tri g = ValueReader.contains(apiGroups, "*");
        if (v == Tri.YES || r == Tri.YES || g == Tri.YES) {
            return Tri.YES;
        }
        return v == Tri.NO && r == Tri.NO && g == Tri.NO ? Tri.NO : Tri.UNKNOWN;
    }

    /** The rule for a message: {@code verbs ["*"] on resources ["*"] in API groups [""]}. */
    String describe() {
        StringBuilder sb = new StringBuilder("verbs ").append(ValueReader.show(verbs));
        if (!ValueReader.empty(resources)) {
            sb.append(" on resources ").append(ValueReader.show(resources));
        }
        if (!ValueReader.empty(apiGroups)) {
            sb.append(" in API groups ").append(ValueReader.show(apiGroups));
        }
        if (!ValueReader.empty(nonResourceUrls)) {
            sb.append(" on non-resource URLs ").append(ValueReader.show(nonResourceUrls));
        }
        return sb.toString();
    }

    /** {@code Role "x" grants A, and B}, or null when {@code rules} is empty. */
    static String grants(KubeObject role, List<RbacPolicyRule> rules) {
        if (rules.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (RbacPolicyRule r : rules) {
            parts.add(r.describe());
        }
        return role.label() + " grants " + String.join(", and ", parts);
    }
}
