package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.provider.kubernetes.client.RetryPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Retries one API call of the store when its answer was a server error (5xx) or never came (a
 * lost connection, a timeout), within the {@link RetryPolicy}, and remembers that such an attempt
 * may have been applied: a write that then meets 409 was perhaps its own earlier attempt, which
 * the store checks by reading back. 429s never reach here: the HTTP client waits them out
 * (honouring {@code Retry-After}), and a throttled request was not applied.
 */
final class Retrier {

    /** What the attempts of one call left behind. */
    static final class Attempts {
        private boolean uncertain;

        /** True when an attempt failed in a way that may have left its write applied. */
        boolean uncertain() {
            return uncertain;
        }
    }

    private final RetryPolicy policy;
    private final ProviderLog log;

    Retrier(RetryPolicy policy, ProviderLog log) {
        this.policy = policy;
        this.log = log == null ? ProviderLog.NONE : log;
    }

    /** Runs {@code op}, retried as above; the last failure is thrown as it came. */
    <T> T run(String what, Attempts attempts, Supplier<T> op) {
        long start = System.nanoTime();
        int failed = 0;
        while (true) {
            try {
                return op.get();
            } catch (KubernetesClientException e) {
                if (!transientFailure(e) || failed >= policy.maxRetries()) {
                    throw e;
                }
                long wait = policy.waitMillis(failed + 1, retryAfterMillis(e));
                long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
                if (elapsed + wait > policy.timeout().toMillis()) {
                    throw e;
                }
                attempts.uncertain = true;
                failed++;
                String line = "kubernetes backend: " + what + " " + (e.getCode() <= 0 ? "got no answer ("
                        + StoreErrors.rootMessage(e) + ")" : "answered " + e.getCode()) + "; retrying in "
                        + RetryPolicy.format(Duration.ofMillis(wait)) + " (retry " + failed + " of " + policy.maxRetries()
                        + ")";
                if (failed == 1) {
                    log.info(line);
                } else {
                    log.debug(line);
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean transientFailure(KubernetesClientException e) {
        if (e.getCode() >= 500) {
            return true;
        }
        if (e.getCode() > 0) {
            return false; // an answer: 4xx are final, 429s were waited out by the HTTP client
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof CertPathBuilderException || c instanceof SSLPeerUnverifiedException) {
                return false; // retrying cannot make the certificate trusted
            }
        }
        return true;
    }

    private static long retryAfterMillis(KubernetesClientException e) {
        var s = e.getStatus();
        if (s == null || s.getDetails() == null || s.getDetails().getRetryAfterSeconds() == null) {
            return -1;
        }
        return Math.max(0, s.getDetails().getRetryAfterSeconds()) * 1000L;
    }
}
