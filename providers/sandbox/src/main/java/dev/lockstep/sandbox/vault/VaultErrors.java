package dev.lockstep.sandbox.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.http.Json;
import java.util.Map;

/** Vault error bodies: {@code {"errors": ["..."]}} with Vault's status codes and messages. */
final class VaultErrors implements ErrorRenderer {
    static final String PERMISSION_DENIED = "permission denied";
    static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";
    static final String CAS_REQUIRED = "check-and-set parameter required for this call";

    /** Any status with these error messages (none gives {@code {"errors": []}}). */
    static HttpError error(int status, String... messages) {
        return error(status, Map.of(), messages);
    }

    static HttpError error(int status, Map<String, String> headers, String... messages) {
        ObjectNode body = Json.object();
        var errors = body.putArray("errors");
        for (String m : messages) {
            errors.add(m);
        }
        return new HttpError(status, body, headers);
    }

    /** 403 permission denied: missing, unknown, expired or revoked token. */
    static HttpError permissionDenied() {
        return error(403, PERMISSION_DENIED);
    }

    /** 400 with one message (Vault's "invalid request"). */
    static HttpError badRequest(String message) {
        return error(400, message);
    }

    /** 404 with an empty error list, as Vault answers a missing secret. */
    static HttpError notFound() {
        return error(404);
    }

    static HttpError noHandler(String path) {
        return error(404, "no handler for route \"" + path + "\". route entry not found.");
    }

    static HttpError unsupportedOperation() {
        return error(405, "1 error occurred:\n\t* unsupported operation\n\n");
    }

    @Override
    public HttpError routeNotFound(String method, String path) {
        String p = path.startsWith("/v1/") ? path.substring(4) : path;
        return path.startsWith("/v1/") ? unsupportedOperationOr(method, p) : error(404);
    }

    private static HttpError unsupportedOperationOr(String method, String p) {
        return method.equals("GET") ? noHandler(p) : unsupportedOperation();
    }

    @Override
    public HttpError injected(Faults.Fault fault) {
        return switch (fault.status()) {
            case 429 -> error(429, Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())),
                    "rate limit quota exceeded (" + fault.reason() + ")");
            case 503 -> error(503, "Vault is sealed");
            default -> error(fault.status(), "internal error (" + fault.reason() + ")");
        };
    }

    @Override
    public HttpError internal(Throwable cause) {
        return error(500, "internal error: " + cause.getClass().getSimpleName());
    }
}
