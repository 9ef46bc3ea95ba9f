package dev.lockstep.provider.kubernetes;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.provider.kubernetes.schema.KubernetesSchema;

/**
 * The Kubernetes provider's entry point, found with {@link java.util.ServiceLoader}. Its name and
 * schema use only lockstep's own classes; the fabric8 client is first loaded by {@link #open}.
 */
public final class KubernetesProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return KubernetesSchema.PROVIDER;
    }

    @Override
    public ProviderSchema schema() {
        return KubernetesSchema.build();
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        return KubernetesProvider.open(config);
    }
}
