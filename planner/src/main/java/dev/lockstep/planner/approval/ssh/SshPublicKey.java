package dev.lockstep.planner.approval.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An SSH public key: its algorithm name ({@code ssh-ed25519}, {@code ssh-rsa},
 * {@code ecdsa-sha2-nistp256/384/521}), its wire blob and a comment. Read from and written as an
 * OpenSSH public key line ({@code type base64 [comment]}, as in {@code id_ed25519.pub},
 * {@code authorized_keys} without options, and {@code github.com/USER.keys}). Two keys are equal when
 * their blobs are: the comment is only a label.
 */
public final class SshPublicKey {

    private final KeyType type;
    private final byte[] blob;
    private final String comment;
    private final PublicKey javaKey;

    private SshPublicKey(KeyType type, byte[] blob, String comment, PublicKey javaKey) {
        this.type = type;
        this.blob = blob;
        this.comment = comment;
        this.javaKey = javaKey;
    }

    /**
     * Parses one OpenSSH public key line: {@code type base64 [comment]}, with any whitespace around
     * it. Lines with {@code authorized_keys} options before the type, security-key ({@code sk-})
     * keys, certificates and types lockstep does not read are refused with a message that names the
     * type; so is key data whose own type differs from the line's.
     */
    public static SshPublicKey parse(String line) throws SshFormatException {
        String t = line.strip();
        if (t.isEmpty()) {
            throw new SshFormatException("the public key line is empty");
        }
        if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
            throw new SshFormatException("a public key is one line; this text has several");
        }
        String[] parts = t.split("[ \t]+", 3);
        String name = parts[0];
        if (KeyType.byName(name).isEmpty()) {
            throw new SshFormatException(startsWithOptions(t) ? optionsMessage(name) : KeyType.unsupported(name));
        }
        if (parts.length < 2) {
            throw new SshFormatException("the " + name + " public key line has no key data after its type");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new SshFormatException("the " + name + " public key line's key data is not valid base64");
        }
        String inner = new WireReader(blob, "the " + name + " public key").text();
        if (!inner.equals(name)) {
            throw new SshFormatException("the public key line says " + name + " but its key data is a "
                    + Names.quote(inner) + " key");
        }
        return fromBlob(blob, parts.length == 3 ? parts[2].strip() : "");
    }

    /** Whether a later word of the line is a key type: then the first words are key options. */
    private static boolean startsWithOptions(String line) {
        String[] words = line.split("[ \t]+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (KeyType.byName(w).isPresent() || w.startsWith("sk-") || w.endsWith("-cert-v01@openssh.com")) {
                return i > 0;
            }
        }
        return false;
    }

    private static String optionsMessage(String first) {
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        return "the public key line starts with authorized_keys options (" + Names.quote(option)
                + "); give only the key: type, base64 data and an optional comment";
    }

    /** The key of an SSH wire blob (as inside SSHSIG signatures and private key files). */
    public static SshPublicKey fromBlob(byte[] blob, String comment) throws SshFormatException {
        Objects.requireNonNull(comment, "comment");
        String name = new WireReader(blob, "the public key").text();
        KeyType type = KeyType.byName(name).orElseThrow(() -> new SshFormatException(KeyType.unsupported(name)));
        byte[] copy = blob.clone();
        return new SshPublicKey(type, copy, comment, KeyCodec.decode(type, copy));
    }

    /** The key of a JDK public key of the given type (for keys made or read here). */
    static SshPublicKey of(KeyType type, PublicKey key, String comment) {
        return new SshPublicKey(type, KeyCodec.encode(type, key), comment, key);
    }

    /** The algorithm name: {@code ssh-ed25519}, {@code ssh-rsa} or {@code ecdsa-sha2-nistp256/384/521}. */
    public String algorithm() {
        return type.sshName;
    }

    KeyType type() {
        return type;
    }

    /** The wire encoding of the key (a copy). */
    public byte[] blob() {
        return blob.clone();
    }

    /** The comment; empty when there is none. */
    public String comment() {
        return comment;
    }

    /** The same key with another comment. */
    public SshPublicKey withComment(String newComment) {
        return new SshPublicKey(type, blob, Objects.requireNonNull(newComment, "comment"), javaKey);
    }

    /** The OpenSSH public key line {@code type base64 comment} (no comment part when it is empty; no newline). */
    public String toLine() {
        String line = type.sshName + " " + Base64.getEncoder().encodeToString(blob);
        return comment.isEmpty() ? line : line + " " + comment;
    }

    /** The fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} and unpadded base64 of the blob's SHA-256. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The key for {@code java.security} (an EdEC, RSA or EC public key). */
    public PublicKey toJava() {
        return javaKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey other && Arrays.equals(blob, other.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    /** The algorithm and fingerprint (and comment, if any), for messages. */
    @Override
    public String toString() {
        return type.sshName + " " + fingerprint() + (comment.isEmpty() ? "" : " " + comment);
    }
}
