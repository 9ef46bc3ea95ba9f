package dev.lockstep.provider.databricks.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests sent, per endpoint: the method plus the path with ids replaced by placeholders, the
 * way the Databricks REST reference names them ({@code GET /api/2.0/permissions/{type}/{id}},
 * {@code PATCH /api/2.0/preview/scim/v2/Groups/{id}}). Retries count as requests.
 */
public final class RequestCounter {

    private static final Pattern PERMISSIONS = Pattern.compile("(/api/2\\.0/permissions/)[^/]+/[^/]+(/.*)?");
    private static final Pattern SCIM = Pattern.compile("(/api/2\\.0/(?:preview/)?scim/v2/[A-Za-z]+)/[^/]+");
    private static final Pattern TOKEN_MGMT = Pattern.compile("(/api/2\\.0/token-management/tokens)/[^/]+");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one request. */
    public void record(String method, String path) {
        counts.computeIfAbsent(endpoint(method, path), k -> new LongAdder()).increment();
    }

    /** A snapshot, sorted by endpoint. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The endpoint name of a request path (query excluded). */
    public static String endpoint(String method, String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        Matcher m = PERMISSIONS.matcher(p);
        if (m.matches()) {
            return method + " " + m.group(1) + "{type}/{id}" + (m.group(2) == null ? "" : m.group(2));
        }
        m = SCIM.matcher(p);
        if (m.matches()) {
            return method + " " + m.group(1) + "/{id}";
        }
        m = TOKEN_MGMT.matcher(p);
        if (m.matches()) {
            return method + " " + m.group(1) + "/{id}";
        }
        return method + " " + p;
    }
}
