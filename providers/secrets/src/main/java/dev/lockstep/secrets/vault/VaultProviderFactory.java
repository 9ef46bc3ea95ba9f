package dev.lockstep.secrets.vault;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.ProviderSchema;

/**
 * The {@code vault} provider: {@code data "vault_kv_secret"} reads KV version 2 secrets through the
 * jopenlibs vault-java-driver. Name and schema load no driver class; {@link #open} resolves the
 * settings, authenticates (token, Kubernetes or AppRole) and checks the token before any read.
 */
public final class VaultProviderFactory implements ProviderFactory {

    /** The provider name, which prefixes its type names. */
    public static final String NAME = "vault";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderSchema schema() {
        return VaultSchemas.provider();
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        return VaultConnector.open(config);
    }
}
