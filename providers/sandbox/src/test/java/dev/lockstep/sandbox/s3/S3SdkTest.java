package dev.lockstep.sandbox.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.http.EmulatorServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 emulator driven through the real AWS SDK v2 S3 client over HTTP (URL-connection client). */
class S3SdkTest {
    private static final String BUCKET = "team-state";

    @TempDir
    Path dir;

    private S3Emulator s3;
    private S3Client client;

    @BeforeEach
    void start() {
        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults());
        s3.start();
        client = client(AwsSettings.DEFAULT_SECRET_KEY, true);
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() {
        client.close();
        s3.stop();
    }

    private S3Client client(String secret, boolean pathStyle) {
        return S3Client.builder()
                .endpointOverride(s3.baseUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(pathStyle)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsSettings.DEFAULT_ACCESS_KEY, secret)))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static int status(Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        return e.statusCode();
    }

    private static String code(Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        return e.awsErrorDetails().errorCode();
    }

    @Test
    void crudRoundTripsBytesWithMd5ETags() {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        String etag = client.putObject(b -> b.bucket(BUCKET).key("env:/prod/state.json").contentType("application/json")
                .metadata(java.util.Map.of("who", "ana")), RequestBody.fromBytes(data)).eTag();
        assertEquals("\"" + java.util.HexFormat.of().formatHex(PayloadChecksums.digest("MD5", data)) + "\"", etag);
        ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("env:/prod/state.json"));
        assertArrayEquals(data, got.asByteArray());
        assertEquals(etag, got.response().eTag());
        assertEquals("application/json", got.response().contentType());
        assertEquals("ana", got.response().metadata().get("who"));
        var head = client.headObject(b -> b.bucket(BUCKET).key("env:/prod/state.json"));
        assertEquals(300_000L, head.contentLength());
        assertEquals(etag, head.eTag());
        assertArrayEquals(data, s3.content(BUCKET, "env:/prod/state.json").orElseThrow());

        client.deleteObject(b -> b.bucket(BUCKET).key("env:/prod/state.json"));
        client.deleteObject(b -> b.bucket(BUCKET).key("env:/prod/state.json")); // absent: still 204
        assertThrows(NoSuchKeyException.class, () -> client.getObject(b -> b.bucket(BUCKET).key("env:/prod/state.json")));
        assertEquals(404, status(() -> client.headObject(b -> b.bucket(BUCKET).key("env:/prod/state.json"))));
        assertThrows(NoSuchBucketException.class, () -> client.putObject(b -> b.bucket("no-such-bucket").key("k"),
                RequestBody.fromString("x")));
        assertEquals(404, status(() -> client.headBucket(b -> b.bucket("no-such-bucket"))));
        assertEquals(200, client.headBucket(b -> b.bucket(BUCKET)).sdkHttpResponse().statusCode());
        assertEquals("BucketAlreadyOwnedByYou", code(() -> client.createBucket(b -> b.bucket(BUCKET))));
    }

    @Test
    void listingPagesByPrefixMaxKeysTokenAndStartAfter() {
        for (int i = 0; i < 7; i++) {
            int n = i;
            client.putObject(b -> b.bucket(BUCKET).key("s.d/meta." + n), RequestBody.fromString("m" + n));
        }
        client.putObject(b -> b.bucket(BUCKET).key("s.d/chunk.1"), RequestBody.fromString("c"));
        client.putObject(b -> b.bucket(BUCKET).key("t"), RequestBody.fromString("t"));

        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("s.d/meta.").maxKeys(3)
                    .continuationToken(t));
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            assertTrue(page.keyCount() <= 3);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(List.of("s.d/meta.0", "s.d/meta.1", "s.d/meta.2", "s.d/meta.3", "s.d/meta.4", "s.d/meta.5",
                "s.d/meta.6"), keys);

        ListObjectsV2Response after = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("s.d/").startAfter("s.d/meta.4"));
        assertEquals(List.of("s.d/meta.5", "s.d/meta.6"), after.contents().stream().map(S3Object::key).toList());
        assertFalse(after.isTruncated());
        ListObjectsV2Response all = client.listObjectsV2(b -> b.bucket(BUCKET));
        assertEquals(9, all.keyCount());
        assertEquals(1L, all.contents().get(0).size());
        assertEquals("InvalidArgument", code(() -> client.listObjectsV2(b -> b.bucket(BUCKET).continuationToken("!!"))));
        assertEquals(501, status(() -> client.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/"))));
    }

    @Test
    void conditionalWritesAnswerAsS3Does() {
        String v1 = client.putObject(b -> b.bucket(BUCKET).key("ptr").ifNoneMatch("*"), RequestBody.fromString("one"))
                .eTag();
        S3Exception exists = assertThrows(S3Exception.class, () -> client.putObject(b -> b.bucket(BUCKET).key("ptr")
                .ifNoneMatch("*"), RequestBody.fromString("two")));
        assertEquals(412, exists.statusCode());
        assertEquals("PreconditionFailed", exists.awsErrorDetails().errorCode());

        String v2 = client.putObject(b -> b.bucket(BUCKET).key("ptr").ifMatch(v1), RequestBody.fromString("two")).eTag();
        assertEquals(412, status(() -> client.putObject(b -> b.bucket(BUCKET).key("ptr").ifMatch(v1),
                RequestBody.fromString("three"))));
        assertEquals("two", client.getObjectAsBytes(b -> b.bucket(BUCKET).key("ptr")).asUtf8String());
        S3Exception absent = assertThrows(S3Exception.class, () -> client.putObject(b -> b.bucket(BUCKET).key("nope")
                .ifMatch(v1), RequestBody.fromString("x")));
        assertEquals(404, absent.statusCode());
        assertEquals("NoSuchKey", absent.awsErrorDetails().errorCode());

        assertEquals(412, status(() -> client.deleteObject(b -> b.bucket(BUCKET).key("ptr").ifMatch(v1))));
        assertEquals("two", new String(s3.content(BUCKET, "ptr").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("NoSuchKey", code(() -> client.deleteObject(b -> b.bucket(BUCKET).key("nope").ifMatch(v1))));
        client.deleteObject(b -> b.bucket(BUCKET).key("ptr").ifMatch(v2));
        assertTrue(s3.content(BUCKET, "ptr").isEmpty());
        assertEquals(501, status(() -> client.putObject(b -> b.bucket(BUCKET).key("ptr").ifNoneMatch(v2),
                RequestBody.fromString("x"))));
    }

    @Test
    void ofTwentyConcurrentCreatesExactlyOneWins() throws Exception {
        int n = 20;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String body = "writer-" + i;
                fs.add(pool.submit(() -> {
                    go.await();
                    try {
                        client.putObject(b -> b.bucket(BUCKET).key("s.tflock").ifNoneMatch("*"),
                                RequestBody.fromString(body));
                        won.incrementAndGet();
                    } catch (S3Exception e) {
                        assertEquals(412, e.statusCode());
                        lost.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, won.get());
        assertEquals(n - 1, lost.get());
        assertTrue(new String(s3.content(BUCKET, "s.tflock").orElseThrow(), StandardCharsets.UTF_8).startsWith("writer-"));
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        try (S3Client wrong = client("not-the-secret", true)) {
            S3Exception e = assertThrows(S3Exception.class, () -> wrong.putObject(b -> b.bucket(BUCKET).key("k"),
                    RequestBody.fromString("x")));
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
        assertTrue(s3.keys(BUCKET).isEmpty());
    }

    @Test
    void serverSideEncryptionIsRecordedAndKmsRefused() {
        client.putObject(b -> b.bucket(BUCKET).key("enc").serverSideEncryption("AES256"), RequestBody.fromString("x"));
        assertEquals("AES256", s3.requestedEncryption(BUCKET, "enc").orElseThrow());
        client.putObject(b -> b.bucket(BUCKET).key("plain"), RequestBody.fromString("x"));
        assertTrue(s3.requestedEncryption(BUCKET, "plain").isEmpty());
        assertEquals(501, status(() -> client.putObject(b -> b.bucket(BUCKET).key("kms").serverSideEncryption("aws:kms"),
                RequestBody.fromString("x"))));
    }

    @Test
    void objectsAndBucketsSurviveARestart() {
        client.close();
        s3.stop();
        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults().withStore(new DirectoryStateStore(dir, "s3")));
        s3.start();
        client = client(AwsSettings.DEFAULT_SECRET_KEY, true);
        client.createBucket(b -> b.bucket(BUCKET));
        String etag = client.putObject(b -> b.bucket(BUCKET).key("a/b"), RequestBody.fromString("persisted")).eTag();
        client.close();
        s3.stop();

        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults().withStore(new DirectoryStateStore(dir, "s3")));
        s3.start();
        client = client(AwsSettings.DEFAULT_SECRET_KEY, true);
        ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("a/b"));
        assertEquals("persisted", got.asUtf8String());
        assertEquals(etag, got.response().eTag());
        assertEquals(412, status(() -> client.putObject(b -> b.bucket(BUCKET).key("a/b").ifNoneMatch("*"),
                RequestBody.fromString("again"))));
    }
}
