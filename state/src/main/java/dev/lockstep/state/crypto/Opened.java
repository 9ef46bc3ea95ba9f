package dev.lockstep.state.crypto;

import java.util.Arrays;
import java.util.Map;

/**
 * What {@link Encryption#open} read: the plaintext, the envelope's header (empty when the input was
 * plaintext), whether the fallback was needed (so the caller can re-seal with the primary), and
 * whether the input was plaintext. The plaintext array is the caller's; {@link #toString()} never
 * shows it.
 */
public record Opened(byte[] plaintext, Map<String, Object> header, boolean usedFallback, boolean wasPlaintext) {

    public Opened {
        header = Scalars.normalize(header, "header");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opened x && Arrays.equals(plaintext, x.plaintext) && header.equals(x.header)
                && usedFallback == x.usedFallback && wasPlaintext == x.wasPlaintext;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(plaintext) * 31 + header.hashCode() + (usedFallback ? 2 : 0) + (wasPlaintext ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Opened[" + plaintext.length + " bytes, header=" + header + ", usedFallback=" + usedFallback
                + ", wasPlaintext=" + wasPlaintext + "]";
    }
}
