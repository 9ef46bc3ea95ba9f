package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.provider.kubernetes.client.ApiException;

/** Turns API failures into diagnostics that say what failed, what the server said, and what to try. */
public final class Errors {

    private Errors() {
    }

    /**
     * @param action what lockstep was doing ("create RoleBinding team-a/readers")
     * @param e the failure
     * @param scrubber removes sensitive values from the server's message
     */
    public static Diagnostic diagnostic(String action, ApiException e, Scrubber scrubber) {
        String message = e.getMessage() == null ? "" : scrubber.scrub(e.getMessage());
        String detail;
        switch (e.code()) {
            case 0:
                detail = "No answer from the API server: " + message + ". Check that the cluster is reachable.";
                break;
            case 401:
                detail = "The API server rejected the credentials (401). Check the token or kubeconfig user.";
                break;
            case 403:
                detail = "The credentials lack permission (403): " + message;
                break;
            case 429:
                // a ThrottledException: the message says for how long and what to change
                detail = message;
                break;
            default:
                detail = "The API server answered " + e.code() + (e.reason().isEmpty() ? "" : " " + e.reason()) + ": "
                        + message;
        }
        return Diagnostic.error("Cannot " + action, detail, null);
    }
}
