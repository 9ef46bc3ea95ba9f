package dev.lockstep.api.diag;

import java.util.Objects;

/**
 * A half-open range of source text in one file, used as the subject of diagnostics and kept on
 * every syntax node so that any problem can point at the text that caused it.
 *
 * @param file the file name as the user should see it (relative to the configuration directory)
 * @param start the first character of the range
 * @param end the position just after the last character (equal to start for an empty range)
 */
public record SourceRange(String file, SourcePos start, SourcePos end) {

    public SourceRange {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.offset() < start.offset()) {
            end = start;
        }
    }

    /** A range covering a single position, for problems that have no extent. */
    public static SourceRange at(String file, SourcePos pos) {
        return new SourceRange(file, pos, pos);
    }

    /** The smallest range covering both ranges; they must be in the same file. */
    public SourceRange to(SourceRange other) {
        if (other == null) {
            return this;
        }
        SourcePos s = start.offset() <= other.start.offset() ? start : other.start;
        SourcePos e = end.offset() >= other.end.offset() ? end : other.end;
        return new SourceRange(file, s, e);
    }

    /** A range for values that did not come from a file, such as command-line variables. */
    public static SourceRange synthetic(String origin) {
        return new SourceRange(origin, SourcePos.START, SourcePos.START);
    }

    @Override
    public String toString() {
        return file + ":" + start.line() + "," + start.column() + "-" + end.line() + "," + end.column();
    }
}
