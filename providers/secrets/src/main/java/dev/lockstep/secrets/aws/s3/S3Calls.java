package dev.lockstep.secrets.aws.s3;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.ConflictException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs one S3 request with lockstep's retries (the SDK's own are off, so that a writer knows when
 * an attempt may have landed although its answer was lost) and turns failures into
 * {@link StateException}s that name the bucket, the key and the endpoint, never content:
 * 412 and 409 are a {@link ConflictException}; a missing object is {@link Missing}; 429, 5xx,
 * timeouts and I/O errors are retried with bounded, jittered exponential backoff (honouring
 * {@code Retry-After}); a missing bucket, 403 and an unreachable endpoint are explained.
 */
final class S3Calls {

    /** How often and how patiently to retry. */
    record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** One S3 request. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    /** The object a request named does not exist (404 NoSuchKey). */
    static final class Missing extends StateException {
        Missing(String message) {
            super(message);
        }
    }

    /** Whether an earlier attempt of a write failed in a way that may have let it land. */
    static final class Attempts {
        private boolean ambiguous;

        boolean ambiguous() {
            return ambiguous;
        }
    }

    private final String bucket;
    private final String endpoint;
    private final String credentialSource;
    private final RetryPolicy policy;
    private final ProviderLog log;

    S3Calls(String bucket, String endpoint, String credentialSource, RetryPolicy policy, ProviderLog log) {
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.credentialSource = credentialSource;
        this.policy = policy;
        this.log = log;
    }

    String where(String key) {
        return "s3://" + bucket + "/" + key + " (" + endpoint + ")";
    }

    /** Runs {@code call} for {@code op} on {@code key}, retrying transient failures; {@code a} learns of ambiguity. */
    <T> T run(String op, String key, Attempts a, Call<T> call) throws StateException {
        for (int attempt = 1; ; attempt++) {
            String failure;
            Duration retryAfter = null;
            try {
                T result = call.run();
                log.debug("s3: " + op + " " + where(key) + ": ok" + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
                return result;
            } catch (S3Exception e) {
                int status = e.statusCode();
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                log.debug("s3: " + op + " " + where(key) + ": " + status + " " + code);
                if (status == 412 || (status == 409 && "ConditionalRequestConflict".equals(code))) {
                    throw new ConflictException(op + " " + where(key) + ": the object changed since it was read ("
                            + status + " " + code + ")");
                }
                if (status == 404 && "NoSuchBucket".equals(code)) {
                    throw new StateException("The S3 bucket \"" + bucket + "\" does not exist at " + endpoint
                            + " (state " + where(key) + "). Create it, or fix bucket, region or endpoints in the "
                            + "backend \"s3\" block.");
                }
                if (status == 404) {
                    throw new Missing(op + " " + where(key) + ": no such object");
                }
                if (status == 403) {
                    throw new StateException("S3 denied " + op + " on " + where(key) + " (" + code + "). Check the "
                            + "credentials (from " + credentialSource + ") and that they may s3:GetObject, "
                            + "s3:PutObject, s3:DeleteObject and s3:ListBucket there.");
                }
                if (status == 301 || (status == 400 && "AuthorizationHeaderMalformed".equals(code))) {
                    String region = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")
                            .orElse("another region");
                    throw new StateException("The S3 bucket \"" + bucket + "\" is in " + region + ", not in the "
                            + "region the backend \"s3\" block uses (" + where(key) + "); set region accordingly.");
                }
                if (status != 429 && status < 500) {
                    throw new StateException("S3 refused " + op + " on " + where(key) + ": " + status + " " + code
                            + (e.awsErrorDetails() == null ? "" : ": " + e.awsErrorDetails().errorMessage()));
                }
                failure = status + " " + code;
                retryAfter = e.awsErrorDetails() == null ? null : e.awsErrorDetails().sdkHttpResponse()
                        .firstMatchingHeader("Retry-After").map(S3Calls::seconds).orElse(null);
            } catch (SdkClientException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.debug("s3: " + op + " " + where(key) + ": " + failure);
            } catch (SdkException e) {
                throw new StateException("S3 " + op + " on " + where(key) + " failed: " + e.getMessage());
            }
            a.ambiguous = true;
            if (attempt >= policy.maxAttempts()) {
                throw new StateException("S3 " + op + " on " + where(key) + " failed " + attempt + " times; the last "
                        + "failure: " + failure + ". Check that the endpoint is reachable and S3 is available.");
            }
            sleep(delay(attempt, retryAfter));
        }
    }

    private Duration delay(int attempt, Duration retryAfter) {
        long cap = policy.maxDelay().toMillis();
        long exp = Math.min(cap, policy.baseDelay().toMillis() << Math.min(20, attempt - 1));
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        long wanted = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(Math.min(cap, wanted));
    }

    private static Duration seconds(String v) {
        try {
            return Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void sleep(Duration d) throws StateException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting to retry an S3 request");
        }
    }
}
