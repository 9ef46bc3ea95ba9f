package dev.lockstep.provider.databricks.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Endpoint names for request counts: the method plus the path with ids replaced by placeholders,
 * the way the Databricks REST reference names them ({@code GET /api/2.0/permissions/{type}/{id}},
 * {@code PATCH /api/2.0/preview/scim/v2/Groups/{id}}).
 */
public final class Endpoints {

    private static final Pattern PERMISSIONS = Pattern.compile("(/api/2\\.0/permissions/)[^/]+/[^/]+(/.*)?");
    private static final Pattern SCIM = Pattern.compile("(/api/2\\.0/(?:preview/)?scim/v2/[A-Za-z]+)/[^/]+");
    private static final Pattern TOKEN_MGMT = Pattern.compile("(/api/2\\.0/token-management/tokens)/[^/]+");

    private Endpoints() {
    }

    /** The endpoint name of a request path (query excluded). */
    public static String of(String method, String path) {
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
