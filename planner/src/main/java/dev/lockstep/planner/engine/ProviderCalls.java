package dev.lockstep.planner.engine;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.log.SecretScrubber;
import dev.lockstep.api.value.Value;
import java.util.function.Supplier;

/**
 * The engine's side of every call into a provider (open, read, plan, create, update, delete, data
 * source read). A provider reports bad input as diagnostics; one that throws instead (a client
 * library's "Name must be provided") must not end the command as a lockstep bug, so the exception
 * becomes an error naming the resource address and pointing at its block, with the exception's
 * message scrubbed of every secret the call involved. The exception is the diagnostic's cause, which
 * the command line prints (scrubbed the same way) only with {@code --stacktrace}. Diagnostics a provider returns carry no source
 * range (providers never see the configuration's text), so those get the block's.
 */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /**
     * Runs {@code call}; when it throws, adds an error about {@code what} to {@code diags} and
     * returns null.
     *
     * @param what the resource address ("data.kubernetes_secret.x") or provider the call is about
     * @param range the block's source range, or null when there is none (an instance only in state)
     * @param involved values the call was given, whose sensitive parts must not appear in the message
     */
    public static <T> T call(String what, SourceRange range, Diagnostics diags, Supplier<T> call,
            Value... involved) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            diags.add(failure(what, range, e, involved));
            return null;
        }
    }

    /** The error for a provider call about {@code what} that threw {@code e}. */
    static Diagnostic failure(String what, SourceRange range, RuntimeException e, Value... involved) {
        for (Value v : involved) {
            SecretScrubber.register(v);
        }
        return Diagnostic.error("Provider error in " + what, "The provider failed with "
                + SecretScrubber.scrub(describe(e)) + ". It should have reported the problem as a diagnostic; this "
                + "is a bug in the provider. Run with --stacktrace to see where it failed.", range).withCause(e);
    }

    /** {@code diagnostics} with {@code range} as the subject of each one that has none. */
    public static Diagnostics located(Diagnostics diagnostics, SourceRange range) {
        if (range == null || diagnostics == null) {
            return diagnostics;
        }
        Diagnostics out = new Diagnostics();
        for (Diagnostic d : diagnostics) {
            out.add(d.subject() != null ? d : new Diagnostic(d.severity(), d.summary(), d.detail(), range, d.cause()));
        }
        return out;
    }

    /** "IllegalArgumentException: Name must be provided." (the message's first line only). */
    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": \"" + (nl < 0 ? m : m.substring(0, nl)).strip() + "\"";
    }
}
