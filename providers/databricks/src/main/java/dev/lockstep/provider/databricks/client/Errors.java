package dev.lockstep.provider.databricks.client;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.log.Scrubber;
import java.io.IOException;
import java.util.Locale;

/**
 * Classifies SDK failures (gone, already exists, ambiguous, permission) and turns them into
 * diagnostics whose text has passed through a {@link Scrubber}.
 */
public final class Errors {

    private Errors() {
    }

    /** The typed API error behind an SDK exception (the SDK wraps its last error when retries run out). */
    public static DatabricksError apiError(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof DatabricksError e && e.getStatusCode() != 523) {
                return e;
            }
            if (x.getCause() == x) {
                break;
            }
        }
        return null;
    }

    /**
     * True when the object does not exist: 404s other than unknown endpoints, SCIM 404s, and the
     * 400 "does not exist" answers some 2.x APIs give for missing ids.
     */
    public static boolean isNotFound(Throwable t) {
        if (t instanceof NotVisible) {
            return true;
        }
        DatabricksError e = apiError(t);
        if (e == null) {
            return false;
        }
        String code = e.getErrorCode() == null ? "" : e.getErrorCode();
        if ("ENDPOINT_NOT_FOUND".equals(code)) {
            return false;
        }
        if (e.getStatusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(code) || "SCIM_404".equals(code)) {
            return true;
        }
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (msg.startsWith("principal:")) {
            // "Principal: GroupName(x) does not exist.": an ACL names someone the workspace does not
            // have; the object the request is about exists, and waiting will not create the principal
            return false;
        }
        return e.getStatusCode() == 400 && ("INVALID_PARAMETER_VALUE".equals(code) || "INVALID_STATE".equals(code))
                && (msg.contains("does not exist") || msg.contains("not found"));
    }

    /** True when the object being created already exists (409, RESOURCE_ALREADY_EXISTS, ALREADY_EXISTS). */
    public static boolean isAlreadyExists(Throwable t) {
        DatabricksError e = apiError(t);
        if (e == null) {
            return false;
        }
        String code = e.getErrorCode() == null ? "" : e.getErrorCode();
        return e.getStatusCode() == 409 || code.equals("RESOURCE_ALREADY_EXISTS") || code.equals("ALREADY_EXISTS")
                || code.equals("SCIM_409");
    }

    /** True for a cluster edit refused because of the cluster's state. */
    public static boolean isInvalidState(Throwable t) {
        DatabricksError e = apiError(t);
        return e != null && "INVALID_STATE".equals(e.getErrorCode());
    }

    /**
     * True when the request may or may not have taken effect: a 5xx answer, a 429 that ran out of
     * retries, or a connection that broke after the request was sent.
     */
    public static boolean isAmbiguous(Throwable t) {
        DatabricksError e = apiError(t);
        if (e != null) {
            return e.getStatusCode() >= 500 || e.getStatusCode() == 429;
        }
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof IOException) {
                return true;
            }
            if (x.getCause() == x) {
                break;
            }
        }
        return t instanceof DatabricksException && String.valueOf(t.getMessage()).startsWith("IO error");
    }

    /** HTTP status of the failure, or 0 when there was no answer. */
    public static int status(Throwable t) {
        DatabricksError e = apiError(t);
        return e == null ? 0 : e.getStatusCode();
    }

    /** A one-line description of the failure: error code and message, scrubbed. */
    public static String describe(Throwable t, Scrubber scrubber) {
        DatabricksError e = apiError(t);
        String text;
        if (e != null) {
            String code = e.getErrorCode() == null || e.getErrorCode().isEmpty() ? "HTTP " + e.getStatusCode()
                    : e.getErrorCode();
            text = code + ": " + e.getMessage();
        } else {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            text = root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getClass().getSimpleName()
                    + ": " + root.getMessage() + ")";
        }
        return scrubber.scrub(text);
    }

    /**
     * An error diagnostic for a failed read (GET or list): a read changes nothing, and its transient
     * failures were already retried until {@code retry_timeout_seconds}.
     */
    public static Diagnostic readDiagnostic(String summary, String what, Throwable t, Scrubber scrubber) {
        String hint;
        int status = status(t);
        if (status == 401 || status == 403) {
            hint = " Check that the identity lockstep uses has the rights to read it.";
        } else if (isAmbiguous(t)) {
            hint = " The read kept failing until retry_timeout_seconds ran out; nothing was changed.";
        } else {
            hint = " Nothing was changed.";
        }
        return Diagnostic.error(summary, scrubber.scrub(what) + ": " + describe(t, scrubber) + "." + hint, null);
    }

    /** An error diagnostic for a failed write (create, update, delete). */
    public static Diagnostic diagnostic(String summary, String what, Throwable t, Scrubber scrubber) {
        String hint = "";
        int status = status(t);
        if (status == 401 || status == 403) {
            hint = " Check that the identity lockstep uses has the rights this change needs.";
        } else if (isAmbiguous(t)) {
            hint = " The request may or may not have taken effect; the next plan reads the live state and adopts "
                    + "an object that was created.";
        }
        return Diagnostic.error(summary, scrubber.scrub(what) + ": " + describe(t, scrubber) + "." + hint, null);
    }
}
