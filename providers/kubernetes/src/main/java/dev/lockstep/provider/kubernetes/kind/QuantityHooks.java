package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.Quantity;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource quotas and limit ranges: a quantity the configuration writes differently from the
 * server's canonical form ({@code 1024Mi} against {@code 1Gi}) keeps the server's spelling, so
 * equal amounts never show as a change.
 */
final class QuantityHooks implements KindHooks {

    private final String list;
    private final List<String> maps;

    /**
     * @param list the block under {@code spec} holding the maps ({@code limit}), or null when the
     *     maps are directly in {@code spec}
     * @param maps the names of the quantity maps
     */
    QuantityHooks(String list, List<String> maps) {
        this.list = list;
        this.maps = maps;
    }

    @Override
    public Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        Value priorSpec = Values.first(prior, "spec");
        return Values.withFirst(planned, "spec", spec -> {
            if (list == null) {
                return normalize(spec, priorSpec);
            }
            List<Value> priorEls = Values.elements(priorSpec, list);
            int[] i = {0};
            return Values.mapElements(spec, list, e -> {
                Value p = i[0] < priorEls.size() ? priorEls.get(i[0]) : null;
                i[0]++;
                return normalize(e, p);
            });
        });
    }

    private Value normalize(Value obj, Value prior) {
        Value out = obj;
        for (String m : maps) {
            Map<String, Value> now = Values.entries(out, m);
            Map<String, Value> before = Values.entries(prior, m);
            if (now.isEmpty() || before.isEmpty()) {
                continue;
            }
            Map<String, Value> fixed = new LinkedHashMap<>(now);
            boolean changed = false;
            for (Map.Entry<String, Value> e : now.entrySet()) {
                Value b = before.get(e.getKey());
                if (Values.present(e.getValue()) && Values.present(b) && !e.getValue().equals(b)
                        && Quantity.sameAmount(e.getValue().asString(), b.asString())) {
                    fixed.put(e.getKey(), b);
                    changed = true;
                }
            }
            if (changed) {
                out = Values.with(out, m, Value.map(Type.STRING, fixed));
            }
        }
        return out;
    }
}
