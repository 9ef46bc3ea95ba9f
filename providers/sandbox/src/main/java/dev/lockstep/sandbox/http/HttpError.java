package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error answer. Thrown by handlers; the server turns it into a response with exactly this
 * status, body and headers. Each emulator builds these through its own factory so that bodies
 * follow that service's error format.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final transient JsonNode body;
    private final Map<String, String> headers;
    private final transient ApiResponse response;

    /** An error with a JSON body. */
    public HttpError(int status, JsonNode body) {
        this(status, body, Map.of());
    }

    /** An error with a JSON body and extra response headers (e.g. Retry-After). */
    public HttpError(int status, JsonNode body, Map<String, String> headers) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = new LinkedHashMap<>(headers);
        this.response = null;
    }

    /** An error answered with exactly this response (a service whose errors are not JSON, such as S3's XML). */
    public HttpError(ApiResponse response) {
        super(response.status() + " " + response.headers(), null, false, false);
        this.status = response.status();
        this.body = null;
        this.headers = new LinkedHashMap<>(response.headers());
        this.response = response;
    }

    /** HTTP status code. */
    public int status() {
        return status;
    }

    /** The JSON body sent to the client (null for an error built from a response). */
    public JsonNode body() {
        return body;
    }

    /** Extra response headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** This error as a response. */
    public ApiResponse toResponse() {
        if (response != null) {
            return response;
        }
        ApiResponse r = ApiResponse.json(status, body);
        headers.forEach(r::header);
        return r;
    }
}
