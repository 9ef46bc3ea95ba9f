package dev.lockstep.planner.hcl.function.lib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting as Go's {@code math/big.Float} does it for the 512-bit binary floats that
 * Terraform's numbers are. A decimal is first rounded to its nearest 512-bit binary value, so
 * that {@code %.2f} of 2.675 gives 2.67 (the binary value lies below 2.675) as in Terraform,
 * while exact binary values round half to even.
 */
final class GoNumbers {

    private static final int MANTISSA_BITS = 512;

    private GoNumbers() {
    }

    /** The exact value of the 512-bit binary float nearest to {@code d} (ties to even). */
    static BigDecimal toBinary512(BigDecimal d) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger p = d.unscaledValue().abs();
        BigInteger q = BigInteger.ONE;
        if (d.scale() > 0) {
            q = BigInteger.TEN.pow(d.scale());
        } else if (d.scale() < 0) {
            p = p.multiply(BigInteger.TEN.pow(-d.scale()));
        }
        // choose e so that p / q / 2^e has MANTISSA_BITS bits
        int e = p.bitLength() - q.bitLength() - MANTISSA_BITS;
        BigInteger m;
        while (true) {
            BigInteger num = e >= 0 ? p : p.shiftLeft(-e);
            BigInteger den = e >= 0 ? q.shiftLeft(e) : q;
            BigInteger[] qr = num.divideAndRemainder(den);
            m = qr[0];
            if (m.bitLength() > MANTISSA_BITS) {
                e++;
                continue;
            }
            if (m.bitLength() < MANTISSA_BITS) {
                e--;
                continue;
            }
            int c = qr[1].shiftLeft(1).compareTo(den);
            if (c > 0 || c == 0 && m.testBit(0)) {
                m = m.add(BigInteger.ONE);
            }
            break;
        }
        BigDecimal exact = e >= 0 ? new BigDecimal(m.shiftLeft(e))
                : new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-e)), -e);
        return d.signum() < 0 ? exact.negate() : exact;
    }

    /**
     * {@code big.Float.Text(fmt, prec)} for fmt e, E, f, g or G, without the sign; prec -1 asks for
     * the shortest form, which for a decimal literal is its own digits.
     */
    static String text(BigDecimal value, char fmt, int prec) {
        BigDecimal abs = value.abs();
        boolean shortest = prec < 0;
        if (prec == 0 && (fmt == 'g' || fmt == 'G')) {
            prec = 1;
        }
        String mant;
        int exp; // value = 0.mant * 10^exp
        if (abs.signum() == 0) {
            mant = "";
            exp = 0;
        } else if (shortest) {
            BigDecimal s = abs.stripTrailingZeros();
            mant = s.unscaledValue().toString();
            exp = mant.length() - s.scale();
        } else {
            BigDecimal bin = toBinary512(abs);
            BigDecimal r;
            switch (fmt) {
                case 'e', 'E' -> r = bin.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
                case 'f' -> r = bin.setScale(prec, RoundingMode.HALF_EVEN);
                default -> r = bin.round(new MathContext(Math.max(prec, 1), RoundingMode.HALF_EVEN));
            }
            if (r.signum() == 0) {
                mant = "";
                exp = 0;
            } else {
                r = r.stripTrailingZeros();
                mant = r.unscaledValue().toString();
                exp = mant.length() - r.scale();
            }
        }
        if (shortest) {
            switch (fmt) {
                case 'e', 'E' -> prec = Math.max(mant.length() - 1, 0);
                case 'f' -> prec = Math.max(mant.length() - exp, 0);
                default -> prec = mant.length();
            }
        }
        switch (fmt) {
            case 'e', 'E':
                return fmtE(mant, exp, prec, fmt);
            case 'f':
                return fmtF(mant, exp, prec);
            default:
                int eprec = prec;
                if (eprec > mant.length() && mant.length() >= exp) {
                    eprec = mant.length();
                }
                if (shortest) {
                    eprec = 6;
                }
                int x = exp - 1;
                if (mant.isEmpty()) {
                    x = 0;
                }
                if (!mant.isEmpty() && (x < -4 || x >= eprec)) {
                    if (prec > mant.length()) {
                        prec = mant.length();
                    }
                    return fmtE(mant, exp, prec - 1, fmt == 'G' ? 'E' : 'e');
                }
                if (prec > exp) {
                    prec = mant.length();
                }
                return fmtF(mant, exp, Math.max(prec - exp, 0));
        }
    }

    private static String fmtE(String mant, int exp, int prec, char e) {
        StringBuilder sb = new StringBuilder();
        sb.append(mant.isEmpty() ? '0' : mant.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(mant.length(), prec + 1);
            if (i < m) {
                sb.append(mant, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(e);
        int x = mant.isEmpty() ? 0 : exp - 1;
        sb.append(x < 0 ? '-' : '+');
        x = Math.abs(x);
        if (x < 10) {
            sb.append('0');
        }
        return sb.append(x).toString();
    }

    private static String fmtF(String mant, int exp, int prec) {
        StringBuilder sb = new StringBuilder();
        if (exp > 0) {
            int m = Math.min(mant.length(), exp);
            sb.append(mant, 0, m);
            for (; m < exp; m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = exp + i - 1;
                sb.append(j >= 0 && j < mant.length() ? mant.charAt(j) : '0');
            }
        }
        return sb.toString();
    }
}
