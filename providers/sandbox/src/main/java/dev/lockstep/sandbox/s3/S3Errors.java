package dev.lockstep.sandbox.s3;

import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * S3's REST errors: an XML body {@code <Error><Code>..</Code><Message>..</Message>..</Error>} with
 * {@code x-amz-request-id}; the codes and statuses real S3 answers with (NoSuchBucket and NoSuchKey
 * 404, PreconditionFailed 412, SignatureDoesNotMatch 403, SlowDown 503 for throttling, ...).
 */
final class S3Errors implements ErrorRenderer {
    static final String XML = "application/xml";

    static HttpError error(int status, String code, String message) {
        return error(status, code, message, null, null);
    }

    /** An error naming the bucket and (when not null) the key, as S3's bodies do. */
    static HttpError error(int status, String code, String message, String bucket, String key) {
        String requestId = requestId();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
        sb.append("<Code>").append(escape(code)).append("</Code>");
        sb.append("<Message>").append(escape(message)).append("</Message>");
        if (bucket != null) {
            sb.append("<BucketName>").append(escape(bucket)).append("</BucketName>");
        }
        if (key != null) {
            sb.append("<Key>").append(escape(key)).append("</Key>");
        }
        sb.append("<RequestId>").append(requestId).append("</RequestId>");
        sb.append("<HostId>sandbox</HostId></Error>");
        ApiResponse r = ApiResponse.bytes(status, sb.toString().getBytes(StandardCharsets.UTF_8), XML)
                .header("x-amz-request-id", requestId)
                .header("x-amz-id-2", "sandbox");
        return new HttpError(r);
    }

    static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
    }

    static HttpError noSuchBucket(String bucket) {
        return error(404, "NoSuchBucket", "The specified bucket does not exist", bucket, null);
    }

    static HttpError noSuchKey(String bucket, String key) {
        return error(404, "NoSuchKey", "The specified key does not exist.", bucket, key);
    }

    static HttpError preconditionFailed(String condition) {
        return error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold ("
                + condition + ")");
    }

    static HttpError invalidArgument(String message) {
        return error(400, "InvalidArgument", message);
    }

    static HttpError invalidRequest(String message) {
        return error(400, "InvalidRequest", message);
    }

    static HttpError notImplemented(String what) {
        return error(501, "NotImplemented", "A header or query you provided implies functionality that is not "
                + "implemented by the lockstep sandbox: " + what);
    }

    /** XML text escaping. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public HttpError routeNotFound(String method, String path) {
        return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }

    @Override
    public HttpError injected(Faults.Fault fault) {
        return switch (fault.status()) {
            // S3 throttles with 503 SlowDown; the SDK retries it as throttling
            case 429 -> error(503, "SlowDown", "Please reduce your request rate. (" + fault.reason() + ")");
            case 503 -> error(503, "ServiceUnavailable", "Service is unable to handle request. (" + fault.reason() + ")");
            default -> error(500, "InternalError", "We encountered an internal error. Please try again. ("
                    + fault.reason() + ")");
        };
    }

    @Override
    public HttpError internal(Throwable cause) {
        return error(500, "InternalError", "We encountered an internal error: " + cause.getClass().getSimpleName());
    }
}
