package dev.lockstep.sandbox.s3;

import dev.lockstep.sandbox.aws.SigV4;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The flexible checksums S3 verifies on upload ({@code x-amz-checksum-crc32}, {@code -crc32c},
 * {@code -sha1}, {@code -sha256}, {@code -crc64nvme}, sent as a header or in an aws-chunked trailer)
 * and {@code Content-MD5}. A mismatch is S3's 400 BadDigest; an unknown algorithm is refused.
 */
final class PayloadChecksums {
    static final String PREFIX = "x-amz-checksum-";

    private PayloadChecksums() {}

    /** Checks {@code x-amz-checksum-<algorithm>: value} (base64) against the payload. */
    static void verify(String header, String value, byte[] payload) {
        String algorithm = header.toLowerCase(Locale.ROOT).substring(PREFIX.length());
        byte[] actual = switch (algorithm) {
            case "crc32" -> crc(new CRC32(), payload);
            case "crc32c" -> crc(new CRC32C(), payload);
            case "sha1" -> digest("SHA-1", payload);
            case "sha256" -> SigV4.sha256(payload);
            case "crc64nvme" -> ByteBuffer.allocate(8).putLong(crc64nvme(payload)).array();
            default -> throw S3Errors.invalidRequest("Unsupported checksum header " + header + ".");
        };
        if (!Base64.getEncoder().encodeToString(actual).equals(value.trim())) {
            throw S3Errors.error(400, "BadDigest", "The " + algorithm.toUpperCase(Locale.ROOT)
                    + " you specified did not match the calculated checksum.");
        }
    }

    /** Checks {@code Content-MD5} (base64 of the MD5). */
    static void verifyMd5(String value, byte[] payload) {
        if (!Base64.getEncoder().encodeToString(digest("MD5", payload)).equals(value.trim())) {
            throw S3Errors.error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
        }
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] crc(java.util.zip.Checksum c, byte[] data) {
        c.update(data, 0, data.length);
        return ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
    }

    /** CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final xor all ones. */
    static long crc64nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xffL;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
            }
        }
        return ~crc;
    }
}
