package dev.lockstep.provider.kubernetes.value;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 1Gi}, {@code 1e3}) compared by amount, so
 * that the server's canonical form ({@code 1024Mi} stored as {@code 1Gi}) is not a change.
 */
public final class Quantity {

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("", BigDecimal.ONE),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")), Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")));

    private Quantity() {
    }

    /** The amount a quantity denotes, or null when the text is not a quantity. */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String number = s.substring(0, i);
        String suffix = s.substring(i);
        if (number.isEmpty() || number.equals("+") || number.equals("-")) {
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(number);
            if ((suffix.startsWith("e") || suffix.startsWith("E")) && suffix.length() > 1) {
                return n.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
            }
            BigDecimal mult = SUFFIXES.get(suffix);
            return mult == null ? null : n.multiply(mult);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether two quantity strings denote the same amount (false if either is not a quantity). */
    public static boolean sameAmount(String a, String b) {
        BigDecimal x = parse(a);
        BigDecimal y = parse(b);
        return x != null && y != null && x.compareTo(y) == 0;
    }
}
