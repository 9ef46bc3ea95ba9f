package dev.lockstep.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** The longest-common-subsequence diff of two sequences, as Terraform computes it for lists. */
final class Lcs {

    /** One step of a sequence diff: an element kept (both sides), removed (after null) or added (before null). */
    record Edit<T>(T before, T after, int beforeIndex, int afterIndex) {
    }

    private Lcs() {
    }

    static <T> List<Edit<T>> edits(List<T> b, List<T> a, BiPredicate<T, T> same) {
        return edits(b, a, same, x -> false);
    }

    /**
     * Common elements are kept; between two of them the removed elements come first, then the
     * added ones, except that a removed object facing an added object is paired with it (shown
     * as an update of its attributes), as Terraform pairs them.
     */
    static <T> List<Edit<T>> edits(List<T> b, List<T> a, BiPredicate<T, T> same,
            Predicate<T> objectLike) {
        int n = b.size();
        int m = a.size();
        int[][] len = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                len[i][j] = same.test(b.get(i), a.get(j)) ? len[i + 1][j + 1] + 1
                        : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        List<int[]> common = new ArrayList<>();
        for (int i = 0, j = 0; i < n && j < m;) {
            if (same.test(b.get(i), a.get(j))) {
                common.add(new int[] {i, j});
                i++;
                j++;
            } else if (len[i + 1][j] >= len[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        List<Edit<T>> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (int c = 0; c <= common.size(); c++) {
            int ni = c < common.size() ? common.get(c)[0] : n;
            int nj = c < common.size() ? common.get(c)[1] : m;
            while (i < ni) {
                if (j < nj && objectLike.test(b.get(i)) && objectLike.test(a.get(j))) {
                    out.add(new Edit<>(b.get(i), a.get(j), i, j));
                    i++;
                    j++;
                } else {
                    out.add(new Edit<>(b.get(i), null, i, -1));
                    i++;
                }
            }
            while (j < nj) {
                out.add(new Edit<>(null, a.get(j), -1, j));
                j++;
            }
            if (c < common.size()) {
                out.add(new Edit<>(b.get(i), a.get(j), i, j));
                i++;
                j++;
            }
        }
        return out;
    }
}
