package dev.lockstep.secrets.aws;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.ProviderSchema;

/**
 * The {@code aws} provider: {@code data "aws_secretsmanager_secret"} reads AWS Secrets Manager
 * through the AWS SDK v2 with the URL-connection HTTP client. Name and schema load no SDK class;
 * {@link #open} resolves region and credentials (failing with a diagnostic that lists what it
 * tried) and builds the client.
 */
public final class AwsProviderFactory implements ProviderFactory {

    /** The provider name, which prefixes its type names. */
    public static final String NAME = "aws";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderSchema schema() {
        return AwsSchemas.provider();
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        return AwsConnector.open(config);
    }
}
