package dev.lockstep.sandbox.aws;

import static dev.lockstep.sandbox.aws.AwsErrors.invalidParameter;
import static dev.lockstep.sandbox.aws.AwsErrors.invalidRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.aws.SecretsManagerState.Secret;
import dev.lockstep.sandbox.aws.SecretsManagerState.Version;
import dev.lockstep.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Secrets Manager operations: CreateSecret, GetSecretValue, PutSecretValue, DescribeSecret,
 * ListSecrets, DeleteSecret and RestoreSecret, with version stages (a new AWSCURRENT turns the old
 * one into AWSPREVIOUS), idempotent ClientRequestTokens, and secrets addressed by name, full ARN or
 * ARN without its random suffix.
 */
final class SecretsApi {
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_VERSIONS = 100;
    private static final int MAX_VALUE_BYTES = 65_536;

    private final SecretsManagerState state;
    private final AwsSettings settings;
    private final SecureRandom random = new SecureRandom();

    SecretsApi(SecretsManagerState state, AwsSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    /** Runs one operation for a caller in {@code region}. */
    ObjectNode call(String operation, String region, ObjectNode in) {
        long now = now();
        state.secrets.values().removeIf(s -> s.deletedDate != null && s.deletedDate <= now);
        return switch (operation) {
            case "CreateSecret" -> create(region, in);
            case "GetSecretValue" -> getValue(region, in);
            case "PutSecretValue" -> putValue(region, in);
            case "DescribeSecret" -> describe(region, in);
            case "ListSecrets" -> ListSecrets.list(state, region, in);
            case "DeleteSecret" -> delete(region, in);
            case "RestoreSecret" -> restore(region, in);
            default -> throw AwsErrors.error(400, "UnknownOperationException", "");
        };
    }

    private long now() {
        return settings.clock().millis();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static String required(ObjectNode in, String member) {
        String v = Json.text(in, member);
        if (v == null) {
            throw AwsErrors.validation(member, "Member must not be null");
        }
        if (v.isEmpty()) {
            throw AwsErrors.validation(member, "Member must have length greater than or equal to 1");
        }
        return v;
    }

    /** Finds a secret by name (in the caller's region), full ARN or ARN without its suffix. */
    private Secret find(String region, String secretId) {
        if (secretId.startsWith("arn:")) {
            for (Secret s : state.secrets.values()) {
                if (s.arn.equals(secretId) || s.arn.substring(0, s.arn.length() - 7).equals(secretId)) {
                    return s;
                }
            }
            throw AwsErrors.notFound();
        }
        Secret s = state.secrets.get(region + "/" + secretId);
        if (s == null) {
            throw AwsErrors.notFound();
        }
        return s;
    }

    private Secret findLive(String region, ObjectNode in) {
        Secret s = find(region, required(in, "SecretId"));
        if (s.deletedDate != null) {
            throw invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
        }
        return s;
    }

    private String arn(String region, String name) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        }
        return "arn:aws:secretsmanager:" + region + ":" + settings.accountId() + ":secret:" + name + "-" + suffix;
    }

    /** Reads SecretString xor SecretBinary into a fresh version (null when neither is present). */
    private static Version value(ObjectNode in) {
        String string = Json.text(in, "SecretString");
        String binary = Json.text(in, "SecretBinary");
        if (string != null && binary != null) {
            throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        if (string == null && binary == null) {
            return null;
        }
        Version v = new Version();
        if (string != null) {
            if (string.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw AwsErrors.validation("secretString", "Member must have length less than or equal to 65536");
            }
            v.secretString = string;
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(binary);
                if (bytes.length > MAX_VALUE_BYTES) {
                    throw AwsErrors.validation("secretBinary", "Member must have length less than or equal to 65536");
                }
            } catch (IllegalArgumentException e) {
                throw AwsErrors.error(400, "SerializationException", "Base64 encoded value of SecretBinary is invalid");
            }
            v.secretBinary = binary;
        }
        return v;
    }

    private String versionId(ObjectNode in) {
        String token = Json.text(in, "ClientRequestToken");
        if (token == null) {
            return UUID.randomUUID().toString();
        }
        if (token.length() < 32 || token.length() > 64) {
            throw AwsErrors.validation("clientRequestToken", "Member must have length between 32 and 64");
        }
        return token;
    }

    private ObjectNode create(String region, ObjectNode in) {
        String name = required(in, "Name");
        if (!NAME.matcher(name).matches()) {
            throw invalidParameter("Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
                    + "following: -/_+=.@!");
        }
        if (state.secrets.containsKey(region + "/" + name)) {
            Secret existing = state.secrets.get(region + "/" + name);
            if (existing.deletedDate != null) {
                throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
            }
            throw AwsErrors.error(400, "ResourceExistsException", "The operation failed because the secret " + name
                    + " already exists.");
        }
        Version v = value(in);
        String versionId = versionId(in);
        long now = now();
        Secret s = new Secret();
        s.name = name;
        s.region = region;
        s.arn = arn(region, name);
        s.description = Json.text(in, "Description");
        s.kmsKeyId = Json.text(in, "KmsKeyId");
        s.createdDate = now;
        s.lastChangedDate = now;
        for (JsonNode tag : in.path("Tags")) {
            Map<String, String> t = new LinkedHashMap<>();
            t.put("Key", tag.path("Key").asText());
            t.put("Value", tag.path("Value").asText());
            s.tags.add(t);
        }
        ObjectNode out = Json.object();
        out.put("ARN", s.arn);
        out.put("Name", name);
        if (v != null) {
            v.versionId = versionId;
            v.createdDate = now;
            v.stages.add(CURRENT);
            s.versions.put(versionId, v);
            out.put("VersionId", versionId);
        }
        state.secrets.put(region + "/" + name, s);
        return out;
    }

    private ObjectNode getValue(String region, ObjectNode in) {
        Secret s = findLive(region, in);
        String versionId = Json.text(in, "VersionId");
        String stage = Json.text(in, "VersionStage");
        Version v;
        if (versionId != null) {
            v = s.versions.get(versionId);
            if (v == null || stage != null && !v.stages.contains(stage)) {
                throw AwsErrors.error(400, "ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
            }
        } else {
            String label = stage == null ? CURRENT : stage;
            v = s.versions.values().stream().filter(x -> x.stages.contains(label)).findFirst()
                    .orElseThrow(() -> AwsErrors.error(400, "ResourceNotFoundException",
                            "Secrets Manager can't find the specified secret value for staging label: " + label));
        }
        s.lastAccessedDate = Instant.ofEpochMilli(now()).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        ObjectNode out = Json.object();
        out.put("ARN", s.arn);
        out.put("Name", s.name);
        out.put("VersionId", v.versionId);
        if (v.secretString != null) {
            out.put("SecretString", v.secretString);
        } else {
            out.put("SecretBinary", v.secretBinary);
        }
        ArrayNode stages = out.putArray("VersionStages");
        v.stages.forEach(stages::add);
        out.put("CreatedDate", seconds(v.createdDate));
        return out;
    }

    private ObjectNode putValue(String region, ObjectNode in) {
        Secret s = findLive(region, in);
        Version v = value(in);
        if (v == null) {
            throw invalidParameter("You must provide either SecretString or SecretBinary.");
        }
        String versionId = versionId(in);
        List<String> stages = new ArrayList<>();
        in.path("VersionStages").forEach(x -> stages.add(x.asText()));
        if (stages.isEmpty()) {
            stages.add(CURRENT);
        }
        Version existing = s.versions.get(versionId);
        if (existing != null) {
            if (Objects.equals(existing.secretString, v.secretString) && Objects.equals(existing.secretBinary, v.secretBinary)) {
                return versionAnswer(s, existing);
            }
            throw AwsErrors.error(400, "ResourceExistsException",
                    "You can't modify an existing version, you can only create a new version.");
        }
        v.versionId = versionId;
        v.createdDate = now();
        s.versions.put(versionId, v);
        for (String stage : stages) {
            moveStage(s, stage, v);
        }
        s.lastChangedDate = v.createdDate;
        pruneDeprecated(s);
        return versionAnswer(s, v);
    }

    /** Attaches {@code stage} to {@code target}; a moved AWSCURRENT leaves AWSPREVIOUS behind. */
    private static void moveStage(Secret s, String stage, Version target) {
        for (Version other : s.versions.values()) {
            if (other != target && other.stages.remove(stage) && stage.equals(CURRENT)) {
                s.versions.values().forEach(x -> x.stages.remove(PREVIOUS));
                other.stages.add(PREVIOUS);
            }
        }
        if (!target.stages.contains(stage)) {
            target.stages.add(stage);
        }
    }

    private static void pruneDeprecated(Secret s) {
        var it = s.versions.values().iterator();
        while (s.versions.size() > MAX_VERSIONS && it.hasNext()) {
            if (it.next().stages.isEmpty()) {
                it.remove();
            }
        }
    }

    private static ObjectNode versionAnswer(Secret s, Version v) {
        ObjectNode out = Json.object();
        out.put("ARN", s.arn);
        out.put("Name", s.name);
        out.put("VersionId", v.versionId);
        ArrayNode stages = out.putArray("VersionStages");
        v.stages.forEach(stages::add);
        return out;
    }

    private ObjectNode describe(String region, ObjectNode in) {
        Secret s = find(region, required(in, "SecretId"));
        return summary(s, "VersionIdsToStages");
    }

    /** DescribeSecret's answer; ListSecrets entries use the same fields under another versions member. */
    static ObjectNode summary(Secret s, String versionsMember) {
        ObjectNode out = Json.object();
        out.put("ARN", s.arn);
        out.put("Name", s.name);
        if (s.description != null) {
            out.put("Description", s.description);
        }
        if (s.kmsKeyId != null) {
            out.put("KmsKeyId", s.kmsKeyId);
        }
        out.put("RotationEnabled", false);
        out.put("LastChangedDate", seconds(s.lastChangedDate));
        if (s.lastAccessedDate != null) {
            out.put("LastAccessedDate", seconds(s.lastAccessedDate));
        }
        if (s.deletedDate != null) {
            out.put("DeletedDate", seconds(s.deletedDate));
        }
        ArrayNode tags = out.putArray("Tags");
        s.tags.forEach(t -> tags.add(Json.MAPPER.valueToTree(t)));
        ObjectNode versions = out.putObject(versionsMember);
        s.versions.values().stream().filter(v -> !v.stages.isEmpty()).forEach(v -> {
            ArrayNode st = versions.putArray(v.versionId);
            v.stages.forEach(st::add);
        });
        out.put("CreatedDate", seconds(s.createdDate));
        return out;
    }

    private ObjectNode delete(String region, ObjectNode in) {
        Secret s = find(region, required(in, "SecretId"));
        boolean force = in.path("ForceDeleteWithoutRecovery").asBoolean(false);
        JsonNode window = in.get("RecoveryWindowInDays");
        if (force && window != null) {
            throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        if (s.deletedDate != null) {
            throw invalidRequest("You can't perform this operation on the secret because it was already scheduled for deletion.");
        }
        ObjectNode out = Json.object();
        out.put("ARN", s.arn);
        out.put("Name", s.name);
        if (force) {
            state.secrets.remove(s.region + "/" + s.name);
            out.put("DeletionDate", seconds(now()));
            return out;
        }
        int days = window == null ? 30 : window.asInt();
        if (days < 7 || days > 30) {
            throw invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        s.deletedDate = now() + Duration.ofDays(days).toMillis();
        out.put("DeletionDate", seconds(s.deletedDate));
        return out;
    }

    private ObjectNode restore(String region, ObjectNode in) {
        Secret s = find(region, required(in, "SecretId"));
        s.deletedDate = null;
        ObjectNode out = Json.object();
        out.put("ARN", s.arn);
        out.put("Name", s.name);
        return out;
    }
}
