package dev.lockstep.sandbox.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SigV4;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.EmulatorServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests the SDK does not make by itself, signed here and sent over a raw socket: virtual-host
 * addressing (a {@code Host: bucket.localhost:port} header), the unsigned streaming payload with a
 * trailing checksum, a hex payload hash that does not match, a bad trailing checksum, no signature.
 */
class S3WireTest {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private S3Emulator s3;

    @BeforeEach
    void start() {
        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults());
        s3.start();
        s3.ensureBucket("vhost", "us-east-1");
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    record Answer(int status, String head, String body) {}

    /** Signs (unless {@code sign} is false) and sends one request; the payload hash header is {@code contentSha}. */
    private Answer send(String method, String host, String path, Map<String, String> extra, byte[] body,
            String contentSha, boolean sign) throws IOException {
        Map<String, String> headers = headers(method, host, path, extra, contentSha, sign);
        return transmit(method, path, headers, body);
    }

    private static String amzDate() {
        return AMZ_DATE.format(LocalDateTime.now(ZoneOffset.UTC));
    }

    private Map<String, String> headers(String method, String host, String path, Map<String, String> extra,
            String contentSha, boolean sign) {
        String amzDate = amzDate();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-amz-content-sha256", contentSha);
        headers.put("x-amz-date", amzDate);
        headers.putAll(extra);
        if (sign) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            headers.forEach((k, v) -> multi.put(k, List.of(v)));
            List<String> signed = new ArrayList<>(new java.util.TreeSet<>(headers.keySet()));
            int q = path.indexOf('?');
            String decodedPath = java.net.URLDecoder.decode(q < 0 ? path : path.substring(0, q), StandardCharsets.UTF_8);
            String canonical = SigV4.canonicalRequest(new ApiRequest(method, decodedPath, q < 0 ? null
                    : path.substring(q + 1), multi, new byte[0]), signed);
            String toSign = SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope(amzDate) + "\n"
                    + SigV4.hex(SigV4.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            headers.put("Authorization", SigV4.ALGORITHM + " Credential=" + AwsSettings.DEFAULT_ACCESS_KEY + "/"
                    + scope(amzDate) + ", SignedHeaders=" + String.join(";", signed) + ", Signature="
                    + SigV4.hex(SigV4.hmac(key(amzDate), toSign)));
        }
        return headers;
    }

    private static String scope(String amzDate) {
        return amzDate.substring(0, 8) + "/us-east-1/s3/aws4_request";
    }

    private static byte[] key(String amzDate) {
        return SigV4.signingKey(AwsSettings.DEFAULT_SECRET_KEY, amzDate.substring(0, 8), "us-east-1", "s3");
    }

    private Answer transmit(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s3.baseUri().getPort())) {
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, split), text.substring(split + 4));
        }
    }

    /** A signed aws-chunked body (two data chunks and the final one), each chunk signature chained from the seed. */
    private static byte[] signedChunked(Map<String, String> headers, byte[][] chunks) {
        String auth = headers.get("Authorization");
        String previous = auth.substring(auth.indexOf("Signature=") + "Signature=".length());
        String amzDate = headers.get("x-amz-date");
        String emptyHash = SigV4.hex(SigV4.sha256(new byte[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope(amzDate) + "\n" + previous + "\n"
                    + emptyHash + "\n" + SigV4.hex(SigV4.sha256(c));
            previous = SigV4.hex(SigV4.hmac(key(amzDate), toSign));
            out.writeBytes((Integer.toHexString(c.length) + ";chunk-signature=" + previous + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(c);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    @Test
    void signedChunksAreVerifiedOneByOne() throws Exception {
        byte[] a = "first chunk ".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second chunk".getBytes(StandardCharsets.UTF_8);
        Map<String, String> extra = Map.of("content-encoding", "aws-chunked", "x-amz-decoded-content-length",
                Integer.toString(a.length + b.length));
        Map<String, String> h = headers("PUT", "127.0.0.1", "/vhost/signed", extra, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                true);
        Answer ok = transmit("PUT", "/vhost/signed", h, signedChunked(h, new byte[][] {a, b, new byte[0]}));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("first chunk second chunk", new String(s3.content("vhost", "signed").orElseThrow(),
                StandardCharsets.UTF_8));

        Map<String, String> h2 = headers("PUT", "127.0.0.1", "/vhost/tampered", extra,
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true);
        byte[] body = signedChunked(h2, new byte[][] {a, b, new byte[0]});
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("second");
        body[at] = 'S'; // the second chunk changed after signing
        Answer tampered = transmit("PUT", "/vhost/tampered", h2, body);
        assertEquals(403, tampered.status());
        assertTrue(tampered.body().contains("<Code>SignatureDoesNotMatch</Code>"), tampered.body());
        assertTrue(s3.content("vhost", "tampered").isEmpty());
    }

    private static String crc32(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    private static byte[] unsignedChunked(byte[] data, String trailer) {
        String s = Integer.toHexString(data.length) + "\r\n" + new String(data, StandardCharsets.ISO_8859_1) + "\r\n0\r\n"
                + trailer + "\r\n\r\n";
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String host() {
        return "vhost.localhost:" + s3.baseUri().getPort();
    }

    @Test
    void virtualHostAddressingWithAnUnsignedStreamingPayload() throws Exception {
        byte[] data = "state bytes".getBytes(StandardCharsets.UTF_8);
        Answer put = send("PUT", host(), "/env%3A/ws/state.json", Map.of("content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", Integer.toString(data.length), "x-amz-trailer", "x-amz-checksum-crc32"),
                unsignedChunked(data, "x-amz-checksum-crc32:" + crc32(data)), "STREAMING-UNSIGNED-PAYLOAD-TRAILER", true);
        assertEquals(200, put.status(), put.body());
        assertEquals("state bytes", new String(s3.content("vhost", "env:/ws/state.json").orElseThrow(),
                StandardCharsets.UTF_8));
        Answer list = send("GET", host(), "/?list-type=2&prefix=env%3A", Map.of(), new byte[0], "UNSIGNED-PAYLOAD", true);
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains("<Key>env:/ws/state.json</Key>"), list.body());
        Answer get = send("GET", host(), "/env%3A/ws/state.json", Map.of(), new byte[0], "UNSIGNED-PAYLOAD", true);
        assertEquals("state bytes", get.body());
    }

    @Test
    void aBadTrailingChecksumIsBadDigest() throws Exception {
        byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
        Answer put = send("PUT", "127.0.0.1", "/vhost/k", Map.of("content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "3", "x-amz-trailer", "x-amz-checksum-crc32"),
                unsignedChunked(data, "x-amz-checksum-crc32:" + crc32("abd".getBytes(StandardCharsets.UTF_8))),
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER", true);
        assertEquals(400, put.status());
        assertTrue(put.body().contains("<Code>BadDigest</Code>"), put.body());
        assertTrue(s3.keys("vhost").isEmpty());
    }

    @Test
    void aHexPayloadHashMustMatchTheBody() throws Exception {
        byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
        Answer ok = send("PUT", "127.0.0.1", "/vhost/k", Map.of(), data, SigV4.hex(SigV4.sha256(data)), true);
        assertEquals(200, ok.status(), ok.body());
        Answer bad = send("PUT", "127.0.0.1", "/vhost/k", Map.of(), data,
                SigV4.hex(SigV4.sha256("abd".getBytes(StandardCharsets.UTF_8))), true);
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("<Code>XAmzContentSHA256Mismatch</Code>"), bad.body());
    }

    @Test
    void unsignedRequestsAreAccessDeniedInXml() throws Exception {
        Answer a = send("GET", "127.0.0.1", "/vhost?list-type=2", Map.of(), new byte[0], "UNSIGNED-PAYLOAD", false);
        assertEquals(403, a.status());
        assertTrue(a.body().startsWith("<?xml"), a.body());
        assertTrue(a.body().contains("<Code>AccessDenied</Code>"), a.body());
        assertTrue(a.head().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/xml"), a.head());
    }
}
