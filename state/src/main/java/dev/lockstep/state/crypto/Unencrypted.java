package dev.lockstep.state.crypto;

/**
 * The {@code unencrypted} method: as the primary it writes plaintext (migrating away from
 * encryption, with the old method as fallback); as the fallback it lets plaintext be read while
 * migrating to encryption. Like OpenTofu's {@code method "unencrypted"}.
 */
public record Unencrypted() implements Method {

    /** The one instance. */
    public static final Unencrypted METHOD = new Unencrypted();

    /** {@code unencrypted}. */
    public static final String TYPE = "unencrypted";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return TYPE;
    }
}
