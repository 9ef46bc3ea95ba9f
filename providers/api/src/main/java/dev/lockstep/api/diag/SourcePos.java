package dev.lockstep.api.diag;

/**
 * A position in a source file: 1-based line and column (counted in Unicode code points) plus the
 * 0-based character offset into the file's text.
 */
public record SourcePos(int line, int column, int offset) implements Comparable<SourcePos> {

    /** The first position of any file. */
    public static final SourcePos START = new SourcePos(1, 1, 0);

    public SourcePos {
        if (line < 1 || column < 1 || offset < 0) {
            throw new IllegalArgumentException("bad position " + line + ":" + column + "@" + offset);
        }
    }

    @Override
    public int compareTo(SourcePos o) {
        return Integer.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
