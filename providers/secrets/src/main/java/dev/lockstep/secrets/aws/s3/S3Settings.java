package dev.lockstep.secrets.aws.s3;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.HomeDirectory;
import dev.lockstep.secrets.aws.AwsOptions;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code backend "s3"} arguments after defaults, the environment, the workspace and the
 * sandbox override have been applied (Terraform's S3 backend names and rules). Nothing from the SDK.
 *
 * @param bucket the bucket
 * @param stateKey the object key of the state in this workspace: {@code key} in the default
 *     workspace, else {@code <workspace_key_prefix>/<workspace>/<key>}
 * @param workspace the workspace ({@code default} unless LOCKSTEP_WORKSPACE or TF_WORKSPACE names another)
 * @param region the region, or null when only the profile can tell
 * @param endpoint the S3 endpoint override, or null for AWS's
 * @param pathStyle whether requests are path-style ({@code use_path_style})
 * @param encrypt whether objects are written with SSE-S3 ({@code x-amz-server-side-encryption: AES256})
 * @param skipCredentialsValidation whether opening skips the request that proves credentials and bucket
 * @param skipRegionValidation whether an unknown region name is accepted
 * @param credentials what the credential chain is given (profile, files, static keys, environment)
 * @param credentialsFiles the shared credentials files
 * @param configFiles the shared config files
 * @param sandbox whether the sandbox override applied
 */
record S3Settings(String bucket, String stateKey, String workspace, String region, URI endpoint, boolean pathStyle,
        boolean encrypt, boolean skipCredentialsValidation, boolean skipRegionValidation, AwsOptions credentials,
        List<Path> credentialsFiles, List<Path> configFiles, boolean sandbox) {

    static final String OWNER = "backend \"s3\"";
    static final String DEFAULT_PREFIX = "env:";

    /** Resolves the settings; every problem found is reported together in one StateException. */
    static S3Settings resolve(BackendConfig config) throws StateException {
        Diagnostics d = new Diagnostics();
        Map<String, String> env = config.environment();
        Map<String, String> sandbox = config.sandbox();
        Value settings = config.settings();
        Args s = new Args(settings, OWNER, d);
        String bucket = s.string("bucket");
        String key = s.string("key");
        if (bucket == null || bucket.isBlank()) {
            d.error("Missing bucket", "Set bucket in the " + OWNER + " block.", null);
        }
        if (key == null || key.isBlank()) {
            d.error("Missing key", "Set key (the state's object key, such as path/to/terraform.tfstate) in the "
                    + OWNER + " block.", null);
        } else {
            checkPath("key", key, d);
        }
        if (s.string("dynamodb_table") != null) {
            d.error("DynamoDB locking is not supported", "lockstep locks an S3 state with a lock object only (the "
                    + "key with .tflock appended, written with conditional requests, as use_lockfile does in "
                    + "Terraform 1.10+); remove dynamodb_table.", null);
        }
        if (Boolean.FALSE.equals(s.bool("use_lockfile"))) {
            d.error("The S3 backend always locks", "use_lockfile = false would leave the state unlocked; lockstep "
                    + "locks an S3 state with a lock object only. Remove use_lockfile or set it to true.", null);
        }
        String prefix = s.string("workspace_key_prefix");
        if (prefix == null) {
            prefix = DEFAULT_PREFIX;
        } else if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            d.error("Invalid workspace_key_prefix", "workspace_key_prefix must not be empty, start or end with / or "
                    + "contain //; got \"" + prefix + "\".", null);
        }
        String workspace = firstSet(env, "LOCKSTEP_WORKSPACE", "TF_WORKSPACE");
        if (workspace == null) {
            workspace = "default";
        } else if (workspace.contains("/") || !workspace.matches("[A-Za-z0-9_.:-]+")) {
            d.error("Invalid workspace name", "The workspace \"" + workspace + "\" (LOCKSTEP_WORKSPACE or "
                    + "TF_WORKSPACE) may only contain letters, digits, and _ . : -.", null);
        }
        String region = s.stringOrEnv("region", env, "AWS_REGION", "AWS_DEFAULT_REGION");
        String profileSetting = s.string("profile");
        String profile = s.stringOrEnv("profile", env, "AWS_PROFILE");
        String endpointText = endpoint(s, settings, env, d);
        String ak = s.string("access_key");
        String sk = s.string("secret_key");
        AwsOptions.StaticKeys keys = null;
        if ((ak == null) != (sk == null)) {
            d.error("Incomplete AWS access key", "Set both access_key and secret_key in the " + OWNER + " block, or "
                    + "neither (and let the default credential chain find credentials).", null);
        } else if (ak != null) {
            keys = new AwsOptions.StaticKeys(ak.strip(), sk.strip(), "the backend's access_key and secret_key");
        }
        boolean inSandbox = !sandbox.isEmpty();
        if (inSandbox) {
            endpointText = sandbox.get("endpoint");
            region = sandbox.getOrDefault("region", region);
            bucket = sandbox.getOrDefault("bucket", bucket);
            if (endpointText == null || sandbox.get("access_key") == null || sandbox.get("secret_key") == null) {
                d.error("Incomplete sandbox override", "The sandbox override for the S3 backend needs endpoint, "
                        + "access_key and secret_key.", null);
            } else {
                keys = new AwsOptions.StaticKeys(sandbox.get("access_key"), sandbox.get("secret_key"), "the sandbox");
            }
        }
        URI endpoint = endpointText == null ? null : uri(endpointText.strip(), d);
        Path home = HomeDirectory.of(env);
        List<Path> credentialsFiles = files(attribute(settings, "shared_credentials_files", d),
                env.get("AWS_SHARED_CREDENTIALS_FILE"), home, home.resolve(".aws/credentials"), config.configDir());
        List<Path> configFiles = files(attribute(settings, "shared_config_files", d), env.get("AWS_CONFIG_FILE"), home,
                home.resolve(".aws/config"), config.configDir());
        boolean pathStyle = Boolean.TRUE.equals(s.bool("use_path_style"));
        boolean encrypt = Boolean.TRUE.equals(s.bool("encrypt"));
        boolean skipCreds = Boolean.TRUE.equals(s.bool("skip_credentials_validation"));
        boolean skipRegion = Boolean.TRUE.equals(s.bool("skip_region_validation"));
        if (d.hasErrors()) {
            throw new StateException(message(d));
        }
        String stateKey = workspace.equals("default") ? key : prefix + "/" + workspace + "/" + key;
        AwsOptions creds = new AwsOptions(region == null ? null : region.strip(),
                profile == null ? "default" : profile.strip(), profileSetting != null && !profileSetting.isBlank(),
                endpoint, keys, null, credentialsFiles.get(0), configFiles.get(0), env);
        return new S3Settings(bucket.strip(), stateKey, workspace, creds.region(), endpoint, pathStyle, encrypt, skipCreds,
                skipRegion, creds, credentialsFiles, configFiles, inSandbox);
    }

    /** {@code endpoints = { s3 = ... }}, the deprecated {@code endpoint}, then AWS_ENDPOINT_URL_S3. */
    private static String endpoint(Args s, Value settings, Map<String, String> env, Diagnostics d) {
        String legacy = s.string("endpoint");
        String modern = null;
        Value endpoints = attribute(settings, "endpoints", d);
        if (endpoints != null) {
            for (Map.Entry<String, Value> e : endpoints.attributes().entrySet()) {
                if (e.getValue() == null || e.getValue().isNull()) {
                    continue;
                }
                if (!e.getKey().equals("s3")) {
                    d.error("Unsupported endpoint", "endpoints." + e.getKey() + " is not used by lockstep's S3 "
                            + "backend (it talks to S3 only); only endpoints.s3 may be set.", null);
                } else {
                    modern = e.getValue().asString();
                }
            }
        }
        if (legacy != null && modern != null && !legacy.strip().equals(modern.strip())) {
            d.error("Conflicting endpoints", "endpoint (deprecated) and endpoints.s3 name different URLs; set only "
                    + "endpoints.s3.", null);
        }
        String chosen = modern != null ? modern : legacy;
        return chosen != null ? chosen : firstSet(env, "AWS_ENDPOINT_URL_S3");
    }

    /** A collection-typed attribute (Args reads scalars only), unmarked; null when absent or not known. */
    private static Value attribute(Value settings, String name, Diagnostics d) {
        Value v = settings == null || settings.isNull() || !settings.isMapping() ? null : settings.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isWhollyKnown()) {
            d.error("Value not yet known", "The value of \"" + name + "\" in " + OWNER + " is only known after apply; "
                    + "it must be known when the state is read.", null);
            return null;
        }
        return v.unmarkDeep();
    }

    private static void checkPath(String what, String key, Diagnostics d) {
        if (key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
            d.error("Invalid " + what, what + " must not start or end with / or contain //; got \"" + key + "\".",
                    null);
        }
    }

    private static List<Path> files(Value list, String envValue, Path home, Path dflt, Path configDir) {
        List<Path> out = new ArrayList<>();
        if (list != null) {
            for (Value e : list.elements()) {
                out.add(path(e.asString(), home, configDir));
            }
        }
        if (out.isEmpty()) {
            out.add(envValue == null || envValue.isBlank() ? dflt : path(envValue, home, configDir));
        }
        return out;
    }

    private static Path path(String given, Path home, Path configDir) {
        if (given.startsWith("~/")) {
            return home.resolve(given.substring(2));
        }
        Path p = Path.of(given);
        return p.isAbsolute() || configDir == null ? p : configDir.resolve(p);
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static URI uri(String text, Diagnostics d) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        d.error("Invalid S3 endpoint", "\"" + text + "\" is not an http:// or https:// URL, such as "
                + "https://s3.eu-west-1.amazonaws.com.", null);
        return null;
    }

    /** Every error of {@code d} in one message. */
    static String message(Diagnostics d) {
        StringBuilder sb = new StringBuilder("Invalid " + OWNER + " configuration:");
        for (Diagnostic x : d) {
            if (x.isError()) {
                sb.append("\n  ").append(x.summary()).append(": ").append(x.detail());
            }
        }
        return sb.toString();
    }
}
