package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Values;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code wait} block of {@code kubernetes_manifest}: after a create or update, poll the object
 * until every listed field matches its regular expression ({@code *}: any value), every listed
 * condition has its status, and (with {@code rollout}) a Deployment, StatefulSet or DaemonSet has
 * rolled out; bounded by the operation's timeout.
 */
final class ManifestWait {

    private ManifestWait() {
    }

    /** What the wait block asks; null when there is nothing to wait for. */
    record Spec(Map<String, Pattern> fields, List<String[]> conditions, boolean rollout) {
    }

    static Spec spec(Value wait, Diagnostics diags) {
        if (wait == null) {
            return null;
        }
        Map<String, Pattern> fields = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Value> e : Values.entries(wait, "fields").entrySet()) {
            String re = Values.present(e.getValue()) ? e.getValue().unmark().asString() : "*";
            try {
                fields.put(e.getKey(), re.equals("*") ? null : Pattern.compile(re));
            } catch (PatternSyntaxException ex) {
                diags.error("Invalid wait pattern", "wait.fields[\"" + e.getKey() + "\"] is not a regular expression: "
                        + ex.getDescription(), null);
            }
        }
        List<String[]> conditions = new ArrayList<>();
        for (Value c : Values.elements(wait, "condition")) {
            conditions.add(new String[] {Values.string(c, "type"), Values.string(c, "status")});
        }
        boolean rollout = Values.bool(wait, "rollout", false);
        return fields.isEmpty() && conditions.isEmpty() && !rollout ? null : new Spec(fields, conditions, rollout);
    }

    /**
     * Polls until {@code spec} is met or {@code timeout} passed; an unmet wait is an error.
     * Returns the object as last seen (null if it was never seen).
     */
    static Map<String, Object> await(ProviderContext ctx, ResourceType t, String ns, String name, Spec spec,
            Duration timeout, Diagnostics diags) {
        String what = t.describe(ns, name);
        ctx.log().info("kubernetes: waiting up to " + timeout.toSeconds() + "s for " + what);
        List<String> unmet = new ArrayList<>();
        List<Map<String, Object>> last = new ArrayList<>(List.of(Map.of()));
        boolean ok = ctx.waits().until(timeout, () -> {
            unmet.clear();
            Map<String, Object> live = ctx.api().get(t, ns, name);
            last.set(0, live == null ? Map.of() : live);
            if (live == null) {
                unmet.add("the object exists");
                return false;
            }
            unmet.addAll(unmet(live, spec));
            return unmet.isEmpty();
        });
        if (!ok) {
            diags.error("Wait not satisfied", what + " did not reach the awaited state within " + timeout.toSeconds()
                    + "s; still waiting for: " + String.join(", ", unmet) + ".", null);
        }
        return last.get(0).isEmpty() ? null : last.get(0);
    }

    static List<String> unmet(Map<String, Object> live, Spec spec) {
        List<String> out = new ArrayList<>();
        Value v = Json.toValue(live);
        spec.fields().forEach((path, re) -> {
            Value x;
            try {
                x = AttributePath.parse(path).get(v);
            } catch (IllegalArgumentException e) {
                x = null;
            }
            String s = text(x);
            if (s == null || (re != null && !re.matcher(s).find())) {
                out.add(path + (re == null ? " set" : " matching " + re.pattern()));
            }
        });
        for (String[] c : spec.conditions()) {
            boolean met = false;
            for (Object o : Json.array(Json.object(live, "status"), "conditions")) {
                if (o instanceof Map<?, ?> m && String.valueOf(m.get("type")).equals(c[0])
                        && (c[1] == null || String.valueOf(m.get("status")).equals(c[1]))) {
                    met = true;
                }
            }
            if (!met) {
                out.add("condition " + c[0] + "=" + c[1]);
            }
        }
        if (spec.rollout() && !rolledOut(live)) {
            out.add("rollout");
        }
        return out;
    }

    private static String text(Value x) {
        if (x == null || x.isNull() || !x.isKnown()) {
            return null;
        }
        Value u = x.unmark();
        if (u.type() == dev.lockstep.api.value.Type.NUMBER) {
            return Value.formatNumber(u.asNumber());
        }
        if (u.type() == dev.lockstep.api.value.Type.BOOL) {
            return String.valueOf(u.asBool());
        }
        if (u.type() == dev.lockstep.api.value.Type.STRING) {
            return u.asString();
        }
        return String.valueOf(Json.fromValue(u));
    }

    private static boolean rolledOut(Map<String, Object> live) {
        String kind = Json.string(live, "kind");
        Map<String, Object> status = Json.object(live, "status");
        Map<String, Object> spec = Json.object(live, "spec");
        long generation = num(Json.object(live, "metadata"), "generation", 0);
        if (status == null || num(status, "observedGeneration", -1) < generation) {
            return false;
        }
        if ("DaemonSet".equals(kind)) {
            long desired = num(status, "desiredNumberScheduled", 0);
            return num(status, "updatedNumberScheduled", 0) == desired && num(status, "numberReady", 0) == desired;
        }
        long replicas = num(spec, "replicas", 1);
        return num(status, "updatedReplicas", 0) == replicas && num(status, "readyReplicas", 0) == replicas;
    }

    private static long num(Map<String, Object> m, String key, long dflt) {
        Object o = m == null ? null : m.get(key);
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return o == null ? dflt : new BigDecimal(String.valueOf(o)).longValue();
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
