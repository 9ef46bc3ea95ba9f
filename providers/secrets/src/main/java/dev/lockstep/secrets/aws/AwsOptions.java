package dev.lockstep.secrets.aws;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.HomeDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code aws} provider's settings after the defaults, the environment and the sandbox override
 * have been applied; nothing from the SDK. The region may still be null here: the profile's
 * {@code region} (read with the SDK's profile parser) is the last place to look.
 *
 * @param region the region, or null when only the profile can tell
 * @param profile the profile name (setting, then AWS_PROFILE, then {@code default})
 * @param profileExplicit whether the provider block names the profile (then only the profile is tried)
 * @param endpoint an endpoint override, or null
 * @param staticKeys keys from the settings or the sandbox, or null
 * @param maxRetries retries after a retryable failure, or null for the SDK's default
 * @param credentialsFile the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials)
 * @param configFile the shared config file (AWS_CONFIG_FILE, else ~/.aws/config)
 * @param environment the environment the provider was opened with
 */
public record AwsOptions(String region, String profile, boolean profileExplicit, URI endpoint, StaticKeys staticKeys,
        Integer maxRetries, Path credentialsFile, Path configFile, Map<String, String> environment) {

    /** The region of the sandbox when its override names none. */
    static final String SANDBOX_REGION = "us-east-1";

    /** An access key pair; {@code source} says where it came from. Never printed. */
    public record StaticKeys(String accessKey, String secretKey, String source) {
        @Override
        public String toString() {
            return "StaticKeys[source=" + source + "]";
        }
    }

    /** Applies defaults, environment and sandbox override; null after reporting every problem. */
    static AwsOptions resolve(ProviderConfig config, Diagnostics d) {
        Map<String, String> env = config.environment() == null ? Map.of() : config.environment();
        Map<String, String> sandbox = config.sandbox() == null ? Map.of() : config.sandbox();
        Args s = new Args(config.settings(), "provider \"aws\"", d);
        int errors = d.errorCount();
        String region = s.stringOrEnv("region", env, "AWS_REGION", "AWS_DEFAULT_REGION");
        String profileSetting = s.string("profile");
        String profile = s.stringOrEnv("profile", env, "AWS_PROFILE");
        String endpointText = s.string("endpoint");
        StaticKeys keys = null;
        String ak = s.string("access_key");
        String sk = s.string("secret_key");
        if ((ak == null) != (sk == null)) {
            d.error("Incomplete AWS access key", "Set both access_key and secret_key in the provider \"aws\" block, "
                    + "or neither (and let the default credential chain find credentials).", null);
        } else if (ak != null) {
            keys = new StaticKeys(ak.strip(), sk.strip(), "the provider's access_key and secret_key");
        }
        if (!sandbox.isEmpty()) {
            endpointText = sandbox.get("endpoint");
            if (endpointText == null) {
                d.error("Incomplete sandbox override", "The sandbox override for provider \"aws\" has no endpoint.",
                        null);
            }
            region = sandbox.getOrDefault("region", region == null ? SANDBOX_REGION : region);
            if (sandbox.get("access_key") == null || sandbox.get("secret_key") == null) {
                d.error("Incomplete sandbox override", "The sandbox override for provider \"aws\" needs access_key "
                        + "and secret_key.", null);
            } else {
                keys = new StaticKeys(sandbox.get("access_key"), sandbox.get("secret_key"), "the sandbox");
            }
        }
        URI endpoint = endpointText == null ? null : endpoint(endpointText.strip(), d);
        Integer retries = s.wholeNumber("max_retries", 0, 20);
        Path home = HomeDirectory.of(env);
        Path credentials = file(env.get("AWS_SHARED_CREDENTIALS_FILE"), home, home.resolve(".aws/credentials"));
        Path cfg = file(env.get("AWS_CONFIG_FILE"), home, home.resolve(".aws/config"));
        if (d.errorCount() > errors) {
            return null;
        }
        return new AwsOptions(region == null ? null : region.strip(), profile == null ? "default" : profile.strip(),
                profileSetting != null && !profileSetting.isBlank(), endpoint, keys, retries, credentials, cfg, env);
    }

    private static Path file(String given, Path home, Path dflt) {
        if (given == null || given.isBlank()) {
            return dflt;
        }
        return given.startsWith("~/") ? home.resolve(given.substring(2)) : Path.of(given);
    }

    private static URI endpoint(String text, Diagnostics d) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        d.error("Invalid AWS endpoint", "\"" + text + "\" is not an http:// or https:// URL, such as "
                + "https://secretsmanager.eu-west-1.amazonaws.com.", null);
        return null;
    }
}
