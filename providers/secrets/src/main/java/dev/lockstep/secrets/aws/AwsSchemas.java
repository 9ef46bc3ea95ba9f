package dev.lockstep.secrets.aws;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import java.util.Map;

/** The schemas of the {@code aws} provider block and of {@code data "aws_secretsmanager_secret"}; API types only. */
final class AwsSchemas {

    static final String SECRET = "aws_secretsmanager_secret";

    static final BlockSchema CONFIG = BlockSchema.of(
            AttributeSchema.optional("region", Type.STRING).describedAs("The region; default AWS_REGION, "
                    + "AWS_DEFAULT_REGION, then the profile's region."),
            AttributeSchema.optional("profile", Type.STRING).describedAs("A named profile of the shared "
                    + "credentials and config files; default AWS_PROFILE, then default."),
            AttributeSchema.optional("endpoint", Type.STRING).describedAs("The Secrets Manager endpoint URL, "
                    + "for VPC endpoints and tests."),
            AttributeSchema.optional("access_key", Type.STRING).asSensitive().describedAs("A static access key "
                    + "id; discouraged, prefer the default credential chain."),
            AttributeSchema.optional("secret_key", Type.STRING).asSensitive().describedAs("The static secret "
                    + "access key that goes with access_key; discouraged."),
            AttributeSchema.optional("max_retries", Type.NUMBER).describedAs("Retries after throttling, 5xx and "
                    + "I/O errors; default the SDK's (3 in its default mode)."));

    static final ResourceSchema SECRET_SCHEMA = new ResourceSchema(SECRET, 0, BlockSchema.of(
            AttributeSchema.required("secret_id", Type.STRING).describedAs("The secret's name or ARN."),
            AttributeSchema.optional("version_stage", Type.STRING).asComputed().describedAs("The staging label "
                    + "to read; default AWSCURRENT when version_id is not set."),
            AttributeSchema.optional("version_id", Type.STRING).asComputed().describedAs("The version to read; "
                    + "set to the version read."),
            AttributeSchema.computed("secret_string", Type.STRING).asSensitive().describedAs("The secret's "
                    + "string value; null for a binary secret."),
            AttributeSchema.computed("secret_binary", Type.STRING).asSensitive().describedAs("The secret's "
                    + "binary value, base64-encoded; null for a string secret."),
            AttributeSchema.computed("secret_json", Type.map(Type.STRING)).asSensitive().describedAs("The "
                    + "members of secret_string when it is a JSON object (non-string members as their JSON "
                    + "text), else null."),
            AttributeSchema.computed("version_stages", Type.list(Type.STRING)).describedAs("The staging labels "
                    + "of the version read."),
            AttributeSchema.computed("arn", Type.STRING).describedAs("The secret's ARN."),
            AttributeSchema.computed("name", Type.STRING).describedAs("The secret's name."),
            AttributeSchema.computed("created_date", Type.STRING).describedAs("When the version read was "
                    + "created (ISO 8601).")),
            "Reads one version of a secret from AWS Secrets Manager.");

    private AwsSchemas() {
    }

    static ProviderSchema provider() {
        return new ProviderSchema(AwsProviderFactory.NAME, CONFIG, Map.of(), Map.of(SECRET, SECRET_SCHEMA));
    }
}
