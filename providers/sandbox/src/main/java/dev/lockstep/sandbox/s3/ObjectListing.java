package dev.lockstep.sandbox.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.NavigableMap;

/**
 * ListObjectsV2 ({@code GET /bucket?list-type=2}): keys in UTF-8 binary order, filtered by
 * {@code prefix}, starting after {@code start-after} or the opaque {@code continuation-token} of
 * the previous page, at most {@code max-keys} (1 to 1000, default 1000) per page, optionally
 * URL-encoded ({@code encoding-type=url}). {@code delimiter} and {@code fetch-owner=true} are
 * refused as not implemented rather than ignored.
 */
final class ObjectListing {
    private ObjectListing() {}

    static byte[] list(S3State.Bucket bucket, Map<String, String> query) {
        for (String k : query.keySet()) {
            if (!java.util.Set.of("list-type", "prefix", "max-keys", "continuation-token", "start-after",
                    "encoding-type", "fetch-owner", "delimiter").contains(k)) {
                throw S3Errors.notImplemented("ListObjectsV2 parameter " + k);
            }
        }
        if (!query.getOrDefault("delimiter", "").isEmpty()) {
            throw S3Errors.notImplemented("ListObjectsV2 with a delimiter");
        }
        if (query.getOrDefault("fetch-owner", "false").equals("true")) {
            throw S3Errors.notImplemented("ListObjectsV2 with fetch-owner=true");
        }
        String encoding = query.get("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request");
        }
        boolean url = encoding != null;
        String prefix = query.getOrDefault("prefix", "");
        int maxKeys = 1000;
        if (query.containsKey("max-keys")) {
            try {
                maxKeys = Math.min(1000, Integer.parseInt(query.get("max-keys")));
            } catch (NumberFormatException e) {
                maxKeys = -1;
            }
            if (maxKeys < 0) {
                throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range");
            }
        }
        String startAfter = query.get("start-after");
        String token = query.get("continuation-token");
        String after = startAfter;
        if (token != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument("The continuation token provided is incorrect");
            }
            if (after.isEmpty()) {
                throw S3Errors.invalidArgument("The continuation token provided is incorrect");
            }
            if (startAfter != null && startAfter.compareTo(after) > 0) {
                after = startAfter;
            }
        }
        NavigableMap<String, S3State.StoredObject> from = after == null ? bucket.objects
                : bucket.objects.tailMap(after, false);
        StringBuilder contents = new StringBuilder();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, S3State.StoredObject> e : from.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                if (e.getKey().compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (count == maxKeys) {
                truncated = count > 0;
                break;
            }
            S3State.StoredObject o = e.getValue();
            contents.append("<Contents><Key>").append(text(e.getKey(), url)).append("</Key><LastModified>")
                    .append(Instant.ofEpochMilli(o.lastModified)).append("</LastModified><ETag>")
                    .append(S3Errors.escape(o.etag)).append("</ETag><Size>").append(o.data.length)
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            count++;
            last = e.getKey();
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        sb.append("<Name>").append(S3Errors.escape(bucket.name)).append("</Name>");
        sb.append("<Prefix>").append(text(prefix, url)).append("</Prefix>");
        if (startAfter != null) {
            sb.append("<StartAfter>").append(text(startAfter, url)).append("</StartAfter>");
        }
        if (token != null) {
            sb.append("<ContinuationToken>").append(S3Errors.escape(token)).append("</ContinuationToken>");
        }
        if (truncated) {
            sb.append("<NextContinuationToken>")
                    .append(Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)))
                    .append("</NextContinuationToken>");
        }
        sb.append("<KeyCount>").append(count).append("</KeyCount>");
        sb.append("<MaxKeys>").append(maxKeys).append("</MaxKeys>");
        if (url) {
            sb.append("<EncodingType>url</EncodingType>");
        }
        sb.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        sb.append(contents).append("</ListBucketResult>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String s, boolean url) {
        return S3Errors.escape(url ? URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20") : s);
    }
}
