package dev.lockstep.provider.databricks.client;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import dev.lockstep.api.toolkit.RequestCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The HTTP client under the SDK's {@code ApiClient}: every request waits for the shared rate
 * limiter and is counted; 429 answers are retried after their Retry-After (or a backoff) until the
 * retry timeout, and so are 503 answers and connection failures of requests that cannot create a
 * duplicate. Reads (GET, HEAD) change nothing, so every transient failure of theirs (500, 502, 503,
 * 504, 429, a connection failure) is retried until the retry timeout. Requests that create
 * objects with server-assigned ids are not retried here after a 503 or a lost answer: their
 * callers look the object up first (see {@code CreateGuard}). The SDK's own retries are disabled,
 * since it gives up after four attempts.
 */
public final class ResilientHttpClient implements HttpClient {

    /** Create endpoints whose retry could create a second object. */
    private static final Set<String> CREATES = Set.of(
            "POST /api/2.1/clusters/create",
            "POST /api/2.2/jobs/create",
            "POST /api/2.1/jobs/create",
            "POST /api/2.0/instance-pools/create",
            "POST /api/2.0/policies/clusters/create",
            "POST /api/2.0/token/create",
            "POST /api/2.0/token-management/on-behalf-of/tokens",
            "POST /api/2.0/preview/scim/v2/Users",
            "POST /api/2.0/preview/scim/v2/Groups",
            "POST /api/2.0/preview/scim/v2/ServicePrincipals",
            "POST /api/2.0/secrets/scopes/create");

    private final HttpClient delegate;
    private final RateLimiter limiter;
    private final RequestCounts counter;
    private final Sleeper sleeper;
    private final Duration retryTimeout;
    private final Consumer<String> log;
    /** Set after the first answer: connection failures before it mean a wrong host, not a blip. */
    private volatile boolean reachable;

    public ResilientHttpClient(HttpClient delegate, RateLimiter limiter, RequestCounts counter, Sleeper sleeper,
            Duration retryTimeout, Consumer<String> log) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.counter = counter;
        this.sleeper = sleeper;
        this.retryTimeout = retryTimeout;
        this.log = log;
    }

    /** Answers of a read that another attempt may not get: server errors that are not permanent. */
    private static final Set<Integer> TRANSIENT = Set.of(500, 502, 503, 504);

    /** Whether a request only reads: retrying it can change nothing. */
    public static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** Whether a request creates an object with a server-assigned id (never blindly retried). */
    public static boolean isCreate(String method, String path) {
        return CREATES.contains(Endpoints.of(method, path));
    }

    @Override
    public Response execute(Request in) throws IOException {
        String path = in.getUri().getPath();
        String endpoint = Endpoints.of(in.getMethod(), path);
        boolean resendable = !in.isBodyStreaming();
        boolean create = CREATES.contains(endpoint);
        boolean read = isRead(in.getMethod());
        long deadline = sleeper.nanoTime() + retryTimeout.toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the rate limiter");
            }
            counter.record(endpoint);
            Response r;
            try {
                r = delegate.execute(in);
            } catch (IOException e) {
                boolean notSent = causedBy(e, ConnectException.class) || causedBy(e, NoRouteToHostException.class)
                        || causedBy(e, PortUnreachableException.class);
                boolean retriable = reachable && resendable && (notSent || !create)
                        && !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
                if (!retriable || (attempt >= 6 && !read) || sleeper.nanoTime() > deadline) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                log.accept(endpoint + ": " + e.getClass().getSimpleName() + ", retrying in " + wait.toMillis() + " ms");
                sleep(wait);
                continue;
            }
            reachable = true;
            int status = r.getStatusCode();
            boolean retry = status == 429 || (status == 503 && !create) || (read && TRANSIENT.contains(status));
            if (!retry || !resendable) {
                return r;
            }
            Duration wait = retryAfter(r).orElse(backoff(attempt));
            if (sleeper.nanoTime() + wait.toNanos() > deadline) {
                return r;
            }
            if (status == 429) {
                limiter.pause(wait);
            }
            discard(r);
            log.accept(endpoint + ": " + status + ", retrying in " + wait.toMillis() + " ms");
            sleep(wait);
        }
    }

    private void sleep(Duration d) throws IOException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** Exponential backoff from 250 ms to 8 s with jitter. */
    static Duration backoff(int attempt) {
        long base = Math.min(8000, 250L << Math.min(attempt - 1, 5));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }

    /** Retry-After in seconds or as an HTTP date. */
    static java.util.Optional<Duration> retryAfter(Response r) {
        List<String> values = r.getHeaders("Retry-After");
        if (values == null || values.isEmpty()) {
            return java.util.Optional.empty();
        }
        String v = values.get(0).strip();
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException ex) {
                return java.util.Optional.empty();
            }
        }
    }

    private static void discard(Response r) {
        InputStream body = r.getBody();
        if (body != null) {
            try {
                body.readAllBytes();
                body.close();
            } catch (IOException e) {
                // the connection is released either way
            }
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> c) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (c.isInstance(x)) {
                return true;
            }
        }
        return false;
    }
}
