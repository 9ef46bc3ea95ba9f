package dev.lockstep.sandbox.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.http.Json;
import java.util.Map;
import java.util.UUID;

/**
 * Errors of the AWS JSON 1.1 protocol: body {@code {"__type": "...Exception", "message": "..."}},
 * the same type in the {@code x-amzn-ErrorType} header, content type {@code
 * application/x-amz-json-1.1}. Secrets Manager answers its client errors with 400 (throttling
 * included), service faults with 500/503.
 */
final class AwsErrors implements ErrorRenderer {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    static HttpError error(int status, String type, String message) {
        ObjectNode body = Json.object();
        body.put("__type", type);
        body.put("message", message);
        return new HttpError(status, body, Map.of(
                "x-amzn-ErrorType", type,
                "x-amzn-RequestId", UUID.randomUUID().toString(),
                "Content-Type", CONTENT_TYPE));
    }

    static HttpError notFound() {
        return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    static HttpError invalidParameter(String message) {
        return error(400, "InvalidParameterException", message);
    }

    static HttpError invalidRequest(String message) {
        return error(400, "InvalidRequestException", message);
    }

    static HttpError validation(String member, String constraint) {
        return error(400, "ValidationException",
                "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    @Override
    public HttpError routeNotFound(String method, String path) {
        return error(404, "UnknownOperationException", "");
    }

    @Override
    public HttpError injected(Faults.Fault fault) {
        return switch (fault.status()) {
            // Secrets Manager throttles with 400 ThrottlingException; the SDK retries it by error code.
            case 429 -> error(400, "ThrottlingException", "Rate exceeded");
            case 503 -> error(503, "ServiceUnavailableException", "Service Unavailable (" + fault.reason() + ")");
            default -> error(500, "InternalServiceError", "An error occurred on the server side. (" + fault.reason() + ")");
        };
    }

    @Override
    public HttpError internal(Throwable cause) {
        return error(500, "InternalServiceError", "An error occurred on the server side: " + cause.getClass().getSimpleName());
    }
}
