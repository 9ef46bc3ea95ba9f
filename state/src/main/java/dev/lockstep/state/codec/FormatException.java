package dev.lockstep.state.codec;

/**
 * A JSON document does not have the shape lockstep expects: a missing field, a value of the wrong
 * type, an unknown type name. The message names where, as a JSON path like
 * {@code resources[3].attributes.spec.replicas}; callers add the file name.
 */
public final class FormatException extends Exception {

    private final String path;
    private final String problem;

    public FormatException(String path, String problem) {
        super((path == null || path.isEmpty() ? "" : path + ": ") + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Where the problem is, as a JSON path; empty for the document root. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }

    /** The same problem located under {@code prefix} (a path to the node that was being decoded). */
    public FormatException under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String p = path == null || path.isEmpty() ? prefix
                : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new FormatException(p, problem);
    }
}
