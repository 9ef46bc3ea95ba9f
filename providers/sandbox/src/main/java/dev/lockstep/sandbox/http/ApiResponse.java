package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response produced by a route handler: status, optional JSON body, headers. */
public final class ApiResponse {
    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    /** 200 with a JSON body. */
    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    /** 200 with an empty JSON object, the usual answer of Databricks-style action endpoints. */
    public static ApiResponse emptyObject() {
        return new ApiResponse(200, Json.object());
    }

    /** Any status with a JSON body. */
    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }

    /** A response without a body (e.g. 204). */
    public static ApiResponse noContent(int status) {
        return new ApiResponse(status, null);
    }

    /** Adds a response header. */
    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Status code. */
    public int status() {
        return status;
    }

    /** JSON body, or null for none. */
    public JsonNode body() {
        return body;
    }

    /** Response headers. */
    public Map<String, String> headers() {
        return headers;
    }
}
