package dev.lockstep.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines, as {@code diff -u} prints it (and so {@code terraform fmt
 * -diff}): {@code --- old/NAME} and {@code +++ new/NAME} headers, hunks with three lines of
 * context, and the {@code \ No newline at end of file} marker. Lines are compared with their
 * line endings, so a change from LF to CRLF shows. The edit script is Myers' shortest one, in
 * time and memory proportional to the size of the texts times the number of changed lines.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private enum Kind { SAME, REMOVED, ADDED }

    /** One line of the edit script, with the positions (0-based) it is at in each text. */
    private record Edit(Kind kind, int before, int after) {
    }

    private final List<String> a;
    private final List<String> b;

    private UnifiedDiff(String before, String after) {
        this.a = lines(before);
        this.b = lines(after);
    }

    /** The diff of {@code before} and {@code after}, or the empty string when they are equal. */
    public static String render(String name, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        UnifiedDiff d = new UnifiedDiff(before, after);
        StringBuilder sb = new StringBuilder("--- old/").append(name).append("\n+++ new/").append(name).append('\n');
        List<Edit> edits = d.edits();
        int i = 0;
        while (true) {
            int first = nextChange(edits, i);
            if (first < 0) {
                return sb.toString();
            }
            int last = first;
            for (int next = nextChange(edits, last + 1); next >= 0 && next - last <= 2 * CONTEXT;
                    next = nextChange(edits, last + 1)) {
                last = next;
            }
            int start = Math.max(i, first - CONTEXT);
            int end = Math.min(edits.size(), last + 1 + CONTEXT);
            d.hunk(edits.subList(start, end), sb);
            i = end;
        }
    }

    private static int nextChange(List<Edit> edits, int from) {
        for (int i = from; i < edits.size(); i++) {
            if (edits.get(i).kind != Kind.SAME) {
                return i;
            }
        }
        return -1;
    }

    private void hunk(List<Edit> edits, StringBuilder sb) {
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : edits) {
            oldCount += e.kind == Kind.ADDED ? 0 : 1;
            newCount += e.kind == Kind.REMOVED ? 0 : 1;
        }
        Edit first = edits.get(0);
        sb.append("@@ -").append(range(first.before, oldCount)).append(" +").append(range(first.after, newCount))
                .append(" @@\n");
        for (Edit e : edits) {
            String line = e.kind == Kind.ADDED ? b.get(e.after) : a.get(e.before);
            sb.append(e.kind == Kind.SAME ? ' ' : e.kind == Kind.REMOVED ? '-' : '+');
            if (line.endsWith("\n")) {
                sb.append(line);
            } else {
                sb.append(line).append("\n\\ No newline at end of file\n");
            }
        }
    }

    /** A hunk's range as diff writes it: {@code start,count}, just {@code start} for one line, and the line before for none. */
    private static String range(int start, int count) {
        if (count == 0) {
            return start + ",0";
        }
        return count == 1 ? Integer.toString(start + 1) : (start + 1) + "," + count;
    }

    /** The lines of {@code s}, each with its newline (the last one may have none). */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl + 1;
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }

    /** Myers' greedy shortest edit script, keeping the frontier of each step to walk back through it. */
    private List<Edit> edits() {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int[] v = new int[2 * max + 3];
        int off = max + 1;
        List<int[]> frontiers = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[off + k - 1] < v[off + k + 1] ? v[off + k + 1] : v[off + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[off + k] = x;
                if (x >= n && y >= m) {
                    return walkBack(frontiers, d, n, m);
                }
            }
            int[] frontier = new int[2 * d + 1];
            System.arraycopy(v, off - d, frontier, 0, frontier.length);
            frontiers.add(frontier);
        }
        throw new IllegalStateException("no edit script");
    }

    private List<Edit> walkBack(List<int[]> frontiers, int depth, int n, int m) {
        List<Edit> out = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = depth; d > 0; d--) {
            int[] prev = frontiers.get(d - 1); // indexes k + d - 1 for k in [-(d - 1), d - 1]
            int k = x - y;
            boolean down = k == -d || k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1];
            int prevK = down ? k + 1 : k - 1;
            int prevX = prev[prevK + d - 1];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                out.add(new Edit(Kind.SAME, --x, --y));
            }
            if (down) {
                out.add(new Edit(Kind.ADDED, x, --y));
            } else {
                out.add(new Edit(Kind.REMOVED, --x, y));
            }
        }
        while (x > 0 && y > 0) {
            out.add(new Edit(Kind.SAME, --x, --y));
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
