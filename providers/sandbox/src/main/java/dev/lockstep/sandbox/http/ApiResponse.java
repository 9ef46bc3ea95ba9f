package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response produced by a route handler: status, headers and either an optional JSON body or
 * raw bytes (for services that answer in XML or with object content, such as S3).
 */
public final class ApiResponse {
    private final int status;
    private final JsonNode body;
    private final byte[] raw;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
        this.raw = null;
    }

    private ApiResponse(int status, byte[] raw, String contentType) {
        this.status = status;
        this.body = null;
        this.raw = raw.clone();
        headers.put("Content-Type", contentType);
    }

    /** Any status with a body of raw bytes of the given content type. */
    public static ApiResponse bytes(int status, byte[] body, String contentType) {
        return new ApiResponse(status, body, contentType);
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

    /** JSON body, or null for none (or for a raw body). */
    public JsonNode body() {
        return body;
    }

    /** Raw body bytes, or null when the body is JSON or absent. */
    public byte[] rawBody() {
        return raw == null ? null : raw.clone();
    }

    /** Response headers. */
    public Map<String, String> headers() {
        return headers;
    }
}
