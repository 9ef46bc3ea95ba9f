package dev.lockstep.planner.engine;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's default planning from a schema, before any provider customisation: configuration
 * values where the configuration sets them, the prior value of computed attributes it does not
 * set (or an unknown for a new object), and null otherwise; plus the attributes whose change
 * forces a replacement.
 */
public final class Proposals {

    private Proposals() {
    }

    /** The proposed value of a new object. */
    public static Value proposeNew(BlockSchema s, Value config) {
        return propose(s, null, config);
    }

    /** The proposed value of an update of {@code prior}. */
    public static Value propose(BlockSchema s, Value prior, Value config) {
        Map<String, Value> out = new LinkedHashMap<>();
        boolean hasPrior = prior != null && !prior.isNull() && prior.isKnown();
        for (AttributeSchema a : s.attributes().values()) {
            Value c = config == null || !config.isKnown() ? null : config.get(a.name());
            if (c != null && !c.isNull()) {
                out.put(a.name(), c);
            } else if (a.computed()) {
                Value p = hasPrior ? prior.get(a.name()) : null;
                out.put(a.name(), p != null ? p : Value.unknown(a.type()).markSensitiveIf(a.sensitive()));
            } else {
                out.put(a.name(), c != null ? c : Value.nullOf(a.type()));
            }
        }
        for (NestedBlockSchema b : s.blocks().values()) {
            Value c = config == null || !config.isKnown() ? null : config.get(b.name());
            Value p = hasPrior ? prior.get(b.name()) : null;
            out.put(b.name(), block(b, p, c));
        }
        return Value.object(out);
    }

    private static Value block(NestedBlockSchema b, Value prior, Value config) {
        if (config == null) {
            return Value.nullOf(b.block().impliedType());
        }
        if (!config.isKnown() || config.isNull()) {
            return config;
        }
        switch (b.nesting()) {
            case SINGLE:
                return propose(b.block(), prior, config);
            case LIST: {
                List<Value> els = new ArrayList<>();
                List<Value> ce = config.elements();
                for (int i = 0; i < ce.size(); i++) {
                    Value p = prior != null && prior.isKnown() && !prior.isNull() && i < prior.length()
                            ? prior.elements().get(i) : null;
                    els.add(propose(b.block(), p, ce.get(i)));
                }
                return sequence(config, els);
            }
            case SET: {
                List<Value> els = new ArrayList<>();
                for (Value c : config.elements()) {
                    els.add(propose(b.block(), matchInSet(b.block(), prior, c), c));
                }
                return sequence(config, els);
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** The prior set element whose configurable attributes equal those of {@code config}, or null. */
    private static Value matchInSet(BlockSchema s, Value prior, Value config) {
        if (prior == null || !prior.isKnown() || prior.isNull()) {
            return null;
        }
        outer:
        for (Value p : prior.elements()) {
            for (AttributeSchema a : s.attributes().values()) {
                if (a.computed() && !a.optional()) {
                    continue;
                }
                Value x = p.get(a.name());
                Value y = config.get(a.name());
                if (y != null && !y.isNull() && (x == null || !Diffs.sameValue(x, y))) {
                    continue outer;
                }
            }
            return p;
        }
        return null;
    }

    private static Value sequence(Value like, List<Value> els) {
        if (els.isEmpty()) {
            return like;
        }
        Type et = els.get(0).type();
        for (Value v : els) {
            if (!v.type().equals(et)) {
                return Value.tuple(els);
            }
        }
        return like.isSet() ? Value.set(et, els) : Value.list(et, els);
    }

    /** Paths of force-new attributes and blocks whose planned value differs from the prior one. */
    public static List<AttributePath> forceNewChanges(BlockSchema s, Value prior, Value planned) {
        List<AttributePath> out = new ArrayList<>();
        collectForceNew(s, prior, planned, AttributePath.ROOT, out);
        return out;
    }

    private static void collectForceNew(BlockSchema s, Value prior, Value planned, AttributePath at,
            List<AttributePath> out) {
        if (prior == null || planned == null || !prior.isKnown() || !planned.isKnown() || prior.isNull()
                || planned.isNull()) {
            return;
        }
        for (AttributeSchema a : s.attributes().values()) {
            if (a.forceNew() && !Diffs.sameValue(prior.get(a.name()), planned.get(a.name()))) {
                out.add(at.attr(a.name()));
            }
        }
        for (NestedBlockSchema b : s.blocks().values()) {
            Value p = prior.get(b.name());
            Value n = planned.get(b.name());
            if (b.forceNew()) {
                if (!Diffs.sameValue(p, n)) {
                    out.add(at.attr(b.name()));
                }
                continue;
            }
            if (p == null || n == null || !p.isKnown() || !n.isKnown() || p.isNull() || n.isNull()) {
                continue;
            }
            if (b.nesting() == NestedBlockSchema.Nesting.SINGLE) {
                collectForceNew(b.block(), p, n, at.attr(b.name()), out);
            } else if (b.nesting() == NestedBlockSchema.Nesting.LIST) {
                for (int i = 0; i < Math.min(p.length(), n.length()); i++) {
                    collectForceNew(b.block(), p.elements().get(i), n.elements().get(i), at.attr(b.name()).index(i),
                            out);
                }
            }
        }
    }
}
