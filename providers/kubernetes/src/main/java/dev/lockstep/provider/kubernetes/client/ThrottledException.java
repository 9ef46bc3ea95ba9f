package dev.lockstep.provider.kubernetes.client;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server kept answering 429 until {@link RetryPolicy#timeout()} ran out. It travels through
 * the fabric8 client as a {@link KubernetesClientException} with code 429, whose status message is
 * the complete explanation, so that {@link KubeApi} turns it into an {@link ApiException} like any
 * other failure.
 */
public final class ThrottledException extends KubernetesClientException {

    public ThrottledException(String message) {
        super(message, 429, new StatusBuilder().withCode(429).withReason("TooManyRequests").withMessage(message)
                .build());
    }
}
