package dev.lockstep.secrets.aws;

import dev.lockstep.api.log.Scrubber;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The default credential chain, walked once when the provider opens so that a missing credential
 * is one diagnostic listing every source tried (rather than an SDK exception at the first read),
 * and so that the sources that depend on the environment read the environment lockstep was given:
 * static keys from the settings or the sandbox; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN; the profile in the shared files (static keys, {@code credential_process});
 * container credentials (ECS, EKS Pod Identity); EC2 instance metadata unless
 * AWS_EC2_METADATA_DISABLED=true. Web identity (EKS IRSA), SSO and {@code role_arn} profiles need the
 * SDK's STS and SSO modules, which are not bundled; they are reported as tried and unsupported.
 * A profile named in the provider block is the only source tried. Also used by the S3 state
 * backend ({@code dev.lockstep.secrets.aws.s3}).
 */
public final class AwsCredentialSources {

    /** The provider that produced credentials, and where they came from. */
    public record Found(AwsCredentialsProvider provider, String source) {
    }

    private AwsCredentialSources() {
    }

    /**
     * The first source that yields credentials, or null; {@code tried} receives one line per
     * source looked at. Secrets of the credentials found are added to {@code scrubber}.
     */
    public static Found find(AwsOptions o, ProfileFile profiles, List<String> tried, Scrubber scrubber) {
        if (o.staticKeys() != null) {
            AwsOptions.StaticKeys k = o.staticKeys();
            return attempt(k.source(), () -> StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(k.accessKey(), k.secretKey())), tried, scrubber);
        }
        if (o.profileExplicit()) {
            return profile(o, profiles, tried, scrubber);
        }
        String ak = o.environment().get("AWS_ACCESS_KEY_ID");
        String sk = o.environment().get("AWS_SECRET_ACCESS_KEY");
        String st = o.environment().get("AWS_SESSION_TOKEN");
        if (present(ak) && present(sk)) {
            Found f = attempt("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", () -> StaticCredentialsProvider.create(
                    present(st) ? AwsSessionCredentials.create(ak, sk, st) : AwsBasicCredentials.create(ak, sk)),
                    tried, scrubber);
            if (f != null) {
                return f;
            }
        } else {
            tried.add("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: not set");
        }
        Found f = profile(o, profiles, tried, scrubber);
        if (f != null) {
            return f;
        }
        if (present(o.environment().get("AWS_WEB_IDENTITY_TOKEN_FILE"))) {
            tried.add("web identity (AWS_WEB_IDENTITY_TOKEN_FILE): not supported, it needs the AWS STS module, "
                    + "which lockstep does not bundle");
        }
        if (present(o.environment().get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
                || present(o.environment().get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))) {
            f = attempt("container credentials", () -> ContainerCredentialsProvider.builder().build(), tried,
                    scrubber);
            if (f != null) {
                return f;
            }
        } else {
            tried.add("container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI not set");
        }
        if ("true".equalsIgnoreCase(String.valueOf(o.environment().get("AWS_EC2_METADATA_DISABLED")).strip())) {
            tried.add("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED");
            return null;
        }
        return attempt("EC2 instance metadata", () -> InstanceProfileCredentialsProvider.builder().build(), tried,
                scrubber);
    }

    private static Found profile(AwsOptions o, ProfileFile profiles, List<String> tried, Scrubber scrubber) {
        String where = "profile \"" + o.profile() + "\"";
        if (profiles.profile(o.profile()).isEmpty()) {
            tried.add(where + ": not in " + o.credentialsFile() + " or " + o.configFile());
            return null;
        }
        return attempt(where, () -> ProfileCredentialsProvider.builder().profileFile(profiles)
                .profileName(o.profile()).build(), tried, scrubber);
    }

    private static Found attempt(String source, Supplier<AwsCredentialsProvider> make, List<String> tried,
            Scrubber scrubber) {
        try {
            AwsCredentialsProvider p = make.get();
            AwsCredentials c = p.resolveCredentials();
            scrubber.add(c.secretAccessKey());
            if (c instanceof AwsSessionCredentials s) {
                scrubber.add(s.sessionToken());
            }
            return new Found(p, source);
        } catch (RuntimeException e) {
            tried.add(source + ": " + scrubber.describe(e));
            return null;
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
