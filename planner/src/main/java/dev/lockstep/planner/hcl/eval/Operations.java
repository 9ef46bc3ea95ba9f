package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.NumberSize;
import dev.lockstep.planner.hcl.ast.Operator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * HCL's operators on values: arithmetic on arbitrary-precision decimals (division keeps 34
 * significant digits), comparison, equality across all types, and the logical operators.
 * Unknown operands give unknown results of the operator's result type; a sensitive operand makes
 * the result sensitive.
 */
public final class Operations {

    /** Precision of division: 34 significant decimal digits (IEEE 754 decimal128). */
    public static final MathContext DIVISION = new MathContext(34, RoundingMode.HALF_EVEN);

    private Operations() {
    }

    /** Applies a binary operator to evaluated operands. */
    public static Value binary(Operator op, Value lhs, Value rhs, SourceRange lhsRange, SourceRange rhsRange,
            SourceRange range, Diagnostics diags) {
        boolean mark = lhs.containsSensitive() || rhs.containsSensitive();
        switch (op) {
            case EQUAL:
            case NOT_EQUAL: {
                Value eq = equal(lhs, rhs);
                if (!eq.isKnown()) {
                    return eq.markSensitiveIf(mark);
                }
                return Value.bool(op == Operator.EQUAL == eq.asBool()).markSensitiveIf(mark);
            }
            case AND:
            case OR: {
                Value l = operand(lhs, Type.BOOL, "left", lhsRange, diags);
                Value r = operand(rhs, Type.BOOL, "right", rhsRange, diags);
                if (l == null || r == null) {
                    return Value.unknown(Type.BOOL);
                }
                if (!l.isKnown() || !r.isKnown()) {
                    // HCL evaluates both operands and does not short-circuit on unknowns
                    return Value.unknown(Type.BOOL).markSensitiveIf(mark);
                }
                return Value.bool(op == Operator.AND ? l.asBool() && r.asBool() : l.asBool() || r.asBool())
                        .markSensitiveIf(mark);
            }
            default:
                break;
        }
        Value l = operand(lhs, Type.NUMBER, "left", lhsRange, diags);
        Value r = operand(rhs, Type.NUMBER, "right", rhsRange, diags);
        boolean comparison = op == Operator.LESS || op == Operator.GREATER || op == Operator.LESS_EQUAL
                || op == Operator.GREATER_EQUAL;
        Type resultType = comparison ? Type.BOOL : Type.NUMBER;
        if (l == null || r == null) {
            return Value.unknown(resultType);
        }
        if (!l.isKnown() || !r.isKnown()) {
            return Value.unknown(resultType).markSensitiveIf(mark);
        }
        BigDecimal a = l.asNumber();
        BigDecimal b = r.asNumber();
        if (!comparison && (NumberSize.tooLarge(a) || NumberSize.tooLarge(b))) {
            diags.error("Operation failed", "Error during operation: an operand has more than "
                    + NumberSize.MAX_DIGITS + " digits when written out in full.", range);
            return Value.unknown(Type.NUMBER);
        }
        Value out;
        switch (op) {
            case LESS:
                out = Value.bool(a.compareTo(b) < 0);
                break;
            case GREATER:
                out = Value.bool(a.compareTo(b) > 0);
                break;
            case LESS_EQUAL:
                out = Value.bool(a.compareTo(b) <= 0);
                break;
            case GREATER_EQUAL:
                out = Value.bool(a.compareTo(b) >= 0);
                break;
            case ADD:
                out = Value.number(a.add(b));
                break;
            case SUBTRACT:
                out = Value.number(a.subtract(b));
                break;
            case MULTIPLY:
                out = Value.number(a.multiply(b));
                break;
            case DIVIDE:
                if (b.signum() == 0) {
                    diags.error("Operation failed", "Error during operation: can't divide by zero.", range);
                    return Value.unknown(Type.NUMBER);
                }
                out = Value.number(a.divide(b, DIVISION));
                break;
            case MODULO:
                if (b.signum() == 0) {
                    diags.error("Operation failed", "Error during operation: can't use modulo by zero.", range);
                    return Value.unknown(Type.NUMBER);
                }
                out = Value.number(a.remainder(b));
                break;
            default:
                throw new IllegalStateException("not a binary operator: " + op);
        }
        if (!comparison && NumberSize.tooLarge(out.asNumber())) {
            diags.error("Operation failed", "Error during operation: the result would have more than "
                    + NumberSize.MAX_DIGITS + " digits when written out in full.", range);
            return Value.unknown(Type.NUMBER);
        }
        return out.markSensitiveIf(mark);
    }

    /** Applies {@code -x} or {@code !x}. */
    public static Value unary(Operator op, Value v, SourceRange range, Diagnostics diags) {
        boolean mark = v.isSensitive();
        if (op == Operator.NOT) {
            Value b = operand(v, Type.BOOL, null, range, diags);
            if (b == null) {
                return Value.unknown(Type.BOOL);
            }
            return (b.isKnown() ? Value.bool(!b.asBool()) : b).markSensitiveIf(mark);
        }
        Value n = operand(v, Type.NUMBER, null, range, diags);
        if (n == null) {
            return Value.unknown(Type.NUMBER);
        }
        return (n.isKnown() ? Value.number(n.asNumber().negate()) : n).markSensitiveIf(mark);
    }

    /** Converts an operand, reporting HCL's "Invalid operand" error; null after an error. */
    private static Value operand(Value v, Type want, String side, SourceRange range, Diagnostics diags) {
        String which = side == null ? "operand" : side + " operand";
        if (v.isNull()) {
            diags.error("Invalid operand", "Unsuitable value for " + which + ": a " + want.friendlyName()
                    + " is required, but the value is null.", range);
            return null;
        }
        try {
            return Conversion.convert(v.unmarkDeep(), want);
        } catch (ConversionException e) {
            String msg = e.getMessage();
            if (msg.endsWith(" required")) {
                msg = "a " + want.friendlyName() + " is required";
            }
            diags.error("Invalid operand", "Unsuitable value for " + which + ": " + msg + ".", range);
            return null;
        }
    }

    /**
     * The language's {@code ==}: unknown if either side is (or contains) an unknown, true for two
     * nulls, false when the types differ, otherwise a deep comparison.
     */
    public static Value equal(Value a, Value b) {
        a = a.unmarkDeep();
        b = b.unmarkDeep();
        if (!a.isKnown() || !b.isKnown()) {
            return Value.unknown(Type.BOOL);
        }
        if (a.isNull() || b.isNull()) {
            return Value.bool(a.isNull() && b.isNull());
        }
        if (!a.isWhollyKnown() || !b.isWhollyKnown()) {
            if (!a.type().equals(b.type())) {
                return Value.FALSE;
            }
            return structuralUnknownEqual(a, b);
        }
        if (!a.type().equals(b.type())) {
            return Value.FALSE;
        }
        return Value.bool(a.equals(b));
    }

    private static Value structuralUnknownEqual(Value a, Value b) {
        if (a.isSequence()) {
            if (a.length() != b.length()) {
                return Value.FALSE;
            }
            List<Value> x = a.elements();
            List<Value> y = b.elements();
            boolean unknown = false;
            for (int i = 0; i < x.size(); i++) {
                Value e = equal(x.get(i), y.get(i));
                if (!e.isKnown()) {
                    unknown = true;
                } else if (!e.asBool()) {
                    return Value.FALSE;
                }
            }
            return unknown ? Value.unknown(Type.BOOL) : Value.TRUE;
        }
        if (a.isMapping()) {
            if (!a.attributes().keySet().equals(b.attributes().keySet())) {
                return Value.FALSE;
            }
            boolean unknown = false;
            Iterator<Map.Entry<String, Value>> it = a.attributes().entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Value> e = it.next();
                Value r = equal(e.getValue(), b.get(e.getKey()));
                if (!r.isKnown()) {
                    unknown = true;
                } else if (!r.asBool()) {
                    return Value.FALSE;
                }
            }
            return unknown ? Value.unknown(Type.BOOL) : Value.TRUE;
        }
        return Value.unknown(Type.BOOL);
    }
}
