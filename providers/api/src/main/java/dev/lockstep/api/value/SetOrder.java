package dev.lockstep.api.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * The iteration order of set elements, as HCL's reference implementation (cty) orders them:
 * nulls last, unknowns after known values, numbers ascending, strings by code point, false
 * before true. Elements of other types (lists, objects, ...) have no natural order; cty orders
 * them by the bytes of their set-hash rendering, and so does this comparator, so that
 * {@code toset([{n = 2}, {n = 1}, {n = 10}])} iterates {@code 10, 1, 2} in both.
 */
public enum SetOrder implements Comparator<Value> {
    INSTANCE;

    @Override
    public int compare(Value a, Value b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isKnown() && b.isKnown() && a.isNull() != b.isNull()) {
            return a.isNull() ? 1 : -1;
        }
        if (a.isKnown() != b.isKnown()) {
            // cty: an unknown is not null, so it sorts before nulls but after known values
            if (!a.isKnown()) {
                return b.isNull() ? -1 : 1;
            }
            return a.isNull() ? 1 : -1;
        }
        if (!a.isKnown() || a.isNull()) {
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
        int c = Arrays.compareUnsigned(hashBytes(a), hashBytes(b));
        return c != 0 ? c : structural(a, b);
    }

    /**
     * A total order for values whose hash renderings tie (numbers differing beyond ten digits),
     * so that equal values always end up next to each other.
     */
    private int structural(Value a, Value b) {
        if (a.isKnown() != b.isKnown()) {
            return a.isKnown() ? -1 : 1;
        }
        if (!a.isKnown() || a.isNull() || b.isNull()) {
            return Boolean.compare(a.isNull(), b.isNull());
        }
        if (a.type() == Type.NUMBER && b.type() == Type.NUMBER) {
            return a.asNumber().compareTo(b.asNumber());
        }
        if (a.type().isPrimitive() && b.type().isPrimitive()) {
            return compare(a, b);
        }
        if (a.isSequence() && b.isSequence()) {
            int n = Math.min(a.length(), b.length());
            for (int i = 0; i < n; i++) {
                int c = structural(a.elements().get(i), b.elements().get(i));
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
                    c = structural(ea.getValue(), eb.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(ia.hasNext(), ib.hasNext());
        }
        return a.type().typeExpr().compareTo(b.type().typeExpr());
    }

    /** cty's set-hash rendering of a value (marks ignored), as UTF-8 bytes. */
    static byte[] hashBytes(Value v) {
        StringBuilder sb = new StringBuilder();
        appendHash(v, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendHash(Value v, StringBuilder sb) {
        if (!v.isKnown()) {
            sb.append('?');
            return;
        }
        if (v.isNull()) {
            sb.append('~');
            return;
        }
        Type t = v.type();
        if (t == Type.NUMBER) {
            sb.append(goFloatG10(v.asNumber()));
        } else if (t == Type.BOOL) {
            sb.append(v.asBool() ? 'T' : 'F');
        } else if (t == Type.STRING) {
            GoQuote.quote(v.asString(), sb);
        } else if (v.isMap()) {
            sb.append('{');
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                GoQuote.quote(e.getKey(), sb);
                sb.append(':');
                appendHash(e.getValue(), sb);
                sb.append(';');
            }
            sb.append('}');
        } else if (v.isList() || v.isSet()) {
            sb.append('[');
            for (Value e : v.elements()) {
                appendHash(e, sb);
                sb.append(';');
            }
            sb.append(']');
        } else if (v.isObject()) {
            sb.append('<');
            for (Value e : v.attributes().values()) {
                appendHash(e, sb);
                sb.append(';');
            }
            sb.append('>');
        } else if (v.isTuple()) {
            sb.append('<');
            for (Value e : v.elements()) {
                appendHash(e, sb);
                sb.append(';');
            }
            sb.append('>');
        }
    }

    /** Go's {@code big.Float.String()}: {@code %g} with 10 significant digits. */
    static String goFloatG10(BigDecimal n) {
        if (n.signum() == 0) {
            return "0";
        }
        BigDecimal r = n.round(new MathContext(10, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String digits = r.unscaledValue().abs().toString();
        int exp = digits.length() - r.scale() - 1; // decimal exponent of the first digit
        String sign = r.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= 10) {
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            return sb.append(ae).toString();
        }
        return sign + r.abs().toPlainString();
    }
}
