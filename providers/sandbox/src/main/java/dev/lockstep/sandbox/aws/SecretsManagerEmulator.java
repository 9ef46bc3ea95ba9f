package dev.lockstep.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.UUID;

/**
 * A loopback AWS Secrets Manager speaking the AWS JSON 1.1 protocol ({@code POST /} with {@code
 * X-Amz-Target: secretsmanager.<Operation>}), enough for the AWS SDK v2 {@code
 * SecretsManagerClient} to run unchanged with {@code endpointOverride(baseUri())}.
 *
 * <p>Every request needs a well-formed SigV4 {@code Authorization} header scoped to the {@code
 * secretsmanager} service, dated within 5 minutes; by default the signature is recomputed with the
 * secret key of the access key ({@link AwsSettings#DEFAULT_ACCESS_KEY} / {@link
 * AwsSettings#DEFAULT_SECRET_KEY} unless others are configured). The region of the credential
 * scope is the region the request acts in; secrets are kept per region. IAM policies are not
 * modelled: a valid signature may do everything.
 */
public final class SecretsManagerEmulator extends EmulatorServer {
    private static final String TARGET_PREFIX = "secretsmanager.";

    private final AwsSettings settings;
    private final SecretsManagerState state = new SecretsManagerState();
    private final AwsErrors errors = new AwsErrors();
    private final SecretsApi api;

    /** The region a request acts in (from its credential scope). */
    private record Caller(String accessKey, String region) {}

    /** An emulator with default settings and an in-memory state. */
    public SecretsManagerEmulator() {
        this(new AwsSettings(), Options.defaults());
    }

    /** An emulator with the given settings and server options (port, store, ...). */
    public SecretsManagerEmulator(AwsSettings settings, Options options) {
        super("secretsmanager", options);
        this.settings = settings;
        this.api = new SecretsApi(state, settings);
        router.add("POST", "/", this::dispatch);
    }

    private ApiResponse dispatch(ApiRequest req) {
        String target = req.header("X-Amz-Target").orElse("");
        if (!target.startsWith(TARGET_PREFIX)) {
            throw AwsErrors.error(400, "UnknownOperationException", "");
        }
        ObjectNode in = req.jsonObject(m -> AwsErrors.error(400, "SerializationException", m));
        Caller caller = req.principal(Caller.class);
        ObjectNode out = api.call(target.substring(TARGET_PREFIX.length()), caller.region(), in);
        return ApiResponse.ok(out)
                .header("Content-Type", AwsErrors.CONTENT_TYPE)
                .header("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    /** Counted per operation: {@code "POST / secretsmanager.GetSecretValue"}. */
    @Override
    protected String endpointKey(Router.Match match, ApiRequest request) {
        return match.route().endpoint() + " " + request.header("X-Amz-Target").orElse("(no target)");
    }

    @Override
    protected ErrorRenderer errors() {
        return errors;
    }

    @Override
    protected void authenticate(ApiRequest request) {
        SigV4.Parsed p = SigV4.parse(request, "secretsmanager");
        SigV4.checkTime(request, p, settings.clock().instant());
        if (settings.verifySignatures()) {
            String secret = settings.credentials().get(p.accessKey());
            if (secret == null) {
                throw AwsErrors.error(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
            }
            SigV4.verify(request, p, secret);
        }
        request.principal(new Caller(p.accessKey(), p.region()));
    }

    @Override
    protected JsonNode exportState() {
        return Json.MAPPER.valueToTree(state);
    }

    @Override
    protected void importState(JsonNode saved) {
        try {
            Json.MAPPER.readerForUpdating(state).readValue(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read saved Secrets Manager sandbox state", e);
        }
    }

    @Override
    protected void initState() {
        // A new account has no secrets.
    }

    /** Creates a secret with a string value in {@code region}; returns its ARN. */
    public String createSecret(String region, String name, String value) {
        ObjectNode in = Json.object().put("Name", name).put("SecretString", value);
        return seed("CreateSecret", region, in).path("ARN").asText();
    }

    /** Creates a secret with a binary value in {@code region}; returns its ARN. */
    public String createBinarySecret(String region, String name, byte[] value) {
        ObjectNode in = Json.object().put("Name", name).put("SecretBinary", Base64.getEncoder().encodeToString(value));
        return seed("CreateSecret", region, in).path("ARN").asText();
    }

    /** Stores a new AWSCURRENT string value (the old one becomes AWSPREVIOUS); returns the version id. */
    public String putSecretValue(String region, String secretId, String value) {
        ObjectNode in = Json.object().put("SecretId", secretId).put("SecretString", value);
        return seed("PutSecretValue", region, in).path("VersionId").asText();
    }

    /** Number of secrets (scheduled deletions included) across regions. */
    public int secretCount() {
        return withStateLock(() -> state.secrets.size());
    }

    private ObjectNode seed(String op, String region, ObjectNode in) {
        return withStateLock(() -> {
            ObjectNode out = api.call(op, region, in);
            persistNow();
            return out;
        });
    }
}
