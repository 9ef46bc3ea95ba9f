package dev.lockstep.secrets.aws;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.FlatJson;
import dev.lockstep.secrets.Sensitive;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@code data "aws_secretsmanager_secret"}: one version of a secret, by staging label (AWSCURRENT
 * unless told otherwise) or version id. The value attributes are marked sensitive; every failure
 * becomes a diagnostic naming the secret id and built from the service's error code and the first
 * line of its message, scrubbed of the credentials in use.
 */
final class SecretsManagerSecretSource implements DataSourceHandler {

    static final String CURRENT = "AWSCURRENT";

    /** Error codes that mean the credentials (not the request) are the problem. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("UnrecognizedClientException",
            "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException", "InvalidClientTokenId",
            "MissingAuthenticationTokenException", "IncompleteSignatureException");

    /** Error codes of throttling (Secrets Manager answers them with HTTP 400). */
    private static final Set<String> THROTTLING_ERRORS = Set.of("ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded");

    private final SecretsManagerClient client;
    private final String region;
    private final Scrubber scrubber;
    /** Whether this is the sandbox's Secrets Manager, where a missing secret is one nobody seeded yet. */
    private final boolean sandbox;
    private final ProviderLog log;

    SecretsManagerSecretSource(SecretsManagerClient client, String region, Scrubber scrubber, ProviderLog log,
            boolean sandbox) {
        this.sandbox = sandbox;
        this.client = client;
        this.region = region;
        this.scrubber = scrubber;
        this.log = log;
    }

    @Override
    public ResourceSchema schema() {
        return AwsSchemas.SECRET_SCHEMA;
    }

    @Override
    public DataResponse read(Value config) {
        Diagnostics d = new Diagnostics();
        Args a = new Args(config, "data \"aws_secretsmanager_secret\"", d);
        String id = a.string("secret_id");
        String stage = a.string("version_stage");
        String versionId = a.string("version_id");
        if (id == null || id.isBlank()) {
            d.error("Invalid secret_id", "secret_id must name a secret (its name or ARN).", null);
        }
        if (d.hasErrors()) {
            return new DataResponse(null, d);
        }
        if (stage == null && versionId == null) {
            stage = CURRENT;
        }
        String which = versionId != null ? "version " + versionId + (stage == null ? "" : " (" + stage + ")")
                : stage;
        GetSecretValueResponse r;
        try {
            GetSecretValueRequest.Builder req = GetSecretValueRequest.builder().secretId(id).versionStage(stage);
            if (versionId != null) {
                req.versionId(versionId);
            }
            r = client.getSecretValue(req.build());
        } catch (RuntimeException e) {
            problem(d, e, id, which);
            return new DataResponse(null, d);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("secret_id", Value.string(id));
        out.put("version_stage", stage == null ? Value.nullOf(Type.STRING) : Value.string(stage));
        out.put("version_id", text(r.versionId()));
        String s = r.secretString();
        out.put("secret_string", Sensitive.string(s));
        out.put("secret_binary", Sensitive.string(r.secretBinary() == null ? null
                : Base64.getEncoder().encodeToString(r.secretBinary().asByteArray())));
        out.put("secret_json", Sensitive.map(FlatJson.parseObject(s)));
        List<String> stages = r.versionStages();
        out.put("version_stages", stages == null ? Value.nullOf(Type.list(Type.STRING))
                : Value.list(Type.STRING, stages.stream().map(Value::string).toList()));
        out.put("arn", text(r.arn()));
        out.put("name", text(r.name()));
        out.put("created_date", r.createdDate() == null ? Value.nullOf(Type.STRING)
                : Value.string(r.createdDate().toString()));
        log.debug("aws: read secret " + id + " " + which + " (version " + r.versionId() + ", "
                + (s != null ? "string" : "binary") + ")");
        return new DataResponse(Value.object(out), d);
    }

    private static Value text(String s) {
        return s == null ? Value.nullOf(Type.STRING) : Value.string(s);
    }

    private void problem(Diagnostics d, Exception e, String id, String which) {
        String message = e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorMessage() != null
                ? scrubber.scrub(firstLine(ase.awsErrorDetails().errorMessage())) : scrubber.describe(e);
        if (e instanceof ResourceNotFoundException) {
            if (message.contains("VersionId") || message.contains("staging label")) {
                d.error("Secret version not found: " + id, "Secrets Manager has secret \"" + id + "\" in " + region
                        + " but no " + which + " of it (" + message + ").", null);
            } else {
                d.error("Secret not found: " + id, "Secrets Manager has no secret \"" + id + "\" in region "
                        + region + ". " + (sandbox ? "This is the sandbox's Secrets Manager, which holds only what was "
                        + "put there: store the secret with `lockstep sandbox put-secret aws " + id + " VALUE` (with "
                        + "the same -C)." : "Check the name or ARN, and the region of the provider."), null);
            }
            return;
        }
        if (e instanceof InvalidRequestException) {
            d.error("Cannot read secret " + id, "Secrets Manager refused to read \"" + id + "\": " + message
                    + (message.contains("deletion") ? " Restore the secret to read it again." : ""), null);
            return;
        }
        if (e instanceof DecryptionFailureException) {
            d.error("Cannot decrypt secret " + id, "Secrets Manager could not decrypt \"" + id + "\" with its KMS "
                    + "key (" + message + "); the credentials need kms:Decrypt on that key.", null);
            return;
        }
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().errorCode();
            if (CREDENTIAL_ERRORS.contains(code)) {
                d.error("AWS rejected the credentials", "Reading secret \"" + id + "\" in " + region + " failed with "
                        + code + ": " + message, null);
            } else if (THROTTLING_ERRORS.contains(code)) {
                d.error("Secrets Manager rate limit reached reading secret " + id, "Secrets Manager throttled the "
                        + "read of \"" + id + "\" (" + code + ": " + message + ") and the SDK's retries did not get "
                        + "through; raise max_retries in the provider \"aws\" block or try again later.", null);
            } else if ("AccessDeniedException".equals(code)) {
                d.error("Access denied to secret " + id, "The credentials may not read \"" + id + "\" ("
                        + message + "); they need secretsmanager:GetSecretValue on it.", null);
            } else {
                d.error("Cannot read secret " + id, "Secrets Manager answered HTTP " + ase.statusCode() + " " + code
                        + " reading \"" + id + "\": " + message, null);
            }
            return;
        }
        d.error("Cannot reach Secrets Manager", "Reading secret \"" + id + "\" in " + region + " failed: "
                + message, null);
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }
}
