package dev.lockstep.state.crypto;

import java.util.Optional;

/**
 * Encryption is misconfigured, or a file cannot be sealed or opened. The message is user-facing: it
 * names the file (or the key provider being configured), the method and key provider involved, and
 * what to do. It never carries a key, a passphrase or any plaintext. {@link #attribute()} names the
 * configuration attribute at fault (e.g. {@code passphrase}, {@code iterations}) when there is one,
 * so that the caller can point its diagnostic at that attribute's source range.
 */
public final class EncryptionException extends Exception {

    private final String attribute;

    public EncryptionException(String message) {
        this(message, null);
    }

    public EncryptionException(String message, String attribute) {
        super(message);
        this.attribute = attribute;
    }

    /** The configuration attribute the problem is about, if it is about one. */
    public Optional<String> attribute() {
        return Optional.ofNullable(attribute);
    }
}
