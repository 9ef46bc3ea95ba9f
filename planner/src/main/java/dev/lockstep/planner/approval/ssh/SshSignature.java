package dev.lockstep.planner.approval.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A detached SSHSIG signature (OpenSSH's PROTOCOL.sshsig, version 1), as
 * {@code ssh-keygen -Y sign -n NAMESPACE -f KEY FILE} writes it: the signer's public key, the
 * namespace, the hash algorithm over the message ({@code sha256} or {@code sha512}) and the SSH
 * signature blob.
 *
 * <p>{@link #parse} refuses, with a clear one-line message, everything that could never verify:
 * other versions, unknown hash algorithms, a signature algorithm that does not fit the key, and RSA
 * signatures with SHA-1 ({@code ssh-rsa}), which OpenSSH refuses in SSHSIG too. It also refuses a
 * non-empty {@code reserved} field (the protocol tells verifiers to ignore one; lockstep does not
 * ignore what it does not understand, and no signer writes one). {@link #verify} then only answers
 * whether this signature is the key's signature of the message in the namespace. Whether the key
 * is trusted is the caller's question: compare {@link #publicKey()} with the trusted keys.
 */
public final class SshSignature {

    static final String LABEL = "SSH SIGNATURE";
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final long VERSION = 1;
    /** The hash lockstep signs with, as ssh-keygen does by default. */
    static final String SIGN_HASH = "sha512";

    private final SshPublicKey publicKey;
    private final String namespace;
    private final String hashAlgorithm;
    private final String signatureAlgorithm;
    private final byte[] signature;

    private SshSignature(SshPublicKey publicKey, String namespace, String hashAlgorithm, String signatureAlgorithm,
            byte[] signature) {
        this.publicKey = publicKey;
        this.namespace = namespace;
        this.hashAlgorithm = hashAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature;
    }

    /** Parses an armored signature ({@code -----BEGIN SSH SIGNATURE-----} ... {@code -----END SSH SIGNATURE-----}). */
    public static SshSignature parse(String armored) throws SshFormatException {
        WireReader r = new WireReader(Armor.dearmor(armored, LABEL, "the signature"), "the signature");
        if (!Arrays.equals(r.raw(MAGIC.length), MAGIC)) {
            throw new SshFormatException("the signature is not an SSHSIG signature (it does not start with \"SSHSIG\")");
        }
        long version = r.uint32();
        if (version != VERSION) {
            throw new SshFormatException("the signature has SSHSIG version " + version + "; lockstep reads version 1");
        }
        byte[] keyBlob = r.string();
        String namespace = r.text();
        byte[] reserved = r.string();
        String hash = r.text();
        byte[] sigBlob = r.string();
        r.expectEnd();
        SshPublicKey key = SshPublicKey.fromBlob(keyBlob, "");
        if (namespace.isEmpty()) {
            throw new SshFormatException("the signature's namespace is empty");
        }
        if (reserved.length != 0) {
            throw new SshFormatException("the signature's reserved field is not empty (an SSHSIG extension lockstep does not know)");
        }
        if (!hash.equals("sha256") && !hash.equals("sha512")) {
            throw new SshFormatException("the signature uses the hash algorithm " + Names.quote(hash)
                    + "; SSHSIG allows sha256 and sha512");
        }
        WireReader s = new WireReader(sigBlob, "the signature");
        String algorithm = s.text();
        byte[] bytes = s.string();
        s.expectEnd();
        if (key.type() == KeyType.RSA && algorithm.equals(SignatureAlgorithms.RSA_SHA1)) {
            throw new SshFormatException("the signature is an RSA signature with SHA-1 (ssh-rsa), which lockstep refuses;"
                    + " sign again with ssh-keygen -Y sign (it uses rsa-sha2-512)");
        }
        if (!SignatureAlgorithms.allowed(key.type(), algorithm)) {
            throw new SshFormatException("the signature's algorithm " + Names.quote(algorithm) + " does not fit its "
                    + key.algorithm() + " key");
        }
        return new SshSignature(key, namespace, hash, algorithm, bytes);
    }

    /**
     * Signs {@code message} in {@code namespace} and returns the armored signature exactly as
     * {@code ssh-keygen -Y sign -n NAMESPACE} writes it (sha512; rsa-sha2-512 for RSA keys). For
     * Ed25519 and RSA keys, whose signatures are deterministic, the text is byte for byte
     * ssh-keygen's.
     */
    public static String sign(SshPrivateKey key, String namespace, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("an SSHSIG namespace must not be empty");
        }
        byte[] sigBlob = key.sign(signedData(namespace, SIGN_HASH, message));
        return Armor.armor(LABEL, encode(key.publicKey().blob(), namespace, SIGN_HASH, sigBlob));
    }

    private static byte[] encode(byte[] keyBlob, String namespace, String hash, byte[] sigBlob) {
        return new WireWriter().raw(MAGIC).uint32(VERSION).string(keyBlob).string(namespace).string(new byte[0])
                .string(hash).string(sigBlob).toByteArray();
    }

    /** What the key signs (PROTOCOL.sshsig section 3): preamble, namespace, reserved, hash name, H(message). */
    private static byte[] signedData(String namespace, String hash, byte[] message) {
        return new WireWriter().raw(MAGIC).string(namespace).string(new byte[0]).string(hash)
                .string(digest(hash, message)).toByteArray();
    }

    private static byte[] digest(String hash, byte[] message) {
        try {
            return MessageDigest.getInstance(hash.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + hash, e);
        }
    }

    /**
     * Whether this is a valid signature of {@code message} in {@code namespace} by {@link #publicKey()}:
     * false when the namespace differs, the message differs, or the signature bytes are wrong.
     */
    public boolean verify(String namespace, byte[] message) {
        Objects.requireNonNull(message, "message");
        if (!this.namespace.equals(namespace)) {
            return false;
        }
        return SignatureAlgorithms.verify(publicKey.type(), publicKey.toJava(), signatureAlgorithm, signature,
                signedData(namespace, hashAlgorithm, message));
    }

    /** The signer's public key (without a comment: signatures carry none). */
    public SshPublicKey publicKey() {
        return publicKey;
    }

    /** The namespace the signature was made in ({@code lockstep-plan} for plan approvals). */
    public String namespace() {
        return namespace;
    }

    /** The hash over the message: {@code sha256} or {@code sha512}. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The SSH signature algorithm: {@code ssh-ed25519}, {@code rsa-sha2-256}, {@code rsa-sha2-512} or {@code ecdsa-sha2-nistp*}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The SSH signature blob ({@code string algorithm, string signature}), a copy. */
    public byte[] signatureBlob() {
        return new WireWriter().string(signatureAlgorithm).string(signature).toByteArray();
    }

    /** The armored text, as ssh-keygen writes it. */
    public String toArmored() {
        return Armor.armor(LABEL, encode(publicKey.blob(), namespace, hashAlgorithm, signatureBlob()));
    }

    /** The signer, namespace and algorithms, for messages. */
    @Override
    public String toString() {
        return "SshSignature[" + publicKey + ", namespace " + namespace + ", " + signatureAlgorithm + "/" + hashAlgorithm + "]";
    }
}
