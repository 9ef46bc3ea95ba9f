package dev.lockstep.planner.hcl.eval;

import java.util.Collection;

/** "Did you mean ...?" hints: the closest candidate by edit distance, if it is close enough. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate nearest to {@code given}, or null when none is within a third of its length. */
    public static String nearest(String given, Collection<String> candidates) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(given, c);
            if (d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        int limit = Math.max(1, Math.max(given.length(), best.length()) / 3);
        return bestDist <= limit ? best : null;
    }

    /** A sentence to append to a detail: {@code  Did you mean "x"?} or empty. */
    public static String didYouMean(String given, Collection<String> candidates) {
        String n = nearest(given, candidates);
        return n == null ? "" : " Did you mean \"" + n + "\"?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
