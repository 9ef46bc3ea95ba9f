package dev.lockstep.api.value;

import java.util.Comparator;

/**
 * The iteration order of set elements: numbers ascending, strings in key order, false before
 * true, known before unknown, and anything else by a stable structural order.
 */
public enum SetOrder implements Comparator<Value> {
    INSTANCE;

    @Override
    public int compare(Value a, Value b) {
        if (a.isKnown() != b.isKnown()) {
            return a.isKnown() ? -1 : 1;
        }
        if (!a.isKnown()) {
            return 0;
        }
        if (a.isNull() != b.isNull()) {
            return a.isNull() ? 1 : -1;
        }
        if (a.isNull()) {
            return 0;
        }
        if (a.type() == Type.NUMBER && b.type() == Type.NUMBER) {
            return a.asNumber().compareTo(b.asNumber());
        }
        if (a.type() == Type.STRING && b.type() == Type.STRING) {
            return KeyOrder.INSTANCE.compare(a.asString(), b.asString());
        }
        if (a.type() == Type.BOOL && b.type() == Type.BOOL) {
            return Boolean.compare(a.asBool(), b.asBool());
        }
        if (a.isSequence() && b.isSequence()) {
            int n = Math.min(a.length(), b.length());
            for (int i = 0; i < n; i++) {
                int c = compare(a.elements().get(i), b.elements().get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.length(), b.length());
        }
        if (a.isMapping() && b.isMapping()) {
            var ia = a.attributes().entrySet().iterator();
            var ib = b.attributes().entrySet().iterator();
            while (ia.hasNext() && ib.hasNext()) {
                var ea = ia.next();
                var eb = ib.next();
                int c = KeyOrder.INSTANCE.compare(ea.getKey(), eb.getKey());
                if (c == 0) {
                    c = compare(ea.getValue(), eb.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(ia.hasNext(), ib.hasNext());
        }
        return a.type().typeExpr().compareTo(b.type().typeExpr());
    }
}
