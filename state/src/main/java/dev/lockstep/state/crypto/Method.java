package dev.lockstep.state.crypto;

/**
 * An encryption method, like an OpenTofu {@code method} block: {@link AesGcm} with the key provider
 * it takes its keys from, or {@link Unencrypted}, which reads and writes plaintext (for migrating
 * to or away from encryption).
 */
public sealed interface Method permits AesGcm, Unencrypted {

    /** The method's type as written in envelopes and configuration: {@code aes_gcm}, {@code unencrypted}. */
    String type();

    /** A short description for messages, e.g. {@code aes_gcm with key provider pbkdf2.main}. */
    String describe();
}
