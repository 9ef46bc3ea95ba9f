package dev.lockstep.sandbox.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.testing.RawHttp;
import dev.lockstep.sandbox.testing.RawHttp.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hand-written client (curl) sees: SigV4 checks, error headers, persistence. */
class SecretsManagerWireTest {
    private static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    @TempDir
    Path dir;

    private static Answer post(SecretsManagerEmulator sm, String target, String body, String authorization, String amzDate) {
        return RawHttp.send("POST", sm.baseUri(), body, "Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", target, "X-Amz-Date", amzDate, "Authorization", authorization);
    }

    private static String nowAmz() {
        return AMZ.format(LocalDateTime.now(ZoneOffset.UTC));
    }

    private static String auth(String amzDate, String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIAANYKEY/" + amzDate.substring(0, 8) + "/us-east-1/" + service
                + "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);
    }

    @Test
    void shapeIsCheckedEvenWhenSignaturesAreNot() {
        try (SecretsManagerEmulator sm = new SecretsManagerEmulator(new AwsSettings().verifySignatures(false),
                EmulatorServer.Options.defaults())) {
            sm.start();
            String now = nowAmz();
            Answer created = post(sm, "secretsmanager.CreateSecret", "{\"Name\":\"curl\",\"SecretString\":\"s3cr3t\"}",
                    auth(now, "secretsmanager"), now);
            assertEquals(200, created.status(), created.body());
            assertEquals("application/x-amz-json-1.1", created.header("Content-Type"));
            assertTrue(created.header("x-amzn-RequestId") != null);
            assertTrue(created.json().path("VersionId").asText().length() >= 32);

            Answer missing = post(sm, "secretsmanager.GetSecretValue", "{\"SecretId\":\"nope\"}", auth(now, "secretsmanager"), now);
            assertEquals(400, missing.status());
            assertEquals("ResourceNotFoundException", missing.header("x-amzn-ErrorType"));
            assertEquals("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}",
                    missing.body());

            Answer wrongService = post(sm, "secretsmanager.GetSecretValue", "{\"SecretId\":\"curl\"}", auth(now, "s3"), now);
            assertEquals("InvalidSignatureException", wrongService.header("x-amzn-ErrorType"));
            Answer noCredential = post(sm, "secretsmanager.GetSecretValue", "{}",
                    "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + "0".repeat(64), now);
            assertEquals(400, noCredential.status());
            assertEquals("IncompleteSignatureException", noCredential.header("x-amzn-ErrorType"));
            String stale = AMZ.format(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(20));
            Answer expired = post(sm, "secretsmanager.GetSecretValue", "{\"SecretId\":\"curl\"}", auth(stale, "secretsmanager"), stale);
            assertTrue(expired.json().path("message").asText().startsWith("Signature expired"), expired.body());
            Answer unknownOp = post(sm, "secretsmanager.RotateSecret", "{}", auth(now, "secretsmanager"), now);
            assertEquals("UnknownOperationException", unknownOp.header("x-amzn-ErrorType"));
            Answer noTarget = post(sm, "", "{}", auth(now, "secretsmanager"), now);
            assertEquals(400, noTarget.status());
            Answer noId = post(sm, "secretsmanager.GetSecretValue", "{}", auth(now, "secretsmanager"), now);
            assertEquals("ValidationException", noId.header("x-amzn-ErrorType"));

            var log = sm.requestLog().snapshot();
            assertEquals(5, log.count("POST / secretsmanager.GetSecretValue"));
            assertEquals(1, log.count("POST / secretsmanager.CreateSecret", 200));
        }
    }

    /** The "get-vanilla" case of AWS's SigV4 test suite. */
    @Test
    void signatureMatchesAwsTestVector() {
        ApiRequest req = new ApiRequest("GET", "/", null, Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")),
                new byte[0]);
        SigV4.Parsed p = SigV4.parse(req, "service");
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SigV4.canonicalRequest(req, p.signedHeaders()));
        SigV4.verify(req, p, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        HttpError wrong = assertThrows(HttpError.class, () -> SigV4.verify(req, p, "another-key"));
        assertEquals("InvalidSignatureException", wrong.body().path("__type").asText());
    }

    @Test
    void secretsSurviveARestart() throws Exception {
        EmulatorServer.Options opts = EmulatorServer.Options.defaults().withStore(new DirectoryStateStore(dir, "secretsmanager"));
        String arn;
        try (SecretsManagerEmulator first = new SecretsManagerEmulator(new AwsSettings(), opts)) {
            first.start();
            arn = first.createSecret("us-east-1", "kept", "v1");
            first.putSecretValue("us-east-1", "kept", "v2");
            assertTrue(Files.readString(dir.resolve("secretsmanager.json")).contains(arn));
        }
        try (SecretsManagerEmulator second = new SecretsManagerEmulator(new AwsSettings(), opts)) {
            second.start();
            assertEquals(1, second.secretCount());
            String v3 = second.putSecretValue("us-east-1", arn, "v3");
            assertFalse(v3.isEmpty());
        }
    }
}
