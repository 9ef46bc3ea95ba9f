package dev.lockstep.provider.kubernetes.client;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.toolkit.RequestCounts;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Counts every request the client sends (retries included) by endpoint, with namespaces and names
 * replaced by placeholders: {@code GET /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles}.
 * Reports throttling and server errors, which the client retries with back-off, to the provider
 * log, and honours {@code Retry-After}: fabric8 7.8.0 computes the Retry-After delay but schedules
 * its retry after its own back-off interval, so a 429 or 503 that names a delay is re-sent from
 * here once that delay has passed (at most {@link #MAX_RETRY_AFTER}).
 */
public final class RequestCounter implements Interceptor {

    /** The longest Retry-After honoured; longer ones are cut to it. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final RequestCounts counts = new RequestCounts();
    private final ProviderLog log;

    public RequestCounter(ProviderLog log) {
        this.log = log;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        count(request);
    }

    private void count(HttpRequest request) {
        counts.record(request.method() + " " + template(request.uri().getPath()));
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        int code = response.code();
        long delay = retryAfterMillis(response.header("Retry-After"));
        if ((code != 429 && code != 503) || delay <= 0 || response.request() == null) {
            return CompletableFuture.completedFuture(false);
        }
        count(response.request());
        long wait = Math.min(delay, MAX_RETRY_AFTER.toMillis());
        return CompletableFuture.supplyAsync(() -> true,
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS));
    }

    /** The delay a Retry-After header asks for (seconds or an HTTP date); 0 when absent or unreadable. */
    static long retryAfterMillis(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(header.trim()) * 1000;
        } catch (NumberFormatException e) {
            try {
                return ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .toEpochMilli() - System.currentTimeMillis();
            } catch (DateTimeParseException ex) {
                return 0;
            }
        }
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        int code = response.code();
        if (code == 429 || code >= 500) {
            String after = response.header("Retry-After");
            log.info("kubernetes: " + request.method() + " " + template(request.uri().getPath()) + " answered " + code
                    + (after != null ? "; retrying after Retry-After " + after + "s" : "; retrying with back-off"));
        }
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
