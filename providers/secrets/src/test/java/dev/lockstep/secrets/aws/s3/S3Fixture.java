package dev.lockstep.secrets.aws.s3;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.state.remote.BackendConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code backend "s3"} configurations as the caller decodes them (every attribute present, null when unset). */
final class S3Fixture {
    private S3Fixture() {}

    /** The settings object of the factory's schema with the given attributes set. */
    static Value settings(Map<String, Value> set) {
        Map<String, Value> all = new LinkedHashMap<>();
        for (AttributeSchema a : new S3BackendFactory().schema().attributes().values()) {
            all.put(a.name(), set.getOrDefault(a.name(), Value.nullOf(a.type())));
        }
        if (!all.keySet().containsAll(set.keySet())) {
            throw new IllegalArgumentException("not in the schema: " + set.keySet());
        }
        return Value.object(all);
    }

    static Value settings(String bucket, String key) {
        return settings(Map.of("bucket", Value.string(bucket), "key", Value.string(key)));
    }

    /** The sandbox override the Sandbox class gives for "s3", pointing at {@code endpoint}. */
    static Map<String, String> sandbox(String endpoint, String bucket) {
        return Map.of("endpoint", endpoint, "region", "us-east-1", "access_key", AwsSettings.DEFAULT_ACCESS_KEY,
                "secret_key", AwsSettings.DEFAULT_SECRET_KEY, "bucket", bucket);
    }

    /** Static sandbox keys in the settings (not the override), as a user pointing at a local S3 would write. */
    static Map<String, Value> direct(String endpoint, String bucket, String key) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("bucket", Value.string(bucket));
        m.put("key", Value.string(key));
        m.put("region", Value.string("us-east-1"));
        m.put("endpoints", Value.map(dev.lockstep.api.value.Type.STRING, Map.of("s3", Value.string(endpoint))));
        m.put("access_key", Value.string(AwsSettings.DEFAULT_ACCESS_KEY));
        m.put("secret_key", Value.string(AwsSettings.DEFAULT_SECRET_KEY));
        return m;
    }

    static BackendConfig config(Value settings, Map<String, String> env, Map<String, String> sandbox, ProviderLog log) {
        return new BackendConfig(settings, env, Path.of("."), sandbox, log);
    }
}
