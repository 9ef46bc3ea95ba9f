package dev.lockstep.planner.policy.eval;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels a custom policy's {@code labels} selector matches: a Kubernetes object's
 * {@code metadata.labels} (typed resources and {@code kubernetes_manifest}), a Databricks
 * object's {@code custom_tags} or {@code tags}. Unknown or sensitive label values are left out.
 */
final class SubjectLabels {

    private SubjectLabels() {
    }

    static Map<String, String> of(PolicySubject s) {
        Map<String, String> out = new TreeMap<>();
        Value v = s.value() == null ? null : s.value().unmarkDeep();
        if (v == null || !v.isKnown() || v.isNull() || !v.isObject()) {
            return out;
        }
        Value meta = attr(v, "metadata");
        if (meta != null && meta.isSequence() && meta.length() > 0) {
            add(attr(meta.elements().get(0), "labels"), out);
        }
        Value manifest = attr(v, "manifest");
        if (manifest != null && manifest.isMapping()) {
            Value m = attr(manifest, "metadata");
            if (m != null && m.isMapping()) {
                add(attr(m, "labels"), out);
            }
        }
        add(attr(v, "custom_tags"), out);
        add(attr(v, "tags"), out);
        return out;
    }

    private static Value attr(Value v, String name) {
        if (v == null || !v.isKnown() || v.isNull() || !v.isMapping()) {
            return null;
        }
        Value a = v.attributes().get(name);
        return a == null || !a.isKnown() || a.isNull() ? null : a;
    }

    private static void add(Value labels, Map<String, String> out) {
        if (labels == null || !labels.isMapping()) {
            return;
        }
        labels.attributes().forEach((k, x) -> {
            if (x != null && x.isKnown() && !x.isNull() && !x.isSensitive() && x.type().equals(
                    dev.lockstep.api.value.Type.STRING)) {
                out.put(k, x.asString());
            }
        });
    }
}
