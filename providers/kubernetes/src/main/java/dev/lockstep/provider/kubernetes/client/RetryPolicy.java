package dev.lockstep.provider.kubernetes.client;

import java.time.Duration;

/**
 * When a request to the API server is sent again, and for how long.
 *
 * <ul>
 *   <li>429 Too Many Requests: retried until {@code timeout} has passed since the request was first
 *       sent. The wait is the server's {@code Retry-After} (at least {@code interval}), or without
 *       one the back-off below; a single wait is at most {@link #MAX_WAIT}.</li>
 *   <li>5xx answers and failures to connect: retried at most {@code maxRetries} times, waiting
 *       {@code interval} doubled on each retry (or a 503's {@code Retry-After}), within the same
 *       {@code timeout}.</li>
 * </ul>
 *
 * @param timeout how long one request may keep being retried ({@code retry_timeout})
 * @param maxRetries retries of a server error or a failed connection ({@code max_retries})
 * @param interval the first back-off ({@code retry_interval})
 */
public record RetryPolicy(Duration timeout, int maxRetries, Duration interval) {

    /** The longest single wait: a longer Retry-After is cut to it. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** lockstep's defaults: 60 s, 5 retries, 500 ms. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(60), 5, Duration.ofMillis(500));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max_retries must be 0 or more, not " + maxRetries);
        }
        if (timeout.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException("retry_timeout and retry_interval must not be negative");
        }
    }

    /** The back-off before retry number {@code retry} (1-based): interval, doubled each time, at most {@link #MAX_WAIT}. */
    public long backoffMillis(int retry) {
        long millis = interval.toMillis();
        for (int i = 1; i < retry && millis < MAX_WAIT.toMillis(); i++) {
            millis *= 2;
        }
        return Math.min(millis, MAX_WAIT.toMillis());
    }

    /**
     * The wait before retry number {@code retry} of a request answered with {@code retryAfterMillis}
     * (negative when the answer named no delay).
     */
    public long waitMillis(int retry, long retryAfterMillis) {
        if (retryAfterMillis < 0) {
            return backoffMillis(retry);
        }
        return Math.min(Math.max(retryAfterMillis, interval.toMillis()), MAX_WAIT.toMillis());
    }

    /** A duration as a person reads it: "800ms", "1.5s", "60s", "2m30s". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 10_000 && ms % 1000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 120) {
            return s + "s";
        }
        return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
}
