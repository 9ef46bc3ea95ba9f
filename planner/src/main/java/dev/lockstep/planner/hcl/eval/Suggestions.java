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

    /** Edit distance where insertions, deletions, substitutions and adjacent swaps each cost 1. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
