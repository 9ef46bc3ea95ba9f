package dev.lockstep.planner.approval.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes the SSH wire encoding (RFC 4251 section 5: uint32, string, mpint) into a byte array. */
final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    WireWriter uint32(long value) {
        out.write((int) (value >>> 24) & 0xFF);
        out.write((int) (value >>> 16) & 0xFF);
        out.write((int) (value >>> 8) & 0xFF);
        out.write((int) value & 0xFF);
        return this;
    }

    WireWriter string(byte[] bytes) {
        uint32(bytes.length);
        return raw(bytes);
    }

    WireWriter string(String text) {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A non-negative mpint in its canonical form (no leading zero byte unless the top bit is set). */
    WireWriter mpint(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative mpint");
        }
        return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
