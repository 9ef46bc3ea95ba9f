package dev.lockstep.secrets.aws;

import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.toolkit.RequestCounts;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** An opened {@code aws} provider: one data source, no resources; closing it closes the SDK client. */
final class AwsProvider implements Provider {

    private final SecretsManagerClient client;
    private final RequestCounts counter;
    private final SecretsManagerSecretSource secrets;

    AwsProvider(SecretsManagerClient client, String region, RequestCounts counter, Scrubber scrubber,
            ProviderLog log, boolean sandbox) {
        this.client = client;
        this.counter = counter;
        this.secrets = new SecretsManagerSecretSource(client, region, scrubber, log, sandbox);
    }

    @Override
    public ResourceHandler resource(String type) {
        return null;
    }

    @Override
    public DataSourceHandler dataSource(String type) {
        return AwsSchemas.SECRET.equals(type) ? secrets : null;
    }

    @Override
    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    @Override
    public void close() {
        client.close();
    }
}
