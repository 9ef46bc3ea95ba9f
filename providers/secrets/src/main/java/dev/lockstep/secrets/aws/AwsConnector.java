package dev.lockstep.secrets.aws;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.toolkit.RequestCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Opens the {@code aws} provider: settings, the shared profile files (read from the paths the
 * given environment names, and handed to the client so the SDK reads no other), region,
 * credentials (resolved now, so that "no credentials" is one diagnostic naming every source tried),
 * and the client with the URL-connection HTTP client.
 */
final class AwsConnector {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private AwsConnector() {
    }

    static OpenResult open(ProviderConfig config) {
        Diagnostics d = new Diagnostics();
        AwsOptions o = AwsOptions.resolve(config, d);
        if (o == null) {
            return OpenResult.failed(d);
        }
        ProviderLog log = config.log() == null ? ProviderLog.NONE : config.log();
        Scrubber scrubber = new Scrubber();
        if (o.staticKeys() != null) {
            scrubber.add(o.staticKeys().secretKey());
        }
        scrubber.add(o.environment().get("AWS_SECRET_ACCESS_KEY")).add(o.environment().get("AWS_SESSION_TOKEN"));
        ProfileFile profiles = profiles(o, d, scrubber);
        if (profiles == null) {
            return OpenResult.failed(d);
        }
        String region = o.region();
        if (region == null) {
            region = profiles.profile(o.profile()).flatMap(p -> p.property("region")).orElse(null);
        }
        if (region == null || region.isBlank()) {
            d.error("No AWS region", "Set region in the provider \"aws\" block, AWS_REGION or AWS_DEFAULT_REGION, or "
                    + "region in profile \"" + o.profile() + "\" of " + o.configFile() + ".", null);
            return OpenResult.failed(d);
        }
        List<String> tried = new ArrayList<>();
        AwsCredentialSources.Found creds = AwsCredentialSources.find(o, profiles, tried, scrubber);
        if (creds == null) {
            d.error("No AWS credentials", "No source of the credential chain gave credentials. Tried: "
                    + String.join("; ", tried) + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE "
                    + "(or profile in the provider block), or run where container or instance credentials exist.",
                    null);
            return OpenResult.failed(d);
        }
        if (o.staticKeys() != null && !o.staticKeys().source().equals("the sandbox")) {
            d.warning("Static AWS keys in configuration", "access_key and secret_key in the provider \"aws\" block "
                    + "put a long-lived credential in a file; prefer AWS_PROFILE, environment variables or the "
                    + "role of the machine or pod.", null);
        }
        RequestCounts counter = new RequestCounts();
        long start = System.nanoTime();
        SecretsManagerClient client;
        try {
            client = build(o, region, creds, profiles, counter);
        } catch (RuntimeException e) {
            d.error("Cannot create the Secrets Manager client", scrubber.describe(e), null);
            return OpenResult.failed(d);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.debug("aws: Secrets Manager client for region " + region + (o.endpoint() == null ? ""
                : " at " + o.endpoint()) + " built in " + millis + " ms; credentials from " + creds.source());
        boolean sandbox = config.sandbox() != null && !config.sandbox().isEmpty();
        return new OpenResult(new AwsProvider(client, region, counter, scrubber, log, sandbox), d);
    }

    private static SecretsManagerClient build(AwsOptions o, String region, AwsCredentialSources.Found creds,
            ProfileFile profiles, RequestCounts counter) {
        SecretsManagerClientBuilder b = SecretsManagerClient.builder()
                .region(Region.of(region))
                .credentialsProvider(creds.provider())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .overrideConfiguration(c -> {
                    c.addExecutionInterceptor(new CountingInterceptor(counter))
                            .defaultProfileFile(profiles)
                            .defaultProfileName(o.profile());
                    if (o.maxRetries() != null) {
                        c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(o.maxRetries() + 1).build());
                    }
                });
        if (o.endpoint() != null) {
            b.endpointOverride(o.endpoint());
        }
        return b.build();
    }

    /** The shared credentials and config files that exist, parsed; null after a diagnostic if one is broken. */
    private static ProfileFile profiles(AwsOptions o, Diagnostics d, Scrubber scrubber) {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        for (Path p : List.of(o.credentialsFile(), o.configFile())) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                all.addFile(ProfileFile.builder().content(p).type(p.equals(o.configFile())
                        ? ProfileFile.Type.CONFIGURATION : ProfileFile.Type.CREDENTIALS).build());
            } catch (RuntimeException e) {
                d.error("Cannot read the AWS profile file " + p, scrubber.describe(e), null);
                return null;
            }
        }
        return all.build();
    }
}
