package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;

/**
 * What a core operation came to. Operations never print and never throw for anything a user can
 * cause: they return one of these, and the command line renders it and maps it to an exit code.
 *
 * @param <T> the operation's result
 */
public sealed interface Outcome<T> permits Outcome.Succeeded, Outcome.Refused, Outcome.Failed {

    /** Warnings (and, for a failure, errors) to show, with source ranges where there are any. */
    Diagnostics diagnostics();

    /** The operation did what it was asked; {@code diagnostics} holds warnings only. */
    record Succeeded<T>(T result, Diagnostics diagnostics) implements Outcome<T> {
    }

    /**
     * The operation would not go ahead and changed nothing: the state is locked by someone else, a
     * saved plan is stale, altered or not approved, a mandatory policy failed, the user did not
     * confirm. {@code diagnostics} says why; {@code partial} is what the operation had found before
     * it refused (a plan blocked by a policy, to render), or null.
     */
    record Refused<T>(Refusal reason, Diagnostics diagnostics, T partial) implements Outcome<T> {

        public Refused(Refusal reason, Diagnostics diagnostics) {
            this(reason, diagnostics, null);
        }
    }

    /**
     * The operation failed; {@code diagnostics} holds at least one error. {@code partial} is what
     * was done before the failure (an apply's completed operations), or null.
     */
    record Failed<T>(Diagnostics diagnostics, T partial) implements Outcome<T> {
    }

    static <T> Outcome<T> succeeded(T result, Diagnostics diagnostics) {
        return new Succeeded<>(result, diagnostics);
    }

    static <T> Outcome<T> succeeded(T result) {
        return new Succeeded<>(result, new Diagnostics());
    }

    static <T> Outcome<T> failed(Diagnostics diagnostics) {
        return new Failed<>(diagnostics, null);
    }

    /** A failure with one error and no source range. */
    static <T> Outcome<T> failed(String summary, String detail) {
        return failed(new Diagnostics().error(summary, detail, null));
    }

    static <T> Outcome<T> refused(Refusal reason, Diagnostics diagnostics) {
        return new Refused<>(reason, diagnostics);
    }

    static <T> Outcome<T> refused(Refusal reason, String summary, String detail) {
        return refused(reason, new Diagnostics().error(summary, detail, null));
    }

    /** The result when the operation succeeded, else null. */
    default T result() {
        return this instanceof Succeeded<T> s ? s.result() : null;
    }

    /** Whether the operation succeeded. */
    default boolean ok() {
        return this instanceof Succeeded;
    }

    /**
     * This outcome, which did not succeed, as an outcome of another result type (for an
     * operation that stops at a step of its own that did not succeed).
     */
    @SuppressWarnings("unchecked")
    default <U> Outcome<U> otherwise() {
        if (this instanceof Succeeded) {
            throw new IllegalStateException("a successful outcome has a result of its own");
        }
        if (this instanceof Failed<T> f) {
            return new Failed<>(f.diagnostics(), null);
        }
        if (this instanceof Refused<T> r && r.partial() != null) {
            return new Refused<>(r.reason(), r.diagnostics(), null);
        }
        return (Outcome<U>) this;
    }
}
