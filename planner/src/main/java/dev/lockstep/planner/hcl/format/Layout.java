package dev.lockstep.planner.hcl.format;

import dev.lockstep.planner.hcl.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Sets the spaces before every token of a file, in the three passes of Terraform's formatter:
 * indentation of each line by its bracket nesting, spacing between the tokens of a line, and
 * vertical alignment of the {@code =} of consecutive one-line attributes and of the comments
 * that end consecutive lines. Each pass looks at every line a bounded number of times, so the
 * whole is linear in the size of the file.
 *
 * <p>A line is split into up to three cells: the lead (everything up to the others), the
 * assignment (from an attribute's {@code =} to the end, when the value closes every bracket it
 * opens) and the comment (a line comment that ends a line holding something else). A heredoc
 * belongs to the line it starts on, up to the newline after its closing marker.
 */
final class Layout {

    private static final int INDENT = 2;

    /** One line: token indexes of its cells; {@code assign} and {@code comment} are -1 when absent. */
    private static final class Line {
        int start;
        int assign = -1;
        int comment = -1;
        int end;

        int leadEnd() {
            return assign >= 0 ? assign : comment >= 0 ? comment : end;
        }

        int assignEnd() {
            return comment >= 0 ? comment : end;
        }
    }

    private final List<FormatToken> tokens;
    private final List<Line> lines = new ArrayList<>();

    private Layout(List<FormatToken> tokens) {
        this.tokens = tokens;
    }

    /** Sets {@link FormatToken#spacesBefore} of every token. */
    static void apply(List<FormatToken> tokens) {
        Layout l = new Layout(tokens);
        l.splitLines();
        l.indent();
        l.space();
        l.align(line -> line.assign); // the = of consecutive one-line attributes
        l.align(line -> line.comment); // then the comments ending consecutive lines, after the = moved
    }

    private void splitLines() {
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).endsLine()) {
                addLine(start, i + 1);
                start = i + 1;
            }
        }
        addLine(start, tokens.size());
    }

    private void addLine(int start, int end) {
        Line line = new Line();
        line.start = start;
        line.end = end;
        lines.add(line);
        if (end - start > 1 && tokens.get(end - 1).is(TokenType.COMMENT)) {
            line.comment = end - 1;
        }
        int leadEnd = line.leadEnd();
        for (int i = start + 1; i < leadEnd; i++) {
            if (tokens.get(i).is(TokenType.EQUAL)) {
                if (netBrackets(i, leadEnd, false) == 0) {
                    line.assign = i;
                }
                break;
            }
        }
    }

    private int netBrackets(int from, int to, boolean stopAtHeredoc) {
        int net = 0;
        for (int i = from; i < to; i++) {
            FormatToken t = tokens.get(i);
            net += t.bracketChange();
            if (stopAtHeredoc && t.is(TokenType.OHEREDOC)) {
                break;
            }
        }
        return net;
    }

    /**
     * A line that opens more brackets than it closes indents the lines after it by one level; one
     * that closes them returns to the level where they were opened. The stack keeps how many
     * brackets each level opened, so that lines that open or close several at once move one level.
     */
    private void indent() {
        List<Integer> levels = new ArrayList<>();
        for (Line line : lines) {
            if (line.start == line.end) {
                continue;
            }
            FormatToken first = tokens.get(line.start);
            if (first.is(TokenType.NEWLINE)) {
                first.spacesBefore = 0;
                continue;
            }
            int net = netBrackets(line.start, line.leadEnd(), true);
            if (line.assign >= 0) {
                net += netBrackets(line.assign, line.assignEnd(), false);
            }
            if (net > 0) {
                first.spacesBefore = INDENT * levels.size();
                levels.add(net);
            } else {
                int closed = -net;
                while (closed > 0 && !levels.isEmpty()) {
                    int top = levels.get(levels.size() - 1);
                    if (closed < top) {
                        levels.set(levels.size() - 1, top - closed);
                        closed = 0;
                    } else {
                        levels.remove(levels.size() - 1);
                        closed -= top;
                    }
                }
                first.spacesBefore = INDENT * levels.size();
            }
        }
    }

    private void space() {
        for (Line line : lines) {
            spaceCell(line.start, line.leadEnd());
            if (line.assign >= 0) {
                tokens.get(line.assign).spacesBefore = 1;
                spaceCell(line.assign, line.assignEnd());
            }
        }
    }

    private void spaceCell(int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            FormatToken before = i > from ? tokens.get(i - 1) : null;
            FormatToken after = tokens.get(i + 1);
            after.spacesBefore = Spacing.spaceAfter(tokens.get(i), before, after) ? 1 : 0;
        }
    }

    private int columns(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += tokens.get(i).columns();
        }
        return n;
    }

    /**
     * Gives the cell that {@code cell} picks (a token index, or -1 when the line has none) the
     * same column on consecutive lines that have it: one space after the widest text before it.
     */
    private void align(ToIntFunction<Line> cell) {
        int runStart = -1;
        int widest = 0;
        for (int i = 0; i <= lines.size(); i++) {
            Line line = i < lines.size() ? lines.get(i) : null;
            if (line != null && cell.applyAsInt(line) >= 0) {
                runStart = runStart < 0 ? i : runStart;
                widest = Math.max(widest, columns(line.start, cell.applyAsInt(line)));
            } else if (runStart >= 0) {
                for (Line l : lines.subList(runStart, i)) {
                    int c = cell.applyAsInt(l);
                    tokens.get(c).spacesBefore = widest - columns(l.start, c) + 1;
                }
                runStart = -1;
                widest = 0;
            }
        }
    }
}
