package dev.lockstep.secrets.aws;

import dev.lockstep.api.toolkit.RequestCounts;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP attempt the SDK transmits (retries included) under the key the sandbox uses:
 * {@code POST / secretsmanager.GetSecretValue}.
 */
final class CountingInterceptor implements ExecutionInterceptor {

    private final RequestCounts counter;

    CountingInterceptor(RequestCounts counter) {
        this.counter = counter;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counter.add(context.httpRequest().method() + " / secretsmanager." + op, 1);
    }
}
