package dev.lockstep.provider.kubernetes.client;

import dev.lockstep.api.provider.ProviderLog;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.WebSocket;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The fabric8 HTTP client with lockstep's {@link RetryPolicy} around every request. fabric8 7.8.0
 * retries 429 and 5xx itself, but a fixed number of times and after its own back-off only (it
 * computes {@code Retry-After} and then schedules the retry with the back-off interval), so its
 * retries are switched off ({@code requestRetryBackoffLimit = 0}) and every retry happens here:
 * 429s for as long as {@code retry_timeout} allows, honouring {@code Retry-After}; server errors
 * and failed connections {@code max_retries} times with back-off. A request still throttled when
 * the time is up fails with a {@link ThrottledException} that says so. Failures that cannot heal
 * (an untrusted server certificate) are not retried.
 *
 * <p>Each attempt goes through the wrapped client, so its interceptors (the request counter) see
 * every request sent. Clients derived with {@link #newBuilder()} (fabric8 derives one only for an
 * operation with its own request configuration, which the provider never sets) are not wrapped.
 */
public final class RetryingHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final RetryPolicy policy;
    private final ProviderLog log;

    public RetryingHttpClient(HttpClient delegate, RetryPolicy policy, ProviderLog log) {
        this.delegate = delegate;
        this.policy = policy;
        this.log = log;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, Class<T> type) {
        return retrying(request, () -> delegate.sendAsync(request, type));
    }

    @Override
    public CompletableFuture<HttpResponse<AsyncBody>> consumeBytes(HttpRequest request,
            AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        return retrying(request, () -> delegate.consumeBytes(request, consumer));
    }

    private <T> CompletableFuture<HttpResponse<T>> retrying(HttpRequest request,
            Supplier<CompletableFuture<HttpResponse<T>>> send) {
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        new Attempts<>(request, send, result).send();
        return result;
    }

    /** The attempts at one request, from the first to the answer that ends them. */
    private final class Attempts<T> {

        private final HttpRequest request;
        private final Supplier<CompletableFuture<HttpResponse<T>>> send;
        private final CompletableFuture<HttpResponse<T>> result;
        private final long start = System.nanoTime();
        private int throttled;
        private int failed;

        Attempts(HttpRequest request, Supplier<CompletableFuture<HttpResponse<T>>> send,
                CompletableFuture<HttpResponse<T>> result) {
            this.request = request;
            this.send = send;
            this.result = result;
        }

        void send() {
            CompletableFuture<HttpResponse<T>> attempt;
            try {
                attempt = send.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            attempt.whenComplete(this::answered);
        }

        private void answered(HttpResponse<T> response, Throwable failure) {
            if (result.isDone()) {
                discard(response);
                return;
            }
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (cause instanceof IOException && !untrusted(cause) && failed < policy.maxRetries()) {
                    long wait = policy.backoffMillis(failed + 1);
                    if (fits(wait)) {
                        failed++;
                        retry(wait, "failed (" + cause.getClass().getSimpleName() + "); retrying in "
                                + RetryPolicy.format(Duration.ofMillis(wait)) + " (retry " + failed + " of "
                                + policy.maxRetries() + ")", failed == 1);
                        return;
                    }
                }
                result.completeExceptionally(failure);
                return;
            }
            int code = response.code();
            if (code == 429) {
                long retryAfter = retryAfterMillis(response.header("Retry-After"));
                long wait = policy.waitMillis(throttled + 1, retryAfter);
                throttled++;
                discard(response);
                if (fits(wait)) {
                    retry(wait, "answered 429; retrying in " + RetryPolicy.format(Duration.ofMillis(wait))
                            + (retryAfter >= 0 ? " (Retry-After " + RetryPolicy.format(Duration.ofMillis(retryAfter))
                            + ")" : ""), throttled == 1);
                } else {
                    result.completeExceptionally(new ThrottledException(throttledMessage(retryAfter, wait)));
                }
                return;
            }
            if (code >= 500 && failed < policy.maxRetries()) {
                long wait = policy.waitMillis(failed + 1, code == 503
                        ? retryAfterMillis(response.header("Retry-After")) : -1);
                if (fits(wait)) {
                    failed++;
                    discard(response);
                    retry(wait, "answered " + code + "; retrying in " + RetryPolicy.format(Duration.ofMillis(wait))
                            + " (retry " + failed + " of " + policy.maxRetries() + ")", failed == 1);
                    return;
                }
            }
            result.complete(response);
        }

        private boolean fits(long waitMillis) {
            return elapsed().toMillis() + waitMillis <= policy.timeout().toMillis();
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private void retry(long waitMillis, String what, boolean first) {
            String line = "kubernetes: " + endpoint() + " " + what;
            if (first) {
                log.info(line);
            } else {
                log.debug(line);
            }
            // not on the delay scheduler's own thread: an interceptor may block (an exec credential plugin)
            CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS).execute(this::send);
        }

        private String endpoint() {
            return request.method() + " " + RequestCounter.template(request.uri().getPath());
        }

        private String throttledMessage(long retryAfter, long wait) {
            String timeout = RetryPolicy.format(policy.timeout());
            if (policy.timeout().isZero()) {
                return "The Kubernetes API throttled a request (HTTP 429): " + endpoint() + " was not retried because "
                        + "retry_timeout is 0s. Set retry_timeout in the provider block to retry throttled requests.";
            }
            long left = Math.max(0, policy.timeout().toMillis() - elapsed().toMillis());
            String why = retryAfter >= 0 && wait > left
                    ? "the server asked to wait " + RetryPolicy.format(Duration.ofMillis(retryAfter)) + " more "
                            + "(Retry-After), longer than the " + RetryPolicy.format(Duration.ofMillis(left)) + " left "
                            + "of retry_timeout (" + timeout + ")"
                    : "retry_timeout (" + timeout + ") is used up";
            return "The Kubernetes API kept throttling requests (HTTP 429) for " + RetryPolicy.format(elapsed()) + ": "
                    + endpoint() + " was answered 429 " + throttled + (throttled == 1 ? " time" : " times") + " and "
                    + why + ". Raise retry_timeout in the provider block, run with a lower --parallelism, or try "
                    + "again later.";
        }
    }

    /** The delay a Retry-After header asks for (seconds or an HTTP date), or -1 when absent or unreadable. */
    static long retryAfterMillis(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000;
        } catch (NumberFormatException e) {
            try {
                return Math.max(0, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .toEpochMilli() - System.currentTimeMillis());
            } catch (DateTimeParseException ex) {
                return -1;
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A TLS trust failure: retrying cannot make the certificate trusted. */
    private static boolean untrusted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof CertPathBuilderException || c instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static void discard(HttpResponse<?> response) {
        if (response == null) {
            return;
        }
        Object body = response.body();
        if (body instanceof AsyncBody b) {
            b.cancel();
        } else if (body instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public DerivedClientBuilder newBuilder() {
        return delegate.newBuilder();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    @Override
    public HttpRequest.Builder newHttpRequestBuilder() {
        return delegate.newHttpRequestBuilder();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }
}
