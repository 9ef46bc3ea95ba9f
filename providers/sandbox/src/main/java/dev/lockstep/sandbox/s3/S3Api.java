package dev.lockstep.sandbox.s3;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 operations the sandbox serves, on {@link S3State} (the caller holds the state lock, so
 * every request, conditional writes included, is atomic: of concurrent {@code If-None-Match: *}
 * puts of one key exactly one succeeds). Bucket: CreateBucket, HeadBucket, DeleteBucket,
 * ListObjectsV2, ListBuckets. Object: PutObject ({@code If-None-Match: *}, {@code If-Match}),
 * GetObject and HeadObject ({@code If-Match}, {@code If-None-Match}), DeleteObject ({@code If-Match}).
 * Headers and query parameters that would change what an operation does and are not implemented
 * are refused with 501 NotImplemented, never ignored.
 */
final class S3Api {
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern LOCATION = Pattern.compile("<LocationConstraint>([^<]*)</LocationConstraint>");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /**
     * x-amz-* request headers that are understood (besides x-amz-meta-* and x-amz-checksum-*);
     * {@code x-amz-te} is the SDK's offer to take a trailing MD5 on GetObject, which S3 itself
     * does not act on either.
     */
    private static final Set<String> KNOWN_AMZ = Set.of("x-amz-date", "x-amz-content-sha256",
            "x-amz-decoded-content-length", "x-amz-trailer", "x-amz-sdk-checksum-algorithm", "x-amz-security-token",
            "x-amz-user-agent", "x-amz-server-side-encryption", "x-amz-te");

    private final S3State state;
    private final AwsSettings settings;

    S3Api(S3State state, AwsSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    /** Which operation a request is (for accounting); {@code target} says what it addresses. */
    static String operation(String method, Target target, ApiRequest req) {
        if (target.bucket() == null) {
            return method.equals("GET") ? "ListBuckets" : "Unknown";
        }
        if (target.key() == null) {
            return switch (method) {
                case "PUT" -> "CreateBucket";
                case "HEAD" -> "HeadBucket";
                case "DELETE" -> "DeleteBucket";
                case "GET" -> req.queryParam("list-type").map(v -> "ListObjectsV2").orElse("ListObjects");
                default -> "Unknown";
            };
        }
        return switch (method) {
            case "PUT" -> "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> "Unknown";
        };
    }

    ApiResponse handle(ApiRequest req, Target target, S3Auth.Caller caller) {
        String op = operation(req.method(), target, req);
        checkHeaders(req, op);
        checkQuery(req, op);
        return switch (op) {
            case "ListBuckets" -> listBuckets();
            case "CreateBucket" -> createBucket(target.bucket(), caller);
            case "HeadBucket" -> ApiResponse.noContent(200).header("x-amz-bucket-region", bucket(target, caller).region);
            case "DeleteBucket" -> deleteBucket(target, caller);
            case "ListObjectsV2" -> xml(ObjectListing.list(bucket(target, caller), singleValued(req)));
            case "PutObject" -> putObject(req, target, caller);
            case "GetObject", "HeadObject" -> getObject(req, target, caller, op.equals("HeadObject"));
            case "DeleteObject" -> deleteObject(req, target, caller);
            case "ListObjects" -> throw S3Errors.notImplemented("ListObjects (version 1); use ListObjectsV2");
            default -> throw S3Errors.error(405, "MethodNotAllowed",
                    "The specified method is not allowed against this resource.");
        };
    }

    private static void checkHeaders(ApiRequest req, String op) {
        for (String h : req.headerNames()) {
            if (h.startsWith("x-amz-") && !KNOWN_AMZ.contains(h) && !h.startsWith("x-amz-meta-")
                    && !h.startsWith(PayloadChecksums.PREFIX)) {
                throw S3Errors.notImplemented(op + " with header " + h);
            }
        }
        if (!op.equals("PutObject")) {
            for (String h : List.of("x-amz-server-side-encryption", "x-amz-meta-")) {
                if (req.headerNames().stream().anyMatch(n -> n.startsWith(h))) {
                    throw S3Errors.invalidArgument(op + " does not take " + h + " headers");
                }
            }
        }
        for (String h : List.of("Range", "If-Modified-Since", "If-Unmodified-Since")) {
            if (req.header(h).isPresent()) {
                throw S3Errors.notImplemented(op + " with header " + h);
            }
        }
    }

    private static void checkQuery(ApiRequest req, String op) {
        if (op.equals("ListObjectsV2")) {
            return;
        }
        for (String k : req.query().keySet()) {
            boolean sdkOperationId = k.equals("x-id") && req.queryParam("x-id").orElse("").equals(op);
            if (!sdkOperationId) {
                throw S3Errors.notImplemented(op + " with query parameter " + k);
            }
        }
    }

    private static Map<String, String> singleValued(ApiRequest req) {
        Map<String, String> m = new LinkedHashMap<>();
        req.query().forEach((k, v) -> m.put(k, v.isEmpty() ? "" : v.get(0)));
        return m;
    }

    private S3State.Bucket bucket(Target target, S3Auth.Caller caller) {
        S3State.Bucket b = state.buckets.get(target.bucket());
        if (b == null) {
            throw S3Errors.noSuchBucket(target.bucket());
        }
        if (!b.region.equals(caller.region())) {
            throw new dev.lockstep.sandbox.http.HttpError(S3Errors.error(400, "AuthorizationHeaderMalformed",
                    "The authorization header is malformed; the region '" + caller.region() + "' is wrong; expecting '"
                            + b.region + "'", b.name, null).toResponse().header("x-amz-bucket-region", b.region));
        }
        return b;
    }

    private ApiResponse listBuckets() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>sandbox</ID>"
                + "<DisplayName>sandbox</DisplayName></Owner><Buckets>");
        state.buckets.values().forEach(b -> sb.append("<Bucket><Name>").append(S3Errors.escape(b.name))
                .append("</Name><CreationDate>").append(Instant.ofEpochMilli(b.created)).append("</CreationDate>")
                .append("<BucketRegion>").append(b.region).append("</BucketRegion></Bucket>"));
        sb.append("</Buckets></ListAllMyBucketsResult>");
        return xml(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a bucket in {@code region}; false when it exists. */
    boolean create(String name, String region) {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw S3Errors.error(400, "InvalidBucketName", "The specified bucket is not valid.", name, null);
        }
        if (state.buckets.containsKey(name)) {
            return false;
        }
        S3State.Bucket b = new S3State.Bucket();
        b.name = name;
        b.region = region;
        b.created = settings.clock().millis();
        state.buckets.put(name, b);
        return true;
    }

    private ApiResponse createBucket(String name, S3Auth.Caller caller) {
        String body = new String(caller.payload(), StandardCharsets.UTF_8);
        Matcher m = LOCATION.matcher(body);
        String wanted = m.find() && !m.group(1).isEmpty() ? m.group(1) : "us-east-1";
        if (!wanted.equals(caller.region())) {
            throw S3Errors.error(400, "IllegalLocationConstraintException", "The " + wanted + " location constraint "
                    + "is incompatible for the region specific endpoint this request was sent to.", name, null);
        }
        if (!create(name, wanted)) {
            throw S3Errors.error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket "
                    + "succeeded and you already own it.", name, null);
        }
        return ApiResponse.noContent(200).header("Location", "/" + name);
    }

    private ApiResponse deleteBucket(Target target, S3Auth.Caller caller) {
        S3State.Bucket b = bucket(target, caller);
        if (!b.objects.isEmpty()) {
            throw S3Errors.error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", b.name, null);
        }
        state.buckets.remove(b.name);
        return ApiResponse.noContent(204);
    }

    private ApiResponse putObject(ApiRequest req, Target target, S3Auth.Caller caller) {
        S3State.Bucket b = bucket(target, caller);
        S3State.StoredObject existing = b.objects.get(target.key());
        String ifNoneMatch = req.header("If-None-Match").orElse(null);
        String ifMatch = req.header("If-Match").orElse(null);
        if (ifNoneMatch != null && ifMatch != null) {
            throw S3Errors.notImplemented("PutObject with both If-Match and If-None-Match");
        }
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw S3Errors.notImplemented("If-None-Match other than * on PutObject");
            }
            if (existing != null) {
                throw S3Errors.preconditionFailed("If-None-Match");
            }
        }
        if (ifMatch != null) {
            if (existing == null) {
                throw S3Errors.noSuchKey(b.name, target.key());
            }
            if (!etagMatches(ifMatch, existing.etag)) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
        String sse = req.header("x-amz-server-side-encryption").orElse(null);
        if (sse != null && !sse.equals("AES256")) {
            if (sse.startsWith("aws:kms")) {
                throw S3Errors.notImplemented("server-side encryption " + sse + " (the sandbox has no KMS)");
            }
            throw S3Errors.invalidArgument("The encryption method specified is not supported");
        }
        S3State.StoredObject o = new S3State.StoredObject();
        o.data = caller.payload();
        o.etag = "\"" + HexFormat.of().formatHex(PayloadChecksums.digest("MD5", o.data)) + "\"";
        o.lastModified = settings.clock().millis();
        o.contentType = req.header("Content-Type").orElse("binary/octet-stream");
        o.sse = sse;
        for (String h : req.headerNames()) {
            if (h.startsWith("x-amz-meta-")) {
                o.metadata.put(h.substring("x-amz-meta-".length()), req.header(h).orElse(""));
            }
        }
        b.objects.put(target.key(), o);
        return ApiResponse.noContent(200).header("ETag", o.etag).header("x-amz-server-side-encryption", "AES256");
    }

    private ApiResponse getObject(ApiRequest req, Target target, S3Auth.Caller caller, boolean head) {
        S3State.Bucket b = bucket(target, caller);
        S3State.StoredObject o = b.objects.get(target.key());
        if (o == null) {
            throw S3Errors.noSuchKey(b.name, target.key());
        }
        String ifMatch = req.header("If-Match").orElse(null);
        if (ifMatch != null && !etagMatches(ifMatch, o.etag)) {
            throw S3Errors.preconditionFailed("If-Match");
        }
        String ifNoneMatch = req.header("If-None-Match").orElse(null);
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, o.etag)) {
            return ApiResponse.noContent(304).header("ETag", o.etag);
        }
        ApiResponse r = head ? ApiResponse.noContent(200).header("Content-Length", Integer.toString(o.data.length))
                .header("Content-Type", o.contentType) : ApiResponse.bytes(200, o.data, o.contentType);
        r.header("ETag", o.etag)
                .header("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(o.lastModified)))
                .header("Accept-Ranges", "bytes")
                .header("x-amz-server-side-encryption", "AES256");
        o.metadata.forEach((k, v) -> r.header("x-amz-meta-" + k, v));
        return r;
    }

    private ApiResponse deleteObject(ApiRequest req, Target target, S3Auth.Caller caller) {
        S3State.Bucket b = bucket(target, caller);
        if (req.header("If-None-Match").isPresent()) {
            throw S3Errors.notImplemented("If-None-Match on DeleteObject");
        }
        S3State.StoredObject o = b.objects.get(target.key());
        String ifMatch = req.header("If-Match").orElse(null);
        if (ifMatch != null) {
            if (o == null) {
                throw S3Errors.noSuchKey(b.name, target.key());
            }
            if (!etagMatches(ifMatch, o.etag)) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
        b.objects.remove(target.key());
        return ApiResponse.noContent(204);
    }

    /** RFC 7232 matching of an If-Match / If-None-Match list against an ETag ({@code *} matches any). */
    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag) || ("\"" + c + "\"").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static ApiResponse xml(byte[] body) {
        return ApiResponse.bytes(200, body, S3Errors.XML);
    }

    /** Reads an object (for tests and inspection); null when absent. */
    S3State.StoredObject object(String bucket, String key) {
        S3State.Bucket b = state.buckets.get(bucket);
        return b == null ? null : b.objects.get(key);
    }
}
