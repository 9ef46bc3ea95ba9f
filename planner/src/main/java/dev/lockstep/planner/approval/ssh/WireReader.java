package dev.lockstep.planner.approval.ssh;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encoding (RFC 4251 section 5: uint32, string, mpint) from a byte array. Every
 * failure is an {@link SshFormatException} naming {@code what} is being read ("the public key", "the
 * signature"), never a runtime exception.
 */
final class WireReader {

    private final byte[] data;
    private final String what;
    private int pos;

    WireReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    /** Whether unread bytes are left. */
    boolean hasRemaining() {
        return pos < data.length;
    }

    /** The next {@code n} bytes as they are. */
    byte[] raw(int n) throws SshFormatException {
        if (n < 0 || n > data.length - pos) {
            throw malformed("it ends early");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A big-endian uint32, as a long so that values over 2^31 stay positive. */
    long uint32() throws SshFormatException {
        byte[] b = raw(4);
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    /** A uint32 read as raw bytes (the private key check values, kept as they are). */
    int int32() throws SshFormatException {
        return ByteBuffer.wrap(raw(4)).getInt();
    }

    /** A length-prefixed byte string. */
    byte[] string() throws SshFormatException {
        long n = uint32();
        if (n > data.length - pos) {
            throw malformed("a length field is larger than the data");
        }
        return raw((int) n);
    }

    /** A length-prefixed string that must be UTF-8 without NUL characters (names, comments). */
    String text() throws SshFormatException {
        byte[] bytes = string();
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (s.indexOf('\0') >= 0) {
                throw malformed("a text field contains a NUL character");
            }
            return s;
        } catch (CharacterCodingException e) {
            throw malformed("a text field is not UTF-8");
        }
    }

    /** A non-negative mpint (RFC 4251): two's complement, big-endian. */
    BigInteger mpint() throws SshFormatException {
        byte[] b = string();
        if (b.length == 0) {
            return BigInteger.ZERO;
        }
        if ((b[0] & 0x80) != 0) {
            throw malformed("it holds a negative number");
        }
        if (b.length > 16385) {
            throw malformed("it holds a number larger than 16384 bits");
        }
        return new BigInteger(1, b);
    }

    /** Fails unless every byte has been read. */
    void expectEnd() throws SshFormatException {
        if (hasRemaining()) {
            throw malformed("it has unexpected data after its last field");
        }
    }

    /** An exception "{what} is malformed: {reason}". */
    SshFormatException malformed(String reason) {
        return new SshFormatException(what + " is malformed: " + reason);
    }
}
