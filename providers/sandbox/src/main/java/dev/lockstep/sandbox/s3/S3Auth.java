package dev.lockstep.sandbox.s3;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SigV4;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SigV4 as S3 checks it: the {@code Authorization} header scoped to service {@code s3}, the
 * request time within 15 minutes, the signature recomputed over the canonical request, and the
 * payload as {@code x-amz-content-sha256} declares it (a hex SHA-256 that must match,
 * {@code UNSIGNED-PAYLOAD}, or one of the {@code aws-chunked} streaming forms, decoded here with
 * their chunk signatures and trailing checksums verified). Errors are S3's (403 AccessDenied,
 * InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed; 400 for malformed headers).
 */
final class S3Auth {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** Who signed a request, the region of its scope, and its decoded payload. */
    record Caller(String accessKey, String region, byte[] payload) {}

    private final AwsSettings settings;

    S3Auth(AwsSettings settings) {
        this.settings = settings;
    }

    Caller authenticate(ApiRequest req) {
        if (req.queryParam("X-Amz-Signature").isPresent() || req.queryParam("X-Amz-Credential").isPresent()) {
            throw S3Errors.notImplemented("presigned URLs (query-string authentication)");
        }
        String header = req.header("Authorization").orElse("").trim();
        if (header.isEmpty()) {
            throw S3Errors.error(403, "AccessDenied", "Access Denied");
        }
        if (!header.startsWith(SigV4.ALGORITHM + " ")) {
            throw S3Errors.invalidArgument("Unsupported Authorization Type: only AWS4-HMAC-SHA256 is accepted.");
        }
        Map<String, String> parts = new HashMap<>();
        for (String p : header.substring(SigV4.ALGORITHM.length()).split(",")) {
            String kv = p.trim();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                parts.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        String[] cred = parts.getOrDefault("Credential", "").split("/");
        String signature = parts.getOrDefault("Signature", "");
        String signedHeaderList = parts.getOrDefault("SignedHeaders", "");
        if (cred.length != 5 || !cred[1].matches("\\d{8}") || !cred[4].equals("aws4_request")
                || signedHeaderList.isEmpty() || !HEX64.matcher(signature).matches()) {
            throw malformed("The authorization header is malformed; it needs Credential=KEY/DATE/REGION/s3/"
                    + "aws4_request, SignedHeaders and a 64-digit hex Signature.");
        }
        if (!cred[3].equals("s3")) {
            throw malformed("The authorization header is malformed; the service '" + cred[3]
                    + "' is wrong; expecting 's3'.");
        }
        List<String> signedHeaders = Arrays.asList(signedHeaderList.split(";"));
        if (!signedHeaders.contains("host")) {
            throw malformed("The authorization header is malformed; 'host' must be a signed header.");
        }
        String amzDate = req.header("X-Amz-Date").orElseThrow(() -> S3Errors.error(403, "AccessDenied",
                "AWS authentication requires a valid Date or x-amz-date header"));
        Instant at;
        try {
            at = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw S3Errors.error(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
        }
        if (!amzDate.startsWith(cred[1])) {
            throw malformed("The authorization header is malformed; the credential date does not match x-amz-date.");
        }
        Instant now = settings.clock().instant();
        if (Duration.between(at, now).abs().compareTo(MAX_SKEW) > 0) {
            throw S3Errors.error(403, "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.");
        }
        String contentSha = req.header("X-Amz-Content-Sha256").orElseThrow(() -> S3Errors.invalidRequest(
                "Missing required header for this request: x-amz-content-sha256"));
        String scope = cred[1] + "/" + cred[2] + "/" + cred[3] + "/aws4_request";
        byte[] key = null;
        if (settings.verifySignatures()) {
            String secret = settings.credentials().get(cred[0]);
            if (secret == null) {
                throw S3Errors.error(403, "InvalidAccessKeyId",
                        "The AWS Access Key Id you provided does not exist in our records.");
            }
            key = SigV4.signingKey(secret, cred[1], cred[2], cred[3]);
            String canonical = SigV4.canonicalRequest(req, signedHeaders);
            String toSign = SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                    + SigV4.hex(SigV4.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            String expected = SigV4.hex(SigV4.hmac(key, toSign));
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                throw S3Errors.error(403, "SignatureDoesNotMatch", "The request signature we calculated does not "
                        + "match the signature you provided. Check your key and signing method.");
            }
        }
        byte[] payload = payload(req, contentSha, key == null ? null
                : new AwsChunked.Signing(amzDate, scope, signature, key));
        for (Map.Entry<String, List<String>> h : headersStartingWith(req, PayloadChecksums.PREFIX).entrySet()) {
            if (!h.getKey().equals("x-amz-checksum-algorithm") && !h.getKey().equals("x-amz-checksum-type")
                    && !h.getKey().equals("x-amz-checksum-mode")) {
                PayloadChecksums.verify(h.getKey(), h.getValue().get(0), payload);
            }
        }
        req.header("Content-MD5").ifPresent(md5 -> PayloadChecksums.verifyMd5(md5, payload));
        return new Caller(cred[0], cred[2], payload);
    }

    private static byte[] payload(ApiRequest req, String contentSha, AwsChunked.Signing signing) {
        byte[] body = req.body();
        switch (contentSha) {
            case "UNSIGNED-PAYLOAD":
                return body;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER":
                return AwsChunked.decode(body, null, true, decodedLength(req));
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
                return AwsChunked.decode(body, signing, false, decodedLength(req));
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":
                return AwsChunked.decode(body, signing, true, decodedLength(req));
            default:
                if (!HEX64.matcher(contentSha).matches()) {
                    throw S3Errors.invalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                            + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] or a "
                            + "SHA-256 hex digest.");
                }
                if (!SigV4.hex(SigV4.sha256(body)).equals(contentSha)) {
                    throw S3Errors.error(400, "XAmzContentSHA256Mismatch",
                            "The provided 'x-amz-content-sha256' header does not match what was computed.");
                }
                return body;
        }
    }

    private static long decodedLength(ApiRequest req) {
        String v = req.header("X-Amz-Decoded-Content-Length").orElseThrow(() -> S3Errors.error(411,
                "MissingContentLength", "You must provide x-amz-decoded-content-length with an aws-chunked body."));
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("x-amz-decoded-content-length is not a number.");
        }
    }

    private static Map<String, List<String>> headersStartingWith(ApiRequest req, String prefix) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String name : req.headerNames()) {
            if (name.startsWith(prefix)) {
                out.put(name, req.headerValues(name));
            }
        }
        return out;
    }

    private static HttpError malformed(String message) {
        return S3Errors.error(400, "AuthorizationHeaderMalformed", message);
    }
}
