package dev.lockstep.planner.access;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.rules.KubeObject;
import dev.lockstep.planner.policy.rules.ValueReader;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector ({@code match_labels} / {@code matchLabels}, and match expressions) applied to labels. */
final class LabelSelector {

    private LabelSelector() {
    }

    /** Whether the labels (a known map) satisfy the selector; an empty selector matches nothing, as for aggregation. */
    static boolean matches(KubeObject owner, Value selector, Value labels) {
        Map<String, Value> want = ValueReader.entries(owner.field(selector, "match_labels", "matchLabels"));
        List<Value> exprs = ValueReader.items(owner.field(selector, "match_expressions", "matchExpressions"));
        if (want.isEmpty() && exprs.isEmpty()) {
            return false;
        }
        Map<String, Value> have = ValueReader.entries(labels);
        for (Map.Entry<String, Value> e : want.entrySet()) {
            String v = ValueReader.text(have.getOrDefault(e.getKey(), Value.NULL));
            if (v == null || !v.equals(ValueReader.text(e.getValue()))) {
                return false;
            }
        }
        for (Value x : exprs) {
            String key = ValueReader.text(ValueReader.get(x, "key"));
            String op = ValueReader.text(ValueReader.get(x, "operator"));
            List<String> values = KubernetesAccess.texts(ValueReader.get(x, "values"));
            String v = key == null ? null : ValueReader.text(have.getOrDefault(key, Value.NULL));
            boolean ok;
            switch (op == null ? "" : op) {
                case "In":
                    ok = v != null && values != null && values.contains(v);
                    break;
                case "NotIn":
                    ok = v == null || values == null || !values.contains(v);
                    break;
                case "Exists":
                    ok = v != null;
                    break;
                case "DoesNotExist":
                    ok = v == null;
                    break;
                default:
                    ok = false;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
