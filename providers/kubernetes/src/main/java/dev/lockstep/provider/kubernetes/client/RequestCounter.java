package dev.lockstep.provider.kubernetes.client;

import dev.lockstep.api.toolkit.RequestCounts;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;

/**
 * Counts every request the client sends (retries included, see {@link RetryingHttpClient}) by
 * endpoint, with namespaces and names replaced by placeholders:
 * {@code GET /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles}.
 */
public final class RequestCounter implements Interceptor {

    private final RequestCounts counts = new RequestCounts();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.record(request.method() + " " + template(request.uri().getPath()));
    }

    /** A snapshot of the counts, sorted by endpoint. */
    public Map<String, Long> snapshot() {
        return counts.snapshot();
    }

    /** An API path with its namespace and object name replaced by {@code {ns}} and {@code {name}}. */
    public static String template(String path) {
        String[] s = path.split("/");
        // "", "api", "v1", ... or "", "apis", group, version, ...
        int start;
        if (s.length >= 3 && s[1].equals("api")) {
            start = 3;
        } else if (s.length >= 4 && s[1].equals("apis")) {
            start = 4;
        } else {
            return path;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < start; i++) {
            sb.append('/').append(s[i]);
        }
        int i = start;
        if (i + 2 < s.length && s[i].equals("namespaces")) {
            sb.append("/namespaces/{ns}");
            i += 2;
        }
        if (i < s.length) {
            sb.append('/').append(s[i]);
            i++;
        }
        if (i < s.length) {
            sb.append("/{name}");
            i++;
        }
        for (; i < s.length; i++) {
            sb.append('/').append(s[i]);
        }
        return sb.toString();
    }
}
