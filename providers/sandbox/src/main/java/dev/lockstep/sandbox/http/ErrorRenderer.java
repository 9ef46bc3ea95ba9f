package dev.lockstep.sandbox.http;

/**
 * How one emulator phrases the errors that the shared server produces on its behalf, so that even
 * an unknown route or an injected fault reads like the emulated service.
 */
public interface ErrorRenderer {
    /** No route for this method and path. */
    HttpError routeNotFound(String method, String path);

    /** An injected fault (429 with Retry-After, 500, 503). */
    HttpError injected(Faults.Fault fault);

    /** A handler failed unexpectedly. */
    HttpError internal(Throwable cause);
}
