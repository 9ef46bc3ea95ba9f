package dev.lockstep.planner.approval.ssh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * An unencrypted SSH private key (ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521) in the
 * OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, {@code openssh-key-v1}), with its
 * public key and comment. It is read and written exactly as ssh-keygen writes it: a file ssh-keygen
 * made comes out of {@link #parse} and {@link #toOpenSsh} byte for byte the same. Passphrase-protected
 * keys and the old PEM formats are refused with a message that says what to do instead.
 * {@link #toString} never shows key material.
 */
public final class SshPrivateKey {

    static final String LABEL = "OPENSSH PRIVATE KEY";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** The block size of cipher "none", to which the private section is padded. */
    private static final int BLOCK = 8;
    private static final String SIGN_INSTEAD =
            "sign with `ssh-keygen -Y sign -n lockstep-plan -f KEY PLANFILE` instead";

    private final SshPublicKey publicKey;
    private final PrivateKey javaKey;
    private final int checkInt;

    private SshPrivateKey(SshPublicKey publicKey, PrivateKey javaKey, int checkInt) {
        this.publicKey = publicKey;
        this.javaKey = javaKey;
        this.checkInt = checkInt;
    }

    /** A new Ed25519 key pair (from the JDK's default SecureRandom) with the given comment. */
    public static SshPrivateKey generateEd25519(String comment) {
        Objects.requireNonNull(comment, "comment");
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            SshPublicKey pub = SshPublicKey.of(KeyType.ED25519, pair.getPublic(), comment);
            return new SshPrivateKey(pub, pair.getPrivate(), new SecureRandom().nextInt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make Ed25519 keys", e);
        }
    }

    /** Reads an unencrypted private key in the OpenSSH format (the whole file's text). */
    public static SshPrivateKey parse(String text) throws SshFormatException {
        String t = text.strip();
        refuseOtherFormats(t);
        WireReader r = new WireReader(Armor.dearmor(t, LABEL, "the private key"), "the private key");
        if (!Arrays.equals(r.raw(MAGIC.length), MAGIC)) {
            throw r.malformed("it does not hold an openssh-key-v1 key");
        }
        String cipher = r.text();
        String kdf = r.text();
        byte[] kdfOptions = r.string();
        if (!cipher.equals("none")) {
            throw new SshFormatException("the private key is passphrase-protected (" + Names.quote(cipher)
                    + "), which lockstep cannot read; " + SIGN_INSTEAD + " (it asks for the passphrase or uses ssh-agent)");
        }
        if (!kdf.equals("none") || kdfOptions.length != 0) {
            throw r.malformed("it is not encrypted but names the key derivation " + Names.quote(kdf));
        }
        long count = r.uint32();
        if (count != 1) {
            throw new SshFormatException("the private key file holds " + count + " keys; lockstep reads files with one key");
        }
        byte[] outerPublic = r.string();
        byte[] section = r.string();
        r.expectEnd();
        SshPrivateKey key = readSection(new WireReader(section, "the private key"), section.length);
        if (!Arrays.equals(outerPublic, key.publicKey.blob())) {
            throw new SshFormatException("the private key is malformed: its public key does not match its private key");
        }
        key.checkConsistent();
        return key;
    }

    private static void refuseOtherFormats(String t) throws SshFormatException {
        if (t.startsWith("PuTTY-User-Key-File-")) {
            throw new SshFormatException("the private key is a PuTTY key; export it from PuTTYgen in the OpenSSH format"
                    + " (Conversions, Export OpenSSH key (force new file format))");
        }
        if (!t.startsWith("-----BEGIN ")) {
            String first = t.split("[ \t\r\n]+", 2)[0];
            if (KeyType.byName(first).isPresent() || first.startsWith("sk-") || first.startsWith("ssh-")
                    || first.startsWith("ecdsa-")) {
                throw new SshFormatException("this is a public key; give the private key file (the one without .pub)");
            }
            throw new SshFormatException("the private key does not start with " + Armor.begin(LABEL));
        }
        int close = t.indexOf("-----", "-----BEGIN ".length());
        String label = close < 0 ? "" : t.substring("-----BEGIN ".length(), close);
        if (label.equals(LABEL)) {
            return;
        }
        if (label.endsWith("PRIVATE KEY") && !label.startsWith("SSH2 ")) {
            throw new SshFormatException("the private key is in the old PEM format (" + Names.quote("BEGIN " + label)
                    + "), which lockstep does not read; rewrite it in the OpenSSH format with `ssh-keygen -p -f KEY`"
                    + " or " + SIGN_INSTEAD);
        }
        throw new SshFormatException("the private key is a " + Names.quote("BEGIN " + label)
                + " block, not an OpenSSH private key (" + Armor.begin(LABEL) + ")");
    }

    /** The private section: check values, the key, its comment, padding 1, 2, 3, ... */
    private static SshPrivateKey readSection(WireReader p, int length) throws SshFormatException {
        int check1 = p.int32();
        int check2 = p.int32();
        if (check1 != check2) {
            throw p.malformed("its check values differ (the file is damaged)");
        }
        String name = p.text();
        KeyType type = KeyType.byName(name).orElseThrow(() -> new SshFormatException(KeyType.unsupported(name)));
        PublicKey pub;
        PrivateKey priv;
        try {
            switch (type) {
                case ED25519: {
                    byte[] raw = p.string();
                    pub = KeyCodec.ed25519(raw, p);
                    byte[] secret = p.string();
                    if (secret.length != 64 || !Arrays.equals(secret, 32, 64, raw, 0, 32)) {
                        throw p.malformed("its Ed25519 secret is not 64 bytes ending in the public key");
                    }
                    priv = KeyFactory.getInstance("Ed25519").generatePrivate(
                            new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(secret, 32)));
                    break;
                }
                case RSA: {
                    BigInteger n = p.mpint();
                    BigInteger e = p.mpint();
                    BigInteger d = p.mpint();
                    BigInteger iqmp = p.mpint();
                    BigInteger bigP = p.mpint();
                    BigInteger q = p.mpint();
                    pub = KeyCodec.rsa(n, e, p);
                    if (bigP.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !bigP.multiply(q).equals(n)) {
                        throw p.malformed("its RSA primes do not multiply to its modulus");
                    }
                    priv = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, bigP, q,
                            d.mod(bigP.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), iqmp));
                    break;
                }
                default: {
                    pub = KeyCodec.readFields(type, p);
                    BigInteger s = p.mpint();
                    var params = KeyCodec.curve(type);
                    if (s.signum() <= 0 || s.compareTo(params.getOrder()) >= 0) {
                        throw p.malformed("its " + type.curveId + " private scalar is out of range");
                    }
                    priv = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, params));
                }
            }
        } catch (GeneralSecurityException e) {
            throw p.malformed("the JDK does not accept its " + type.sshName + " key");
        }
        String comment = p.text();
        for (int i = 1; p.hasRemaining(); i++) {
            if (p.raw(1)[0] != (byte) i) {
                throw p.malformed("its padding is not 1, 2, 3, ...");
            }
        }
        if (length % BLOCK != 0) {
            throw p.malformed("its private section is not a multiple of " + BLOCK + " bytes");
        }
        return new SshPrivateKey(SshPublicKey.of(type, pub, comment), priv, check1);
    }

    /** Fails unless the private key makes signatures its public key accepts. */
    private void checkConsistent() throws SshFormatException {
        byte[] probe = "lockstep private key check".getBytes(StandardCharsets.US_ASCII);
        boolean ok;
        try {
            byte[] blob = sign(probe);
            WireReader r = new WireReader(blob, "the signature");
            String algorithm = r.text();
            ok = SignatureAlgorithms.verify(publicKey.type(), publicKey.toJava(), algorithm, r.string(), probe);
        } catch (IllegalStateException e) {
            ok = false;
        }
        if (!ok) {
            throw new SshFormatException("the private key is malformed: its private and public halves do not belong together");
        }
    }

    /** The SSH signature blob ({@code string algorithm, string signature}) over {@code data}. */
    byte[] sign(byte[] data) {
        return SignatureAlgorithms.sign(publicKey.type(), javaKey, data);
    }

    /** The algorithm name of the key ({@code ssh-ed25519}, ...). */
    public String algorithm() {
        return publicKey.algorithm();
    }

    /** The public key, with this key's comment. */
    public SshPublicKey publicKey() {
        return publicKey;
    }

    /** The comment; empty when there is none. */
    public String comment() {
        return publicKey.comment();
    }

    /**
     * The key in the OpenSSH format as ssh-keygen writes an unencrypted key: base64 in lines of 70
     * characters, the check value this key was read with (a random one for a generated key), padding
     * 1, 2, 3, ... to 8 bytes, and a final newline.
     */
    public String toOpenSsh() {
        KeyType type = publicKey.type();
        WireWriter p = new WireWriter().uint32(checkInt & 0xFFFFFFFFL).uint32(checkInt & 0xFFFFFFFFL).string(type.sshName);
        switch (type) {
            case ED25519: {
                byte[] raw = KeyCodec.ed25519Raw(publicKey.toJava());
                byte[] seed = ((EdECPrivateKey) javaKey).getBytes()
                        .orElseThrow(() -> new IllegalStateException("the JDK does not show the Ed25519 seed"));
                byte[] secret = Arrays.copyOf(seed, 64);
                System.arraycopy(raw, 0, secret, 32, 32);
                p.string(raw).string(secret);
                break;
            }
            case RSA: {
                RSAPrivateCrtKey k = (RSAPrivateCrtKey) javaKey;
                p.mpint(k.getModulus()).mpint(k.getPublicExponent()).mpint(k.getPrivateExponent())
                        .mpint(k.getCrtCoefficient()).mpint(k.getPrimeP()).mpint(k.getPrimeQ());
                break;
            }
            default:
                KeyCodec.writeFields(type, publicKey.toJava(), p);
                p.mpint(((ECPrivateKey) javaKey).getS());
        }
        p.string(publicKey.comment());
        for (int i = 1; p.size() % BLOCK != 0; i++) {
            p.raw(new byte[] {(byte) i});
        }
        byte[] file = new WireWriter().raw(MAGIC).string("none").string("none").string(new byte[0]).uint32(1)
                .string(publicKey.blob()).string(p.toByteArray()).toByteArray();
        return Armor.armor(LABEL, file);
    }

    /** The algorithm and fingerprint, never key material. */
    @Override
    public String toString() {
        return "SshPrivateKey[" + publicKey + "]";
    }
}
