package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.Values;

/** Helpers for filling defaults into planned values where the configuration left a field unset. */
final class Defaults {

    private Defaults() {
    }

    /** {@code obj} with attribute {@code name} set to {@code dflt} when the configuration object {@code cfg} leaves it null. */
    static Value fill(Value obj, Value cfg, String name, Value dflt) {
        Value c = Values.attr(cfg, name);
        if (c != null && !c.isNull()) {
            return obj;
        }
        return Values.with(obj, name, dflt);
    }

    /**
     * Applies {@code fn(plannedElement, configElement)} to each element of the block list
     * {@code block}, pairing planned and configuration elements by position.
     */
    static Value eachPair(Value planned, Value config, String block, Pair fn) {
        Value pl = Values.attr(planned, block);
        if (!Values.present(pl) || pl.length() == 0) {
            return planned;
        }
        java.util.List<Value> cfgEls = Values.elements(config, block);
        java.util.List<Value> out = new java.util.ArrayList<>();
        for (int i = 0; i < pl.length(); i++) {
            Value p = pl.elements().get(i);
            out.add(Values.present(p) ? fn.apply(p, i < cfgEls.size() ? cfgEls.get(i) : null) : p);
        }
        return Values.with(planned, block, Values.rebuild(pl.type(), out));
    }

    /** Applies {@code fn} to the first element of {@code block} and its configuration counterpart. */
    static Value first(Value planned, Value config, String block, Pair fn) {
        Value cf = Values.first(config, block);
        return Values.withFirst(planned, block, p -> fn.apply(p, cf));
    }

    /** A function of a planned element and its configuration element (maybe null). */
    interface Pair {
        Value apply(Value planned, Value config);
    }
}
