package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Argument helpers shared by the function implementations. */
final class Args {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    static final String NOT_WHOLE = "value must be a whole number, between -9223372036854775808 and 9223372036854775807.";

    private Args() {
    }

    /** The number as a Java long, failing as Terraform does for fractions and huge values. */
    static long wholeLong(Value v, int argIndex) throws FunctionException {
        BigDecimal n = v.asNumber();
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0 || n.compareTo(LONG_MIN) < 0 || n.compareTo(LONG_MAX) > 0) {
            throw new FunctionException(argIndex, NOT_WHOLE);
        }
        return n.longValueExact();
    }

    /** Like {@link #wholeLong} but for values that index Java collections. */
    static int wholeInt(Value v, int argIndex) throws FunctionException {
        long l = wholeLong(v, argIndex);
        if (l > Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        if (l < Integer.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        return (int) l;
    }

    /** The nearest float64, as Go's {@code big.Float.Float64()} gives it. */
    static double toDouble(BigDecimal n) {
        return n.doubleValue();
    }

    /**
     * The number Terraform gets from a float64 result: the shortest decimal that reads back as
     * the same double, the way Go prints it. Infinities and NaN have no lockstep number.
     */
    static BigDecimal fromDouble(double d, String what) throws FunctionException {
        if (Double.isNaN(d)) {
            throw new FunctionException(what + " is not a number (NaN), which lockstep numbers cannot represent.");
        }
        if (Double.isInfinite(d)) {
            throw new FunctionException(what + " is infinite, which lockstep numbers cannot represent.");
        }
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** The friendly name of a value's type for messages, as cty words it. */
    static String typeName(Value v) {
        return friendly(v.type());
    }

    static String friendly(Type t) {
        return t.friendlyName();
    }
}
