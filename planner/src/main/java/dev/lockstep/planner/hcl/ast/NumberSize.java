package dev.lockstep.planner.hcl.ast;

import java.math.BigDecimal;

/**
 * The size limit of numbers in expressions. Numbers are exact decimals and are written out in
 * full when converted to strings, so {@code 1e999999999} would be a billion digits and
 * {@code 1e999999999 + 1} would never finish; literals and arithmetic results are limited to
 * {@value #MAX_DIGITS} digits written out, far beyond any configuration's needs.
 */
public final class NumberSize {

    /** Most digits a number may have when written out in full, before and after the decimal point. */
    public static final int MAX_DIGITS = 10_000;

    private NumberSize() {
    }

    /** Whether {@code n} written out in full (as {@code 1000} or {@code 0.001}) takes more than {@link #MAX_DIGITS} digits. */
    public static boolean tooLarge(BigDecimal n) {
        if (n.signum() == 0) {
            return false;
        }
        long integerDigits = (long) n.precision() - n.scale();
        long fractionDigits = Math.max(0, n.scale());
        return Math.max(integerDigits, 1) + fractionDigits > MAX_DIGITS;
    }
}
