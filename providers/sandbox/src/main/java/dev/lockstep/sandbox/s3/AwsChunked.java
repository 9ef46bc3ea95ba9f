package dev.lockstep.sandbox.s3;

import dev.lockstep.sandbox.aws.SigV4;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} request body, the streaming upload forms of SigV4: chunks of
 * {@code hex-size[;chunk-signature=sig]\r\ndata\r\n}, a last empty chunk, and optionally trailing
 * headers (a checksum, and with signed chunks {@code x-amz-trailer-signature}). With signed chunks
 * every chunk signature (and the trailer signature) is verified, chained from the seed signature
 * of the Authorization header; trailing checksums are verified against the decoded payload.
 */
final class AwsChunked {
    private static final String EMPTY_SHA256 = SigV4.hex(SigV4.sha256(new byte[0]));

    /** The signing context of signed chunks: the request's date, scope, seed signature and key. */
    record Signing(String amzDate, String scope, String seedSignature, byte[] key) {}

    private final byte[] body;
    private int pos;

    private AwsChunked(byte[] body) {
        this.body = body;
    }

    /**
     * The decoded payload of {@code body}; {@code signing} is null for the unsigned forms,
     * {@code trailerExpected} says whether trailing headers follow the last chunk.
     */
    static byte[] decode(byte[] body, Signing signing, boolean trailerExpected, long decodedLength) {
        return new AwsChunked(body).run(signing, trailerExpected, decodedLength);
    }

    private byte[] run(Signing signing, boolean trailerExpected, long decodedLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = signing == null ? null : signing.seedSignature();
        while (true) {
            String header = line();
            String sizeText = header;
            String signature = null;
            int semi = header.indexOf(';');
            if (semi >= 0) {
                sizeText = header.substring(0, semi);
                String ext = header.substring(semi + 1);
                if (!ext.startsWith("chunk-signature=")) {
                    throw malformed("unknown chunk extension");
                }
                signature = ext.substring("chunk-signature=".length());
            }
            int size;
            try {
                size = Integer.parseInt(sizeText.trim(), 16);
            } catch (NumberFormatException e) {
                throw malformed("bad chunk size");
            }
            if (size < 0 || pos + size > body.length) {
                throw malformed("chunk longer than the body");
            }
            byte[] chunk = java.util.Arrays.copyOfRange(body, pos, pos + size);
            pos += size;
            if (signing != null) {
                if (signature == null) {
                    throw S3Errors.error(403, "SignatureDoesNotMatch", "A chunk has no chunk-signature.");
                }
                String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                        + previous + "\n" + EMPTY_SHA256 + "\n" + SigV4.hex(SigV4.sha256(chunk));
                check(signing, toSign, signature, "chunk");
                previous = signature;
            } else if (signature != null) {
                throw malformed("signed chunk in an unsigned payload");
            }
            out.write(chunk, 0, chunk.length);
            if (size == 0) {
                break;
            }
            if (!line().isEmpty()) {
                throw malformed("chunk data not followed by CRLF");
            }
        }
        byte[] payload = out.toByteArray();
        if (decodedLength >= 0 && payload.length != decodedLength) {
            throw S3Errors.error(400, "IncompleteBody", "The request body terminated unexpectedly: "
                    + payload.length + " bytes decoded, x-amz-decoded-content-length says " + decodedLength + ".");
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        while (pos < body.length) {
            String l = line();
            if (l.isEmpty()) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw malformed("bad trailing header");
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (!trailerExpected && !trailers.isEmpty()) {
            throw malformed("trailing headers without x-amz-trailer");
        }
        if (signing != null && trailerExpected) {
            if (trailerSignature == null) {
                throw S3Errors.error(403, "SignatureDoesNotMatch", "The trailer has no x-amz-trailer-signature.");
            }
            String toSign = "AWS4-HMAC-SHA256-TRAILER\n" + signing.amzDate() + "\n" + signing.scope() + "\n" + previous
                    + "\n" + SigV4.hex(SigV4.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            check(signing, toSign, trailerSignature, "trailer");
        }
        trailers.forEach((name, value) -> {
            if (name.startsWith(PayloadChecksums.PREFIX)) {
                PayloadChecksums.verify(name, value, payload);
            } else {
                throw S3Errors.invalidRequest("Unsupported trailing header " + name + ".");
            }
        });
        return payload;
    }

    private static void check(Signing signing, String toSign, String signature, String what) {
        String expected = SigV4.hex(SigV4.hmac(signing.key(), toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw S3Errors.error(403, "SignatureDoesNotMatch", "The " + what + " signature we calculated does not "
                    + "match the one you provided.");
        }
    }

    private String line() {
        for (int i = pos; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                String l = new String(body, pos, i - pos, StandardCharsets.ISO_8859_1);
                pos = i + 2;
                return l;
            }
        }
        throw S3Errors.error(400, "IncompleteBody", "The aws-chunked request body is incomplete.");
    }

    private static RuntimeException malformed(String why) {
        return S3Errors.invalidRequest("Malformed aws-chunked body: " + why + ".");
    }
}
