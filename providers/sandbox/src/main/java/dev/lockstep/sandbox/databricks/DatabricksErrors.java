package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.http.Json;
import java.util.Map;

/**
 * Databricks error bodies: {@code {"error_code": "...", "message": "..."}} for the REST APIs and
 * the SCIM error schema for {@code /api/2.0/preview/scim/v2}.
 */
public final class DatabricksErrors implements ErrorRenderer {
    static final String SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** Any status with an error_code and message. */
    public static HttpError error(int status, String errorCode, String message) {
        ObjectNode body = Json.object();
        body.put("error_code", errorCode);
        body.put("message", message);
        return new HttpError(status, body);
    }

    /** 404 RESOURCE_DOES_NOT_EXIST. */
    public static HttpError notFound(String message) {
        return error(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    /** 400 INVALID_PARAMETER_VALUE. */
    public static HttpError invalid(String message) {
        return error(400, "INVALID_PARAMETER_VALUE", message);
    }

    /** 400 RESOURCE_ALREADY_EXISTS (the status the 2.0 APIs use). */
    public static HttpError alreadyExists(String message) {
        return error(400, "RESOURCE_ALREADY_EXISTS", message);
    }

    /** 403 PERMISSION_DENIED. */
    public static HttpError permissionDenied(String message) {
        return error(403, "PERMISSION_DENIED", message);
    }

    /** 400 INVALID_STATE. */
    public static HttpError invalidState(String message) {
        return error(400, "INVALID_STATE", message);
    }

    /** 400 MALFORMED_REQUEST (unparseable body). */
    public static HttpError malformed(String message) {
        return error(400, "MALFORMED_REQUEST", message);
    }

    /** A SCIM error: {@code {"schemas": [...Error], "detail": ..., "status": "404"}}. */
    public static HttpError scim(int status, String detail, String scimType) {
        ObjectNode body = Json.object();
        body.putArray("schemas").add(SCIM_ERROR_SCHEMA);
        body.put("detail", detail);
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("status", String.valueOf(status));
        return new HttpError(status, body);
    }

    /** Missing credentials, as the workspace answers them (numeric error_code). */
    static HttpError unauthenticated() {
        ObjectNode body = Json.object();
        body.put("error_code", 401);
        body.put("message", "Credential was not sent or was of an unsupported type for this API.");
        return new HttpError(401, body);
    }

    /** Unknown, revoked or expired token: the workspace answers 403, not 401. */
    static HttpError invalidToken() {
        ObjectNode body = Json.object();
        body.put("error_code", 403);
        body.put("message", "Invalid access token.");
        return new HttpError(403, body);
    }

    @Override
    public HttpError routeNotFound(String method, String path) {
        return error(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
    }

    @Override
    public HttpError injected(Faults.Fault fault) {
        return switch (fault.status()) {
            case 429 -> {
                ObjectNode body = Json.object();
                body.put("error_code", "REQUEST_LIMIT_EXCEEDED");
                body.put("message", "Too many requests. Please wait a moment and try again. (" + fault.reason() + ")");
                yield new HttpError(429, body, Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())));
            }
            case 503 -> error(503, "TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable. (" + fault.reason() + ")");
            default -> error(fault.status(), "INTERNAL_ERROR", "Internal error. (" + fault.reason() + ")");
        };
    }

    @Override
    public HttpError internal(Throwable cause) {
        return error(500, "INTERNAL_ERROR", "Internal error: " + cause.getClass().getSimpleName());
    }
}
