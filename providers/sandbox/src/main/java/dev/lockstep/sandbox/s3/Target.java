package dev.lockstep.sandbox.s3;

import dev.lockstep.sandbox.http.ApiRequest;
import java.util.Locale;

/**
 * What an S3 request addresses: a bucket (null for the service, {@code GET /}) and a key (null for
 * the bucket itself). Virtual-host style ({@code Host: bucket.localhost:port}, path {@code /key})
 * when the host name ends in {@code .localhost}; path style ({@code /bucket/key}) otherwise.
 */
record Target(String bucket, String key) {
    private static final String VIRTUAL_SUFFIX = ".localhost";

    static Target of(ApiRequest req) {
        String host = req.header("Host").orElse("").trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.endsWith("]")) {
            host = host.substring(0, colon);
        }
        String path = req.path().startsWith("/") ? req.path().substring(1) : req.path();
        if (host.endsWith(VIRTUAL_SUFFIX) && host.length() > VIRTUAL_SUFFIX.length()) {
            String bucket = host.substring(0, host.length() - VIRTUAL_SUFFIX.length());
            return new Target(bucket, path.isEmpty() ? null : path);
        }
        if (path.isEmpty()) {
            return new Target(null, null);
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            return new Target(path, null);
        }
        String key = path.substring(slash + 1);
        return new Target(path.substring(0, slash), key.isEmpty() ? null : key);
    }
}
