package dev.lockstep.secrets.aws.s3;

import static dev.lockstep.api.schema.SchemaBuilder.BOOL;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.secrets.aws.AwsCredentialSources;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.RemoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * {@code backend "s3"}: the state in an S3 bucket ({@link S3Store}), with the arguments of
 * Terraform's S3 backend ({@link S3Settings}) and the AWS provider's credential chain
 * ({@link AwsCredentialSources}). Opening resolves region and credentials and, unless
 * {@code skip_credentials_validation}, proves both and the bucket with one HeadBucket; it writes
 * nothing.
 */
public final class S3BackendFactory implements BackendFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private static final BlockSchema SCHEMA = block(
            required("bucket", STRING, "The bucket holding the state."),
            required("key", STRING, "The state's object key in the default workspace, such as path/to/terraform.tfstate; "
                    + "its lock is key.tflock and its history key.d/."),
            optional("region", STRING, "The bucket's region; default AWS_REGION, AWS_DEFAULT_REGION, then the "
                    + "profile's region."),
            optional("profile", STRING, "A named profile of the shared files; default AWS_PROFILE, then default."),
            optional("shared_credentials_files", Type.list(Type.STRING), "Shared credentials files; default "
                    + "AWS_SHARED_CREDENTIALS_FILE, then ~/.aws/credentials."),
            optional("shared_config_files", Type.list(Type.STRING), "Shared config files; default AWS_CONFIG_FILE, "
                    + "then ~/.aws/config."),
            AttributeSchema.optional("access_key", STRING).asSensitive().describedAs("A static access key id; "
                    + "discouraged, prefer the default credential chain."),
            AttributeSchema.optional("secret_key", STRING).asSensitive().describedAs("The secret access key that "
                    + "goes with access_key; discouraged."),
            optional("endpoint", STRING, "Deprecated in Terraform: the S3 endpoint URL; prefer endpoints.s3."),
            optional("endpoints", STRING_MAP, "Endpoint overrides; only s3 is used (default AWS_ENDPOINT_URL_S3)."),
            optional("use_path_style", BOOL, "Path-style requests (https://host/bucket/key); default false."),
            optional("use_lockfile", BOOL, "Lock with the lock object key.tflock; always on in lockstep (false is "
                    + "an error)."),
            optional("dynamodb_table", STRING, "Not supported: lockstep locks with the lock object only."),
            optional("workspace_key_prefix", STRING, "The prefix of non-default workspaces' keys "
                    + "(<prefix>/<workspace>/<key>); default env:."),
            optional("encrypt", BOOL, "Write every object with server-side encryption SSE-S3 (AES256)."),
            optional("skip_credentials_validation", BOOL, "Do not prove credentials and bucket when opening."),
            optional("skip_region_validation", BOOL, "Accept a region name the AWS SDK does not know."));

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public BlockSchema schema() {
        return SCHEMA;
    }

    @Override
    public RemoteStore open(BackendConfig config) throws StateException {
        return open(config, S3Calls.RetryPolicy.DEFAULT, ATTEMPT_TIMEOUT);
    }

    /** Opens with the given retry policy and per-attempt timeout (tests shorten both). */
    RemoteStore open(BackendConfig config, S3Calls.RetryPolicy policy, Duration attemptTimeout) throws StateException {
        S3Settings s = S3Settings.resolve(config);
        ProviderLog log = config.log() == null ? ProviderLog.NONE : config.log();
        Scrubber scrubber = new Scrubber();
        if (s.credentials().staticKeys() != null) {
            scrubber.add(s.credentials().staticKeys().secretKey());
        }
        scrubber.add(config.environment().get("AWS_SECRET_ACCESS_KEY")).add(config.environment().get("AWS_SESSION_TOKEN"));
        ProfileFile profiles = profiles(s, scrubber);
        String region = s.region();
        if (region == null) {
            region = profiles.profile(s.credentials().profile()).flatMap(p -> p.property("region")).orElse(null);
        }
        if (region == null || region.isBlank()) {
            throw new StateException("No AWS region for the S3 backend: set region in the backend \"s3\" block, "
                    + "AWS_REGION or AWS_DEFAULT_REGION, or region in profile \"" + s.credentials().profile() + "\".");
        }
        if (!s.skipRegionValidation() && !Region.regions().contains(Region.of(region))) {
            throw new StateException("Unknown AWS region \"" + region + "\" in the backend \"s3\" block; fix it, or set "
                    + "skip_region_validation = true for a region the AWS SDK does not know yet.");
        }
        List<String> tried = new ArrayList<>();
        AwsCredentialSources.Found creds = AwsCredentialSources.find(s.credentials(), profiles, tried, scrubber);
        if (creds == null) {
            throw new StateException("No AWS credentials for the S3 backend (bucket \"" + s.bucket() + "\"). Tried: "
                    + String.join("; ", tried) + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or "
                    + "profile in the backend block), or run where container or instance credentials exist.");
        }
        String endpoint = s.endpoint() == null ? "AWS S3 in " + region : s.endpoint().toString();
        S3Client client;
        try {
            client = build(s, region, creds, profiles, attemptTimeout);
        } catch (RuntimeException e) {
            throw new StateException("Cannot create the S3 client for " + endpoint + ": " + scrubber.describe(e));
        }
        S3Calls calls = new S3Calls(s.bucket(), endpoint, creds.source(), policy, log);
        S3Store store = new S3Store(client, s.bucket(), s.stateKey(), s.encrypt(), calls);
        log.debug("s3: state " + calls.where(s.stateKey()) + " (workspace " + s.workspace() + "), credentials from "
                + creds.source());
        if (!s.skipCredentialsValidation()) {
            try {
                calls.run("HeadBucket", "", new S3Calls.Attempts(), () -> client.headBucket(b -> b.bucket(s.bucket())));
            } catch (S3Calls.Missing e) {
                client.close();
                throw new StateException("The S3 bucket \"" + s.bucket() + "\" does not exist at " + endpoint
                        + " (state key " + s.stateKey() + "). Create it, or fix bucket, region or endpoints in the "
                        + "backend \"s3\" block.");
            } catch (StateException e) {
                client.close();
                throw e;
            }
        }
        return store;
    }

    private static S3Client build(S3Settings s, String region, AwsCredentialSources.Found creds, ProfileFile profiles,
            Duration attemptTimeout) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(creds.provider())
                .forcePathStyle(s.pathStyle())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(attemptTimeout)
                        .build())
                .overrideConfiguration(c -> c
                        // lockstep retries itself (S3Calls), knowing which writes may have landed
                        .retryStrategy(r -> r.maxAttempts(1))
                        .apiCallAttemptTimeout(attemptTimeout)
                        .defaultProfileFile(profiles)
                        .defaultProfileName(s.credentials().profile()));
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }

    private static ProfileFile profiles(S3Settings s, Scrubber scrubber) throws StateException {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        List<Path> files = new ArrayList<>(s.credentialsFiles());
        files.addAll(s.configFiles());
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                all.addFile(ProfileFile.builder().content(p).type(s.configFiles().contains(p)
                        ? ProfileFile.Type.CONFIGURATION : ProfileFile.Type.CREDENTIALS).build());
            } catch (RuntimeException e) {
                throw new StateException("Cannot read the AWS profile file " + p + ": " + scrubber.describe(e));
            }
        }
        return all.build();
    }
}
