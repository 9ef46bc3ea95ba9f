package dev.lockstep.sandbox.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.sandbox.Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The sandbox's fifth emulator: its overrides, its bucket from the start, and its data across commands. */
class SandboxS3Test {

    @TempDir
    Path dir;

    private static S3Client client(Map<String, String> o) {
        return S3Client.builder().endpointOverride(URI.create(o.get("endpoint"))).region(Region.of(o.get("region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(o.get("access_key"),
                        o.get("secret_key"))))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void theBucketExistsFromTheStartAndObjectsPersist() throws Exception {
        try (Sandbox s = new Sandbox(dir, 0, null); S3Client c = client(s.overrides("s3"))) {
            assertEquals(Sandbox.S3_BUCKET, s.overrides("s3").get("bucket"));
            assertEquals("us-east-1", s.overrides("s3").get("region"));
            c.headBucket(b -> b.bucket(Sandbox.S3_BUCKET));
            c.putObject(b -> b.bucket(Sandbox.S3_BUCKET).key("team/state").ifNoneMatch("*"), RequestBody.fromString("v1"));
        }
        assertEquals(true, Files.exists(dir.resolve("s3.json")));
        try (Sandbox s = new Sandbox(dir, 0, null); S3Client c = client(s.overrides("s3"))) {
            assertEquals("v1", c.getObjectAsBytes(b -> b.bucket(Sandbox.S3_BUCKET).key("team/state")).asUtf8String());
            assertEquals(1, s.requestLogs().get("s3").snapshot().count("GET GetObject"));
        }
    }
}
