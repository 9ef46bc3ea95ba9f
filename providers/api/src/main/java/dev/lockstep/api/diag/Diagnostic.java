package dev.lockstep.api.diag;

import java.util.Objects;

/**
 * One user-facing problem: a one-line summary, an optional longer detail or hint, and the source
 * range it is about. Every error a user can cause is reported as one of these, never as an
 * exception.
 *
 * @param severity error or warning
 * @param summary short statement of the problem, without a trailing period
 * @param detail explanation and hint; may be empty
 * @param subject the source range the problem is about; null only when no source is involved
 * @param cause the unexpected exception behind the problem, or null; shown only to a user who asks
 *     for stack traces ({@code --stacktrace}), never in the summary or detail
 */
public record Diagnostic(Severity severity, String summary, String detail, SourceRange subject, Throwable cause) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
    }

    public Diagnostic(Severity severity, String summary, String detail, SourceRange subject) {
        this(severity, summary, detail, subject, null);
    }

    /** This diagnostic with the exception that caused it. */
    public Diagnostic withCause(Throwable t) {
        return new Diagnostic(severity, summary, detail, subject, t);
    }

    public static Diagnostic error(String summary, String detail, SourceRange subject) {
        return new Diagnostic(Severity.ERROR, summary, detail, subject);
    }

    public static Diagnostic warning(String summary, String detail, SourceRange subject) {
        return new Diagnostic(Severity.WARNING, summary, detail, subject);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.word() + ": " + summary + (subject == null ? "" : " (" + subject + ")")
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
