package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * Numeric functions: abs, ceil, floor, log, max, min, pow, signum, parseint and sum. Results are
 * exact except where Terraform computes in float64 (log, pow); there the result is the shortest
 * decimal of the float64, which is what Terraform prints.
 */
public final class NumericFunctions {

    private NumericFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(abs(), ceil(), floor(), log(), max(), min(), pow(), signum(), parseint(), sum());
    }

    static Function abs() {
        return Function.builder("abs").param("num", Type.NUMBER).returns(Type.NUMBER)
                .description("Returns the absolute value of the given number.")
                .body(args -> Value.number(args.get(0).asNumber().abs()));
    }

    static Function ceil() {
        return Function.builder("ceil").param("num", Type.NUMBER).returns(Type.NUMBER)
                .description("Returns the closest whole number greater than or equal to the given value.")
                .body(args -> Value.number(args.get(0).asNumber().setScale(0, RoundingMode.CEILING)));
    }

    static Function floor() {
        return Function.builder("floor").param("num", Type.NUMBER).returns(Type.NUMBER)
                .description("Returns the closest whole number less than or equal to the given value.")
                .body(args -> Value.number(args.get(0).asNumber().setScale(0, RoundingMode.FLOOR)));
    }

    static Function log() {
        return Function.builder("log").param("num", Type.NUMBER).param("base", Type.NUMBER).returns(Type.NUMBER)
                .description("Returns the logarithm of the given number in the given base.")
                .body(args -> {
                    double num = Args.toDouble(args.get(0).asNumber());
                    double base = Args.toDouble(args.get(1).asNumber());
                    return Value.number(Args.fromDouble(Math.log(num) / Math.log(base), "the logarithm"));
                });
    }

    static Function max() {
        return Function.builder("max").varParam(Param.of("numbers", Type.NUMBER)).returns(Type.NUMBER)
                .description("Returns the greatest of the given numbers.")
                .body(args -> extreme(args, 1));
    }

    static Function min() {
        return Function.builder("min").varParam(Param.of("numbers", Type.NUMBER)).returns(Type.NUMBER)
                .description("Returns the smallest of the given numbers.")
                .body(args -> extreme(args, -1));
    }

    private static Value extreme(List<Value> args, int sign) throws FunctionException {
        if (args.isEmpty()) {
            throw new FunctionException("must pass at least one number.");
        }
        BigDecimal best = args.get(0).asNumber();
        for (Value v : args) {
            if (v.asNumber().compareTo(best) * sign > 0) {
                best = v.asNumber();
            }
        }
        return Value.number(best);
    }

    static Function pow() {
        return Function.builder("pow").param("num", Type.NUMBER).param("power", Type.NUMBER).returns(Type.NUMBER)
                .description("Returns the given number raised to the given power (exponentiation).")
                .body(args -> {
                    double num = Args.toDouble(args.get(0).asNumber());
                    double power = Args.toDouble(args.get(1).asNumber());
                    return Value.number(Args.fromDouble(Math.pow(num, power), "the result"));
                });
    }

    static Function signum() {
        return Function.builder("signum").param("num", Type.NUMBER).returns(Type.NUMBER)
                .description("Returns 0 if the given number is zero, 1 if positive, -1 if negative.")
                .body(args -> {
                    try {
                        return Value.number(Long.signum(Args.wholeLong(args.get(0), 0)));
                    } catch (FunctionException e) {
                        throw new FunctionException(e.getMessage());
                    }
                });
    }

    static Function parseint() {
        return Function.builder("parseint").param("number", Type.DYNAMIC).param("base", Type.NUMBER)
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t != Type.STRING && t != Type.DYNAMIC) {
                        throw new FunctionException(0, "first argument must be a string, not " + t.friendlyName() + ".");
                    }
                    return Type.NUMBER;
                })
                .description("Parses the given string as an integer of the given base (2 to 62).")
                .body(args -> {
                    long base = Args.wholeLong(args.get(1), 1);
                    if (base < 2 || base > 62) {
                        throw new FunctionException(1, "base must be a whole number between 2 and 62 inclusive.");
                    }
                    BigInteger n = parseGoInt(args.get(0).asString(), (int) base);
                    if (n == null) {
                        throw new FunctionException(0, "cannot parse the given string as a base " + base + " integer.");
                    }
                    return Value.number(n);
                });
    }

    /** Go's {@code big.Int.SetString} for an explicit base: letters above base 36 are case-sensitive. */
    static BigInteger parseGoInt(String s, int base) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            return null;
        }
        BigInteger b = BigInteger.valueOf(base);
        BigInteger n = BigInteger.ZERO;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'z') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'Z') {
                d = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
            } else {
                return null;
            }
            if (d >= base) {
                return null;
            }
            n = n.multiply(b).add(BigInteger.valueOf(d));
        }
        return negative ? n.negate() : n;
    }

    static Function sum() {
        return Function.builder("sum").param("list", Type.DYNAMIC).returns(Type.NUMBER)
                .description("Returns the total of the numbers in the given list or set.")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isSequence() && !list.isMapping()) {
                        throw new FunctionException(0, "cannot sum noniterable.");
                    }
                    if (list.length() == 0) {
                        throw new FunctionException(0, "cannot sum an empty list.");
                    }
                    if (!list.isSequence()) {
                        throw new FunctionException(0, "argument must be list, set, or tuple. Received "
                                + list.type().friendlyName() + ".");
                    }
                    BigDecimal total = BigDecimal.ZERO;
                    for (Value v : list.elements()) {
                        if (v.isNull()) {
                            throw new FunctionException(0, "argument must be list, set, or tuple of number values.");
                        }
                        try {
                            total = total.add(Conversion.convert(v, Type.NUMBER).asNumber());
                        } catch (ConversionException e) {
                            throw new FunctionException(0, "argument must be list, set, or tuple of number values.");
                        }
                    }
                    return Value.number(total);
                });
    }
}
