package dev.lockstep.sandbox.aws;

import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.HttpError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for the {@code Authorization} header, implemented with the JDK's
 * HmacSHA256: parses {@code AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=..., Signature=...}, and recomputes the signature from the canonical request when
 * the secret key of the access key is known. Errors read as the AWS JSON services phrase them; the
 * S3 emulator ({@code dev.lockstep.sandbox.s3}) reuses the canonical request and the key derivation
 * with its own (XML) errors.
 */
public final class SigV4 {
    /** The SigV4 algorithm name. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /** The parsed credential scope and signature of one request. */
    record Parsed(String accessKey, String date, String region, String service, List<String> signedHeaders,
            String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private SigV4() {}

    /** Parses and checks the shape of the Authorization header; throws AWS's errors when it is wrong. */
    static Parsed parse(ApiRequest req, String expectedService) {
        String header = req.header("Authorization").orElse("").trim();
        if (header.isEmpty()) {
            throw AwsErrors.error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (!header.startsWith(ALGORITHM + " ")) {
            throw AwsErrors.error(400, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                            + header.split(" ")[0]);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : header.substring(ALGORITHM.length()).split(",")) {
            String kv = p.trim();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                parts.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                throw incomplete("Authorization header requires '" + required + "' parameter. Authorization=" + header);
            }
        }
        String[] cred = parts.get("Credential").split("/");
        if (cred.length != 5 || cred[0].isEmpty() || !DATE.matcher(cred[1]).matches() || cred[2].isEmpty()
                || !cred[4].equals("aws4_request")) {
            throw incomplete("Credential should be scoped to a valid region, not '" + parts.get("Credential") + "'. ");
        }
        if (!cred[3].equals(expectedService)) {
            throw AwsErrors.error(400, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + expectedService + "'. ");
        }
        List<String> signed = Arrays.asList(parts.get("SignedHeaders").split(";"));
        if (!signed.contains("host")) {
            throw AwsErrors.error(400, "InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!HEX64.matcher(parts.get("Signature")).matches()) {
            throw incomplete("Signature must be 64 lowercase hex characters. Authorization=" + header);
        }
        if (req.header("X-Amz-Date").isEmpty()) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        return new Parsed(cred[0], cred[1], cred[2], cred[3], signed, parts.get("Signature"));
    }

    private static HttpError incomplete(String message) {
        return AwsErrors.error(400, "IncompleteSignatureException", message);
    }

    /** Checks the request time against the clock (5 minutes either way, as AWS does). */
    static void checkTime(ApiRequest req, Parsed p, Instant now) {
        String amzDate = req.header("X-Amz-Date").orElseThrow();
        Instant at;
        try {
            at = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
        if (!amzDate.startsWith(p.date())) {
            throw AwsErrors.error(400, "InvalidSignatureException",
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + p.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (Duration.between(at, now).abs().compareTo(MAX_SKEW) > 0) {
            throw AwsErrors.error(400, "InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(LocalDateTime.ofInstant(now.minus(MAX_SKEW), ZoneOffset.UTC)) + " ("
                    + AMZ_DATE.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + " - 5 min.)");
        }
    }

    /** Recomputes the signature with {@code secretKey}; a mismatch answers InvalidSignatureException. */
    static void verify(ApiRequest req, Parsed p, String secretKey) {
        String canonical = canonicalRequest(req, p.signedHeaders());
        String stringToSign = ALGORITHM + "\n" + req.header("X-Amz-Date").orElseThrow() + "\n" + p.scope() + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(secretKey, p.date(), p.region(), p.service());
        String expected = hex(hmac(key, stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AwsErrors.error(400, "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                            + "Access Key and signing method. Consult the service documentation for details.\n\n"
                            + "The Canonical String for this request should have been\n'" + canonical + "'\n\n"
                            + "The String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
    }

    /** The SigV4 canonical request: method, URI, query, signed headers and payload hash. */
    public static String canonicalRequest(ApiRequest req, List<String> signedHeaders) {
        StringBuilder sb = new StringBuilder();
        sb.append(req.method()).append('\n');
        sb.append(canonicalUri(req.path())).append('\n');
        sb.append(canonicalQuery(req.query())).append('\n');
        for (String h : signedHeaders) {
            List<String> values = req.headerValues(h);
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll(" +", " "));
            }
            sb.append(h.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", trimmed)).append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n');
        Optional<String> declared = req.header("X-Amz-Content-Sha256");
        sb.append(declared.orElseGet(() -> hex(sha256(req.body()))));
        return sb.toString();
    }

    private static String canonicalUri(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        List<String> encoded = new ArrayList<>();
        for (String seg : path.split("/", -1)) {
            encoded.add(encode(seg));
        }
        return String.join("/", encoded);
    }

    private static String canonicalQuery(Map<String, List<String>> query) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        query.forEach((k, vs) -> vs.forEach(v -> sorted.computeIfAbsent(encode(k), x -> new ArrayList<>()).add(encode(v))));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, vs) -> vs.stream().sorted().forEach(v -> pairs.add(k + "=" + v)));
        return String.join("&", pairs);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** The SigV4 signing key of a secret key for one day, region and service. */
    public static byte[] signingKey(String secretKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** SHA-256 of some bytes. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of a UTF-8 string. */
    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
