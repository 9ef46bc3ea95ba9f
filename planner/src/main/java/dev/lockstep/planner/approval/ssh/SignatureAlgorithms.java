package dev.lockstep.planner.approval.ssh;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * SSH signature blobs ({@code string algorithm, string signature}) made and checked with the JDK:
 * ssh-ed25519 (RFC 8709), rsa-sha2-256 and rsa-sha2-512 (RFC 8332; plain SHA-1 {@code ssh-rsa} is
 * never made nor accepted), ecdsa-sha2-nistp256/384/521 (RFC 5656: the signature is
 * {@code mpint r, mpint s}, which the JDK takes as fixed-width r||s in its P1363 format).
 */
final class SignatureAlgorithms {

    /** The algorithm OpenSSH's sshsig.c signs RSA keys with, and so does lockstep. */
    static final String RSA_SIGN = "rsa-sha2-512";
    static final String RSA_SHA256 = "rsa-sha2-256";
    /** RSA with SHA-1: OpenSSH refuses it in SSHSIG signatures, so does lockstep. */
    static final String RSA_SHA1 = "ssh-rsa";

    private static final int ED25519_SIGNATURE_BYTES = 64;

    private SignatureAlgorithms() {}

    /** Whether SSHSIG signatures by a key of this type may use the algorithm (as sshsig.c allows). */
    static boolean allowed(KeyType type, String algorithm) {
        if (type == KeyType.RSA) {
            return algorithm.equals(RSA_SIGN) || algorithm.equals(RSA_SHA256);
        }
        return algorithm.equals(type.sshName);
    }

    /** The SSH signature blob over {@code data}, as ssh-keygen makes it for the key type. */
    static byte[] sign(KeyType type, PrivateKey key, byte[] data) {
        try {
            switch (type) {
                case ED25519:
                    return blob(type.sshName, jca("Ed25519", key, data));
                case RSA:
                    return blob(RSA_SIGN, jca("SHA512withRSA", key, data));
                default: {
                    byte[] p1363 = jca(type.ecdsaDigest + "withECDSAinP1363Format", key, data);
                    int n = type.fieldBytes;
                    BigInteger r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, n));
                    BigInteger s = new BigInteger(1, Arrays.copyOfRange(p1363, n, 2 * n));
                    return blob(type.sshName, new WireWriter().mpint(r).mpint(s).toByteArray());
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not sign with a " + type.sshName + " key", e);
        }
    }

    private static byte[] jca(String algorithm, PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static byte[] blob(String algorithm, byte[] signature) {
        return new WireWriter().string(algorithm).string(signature).toByteArray();
    }

    /**
     * Whether {@code signature} (the bytes inside the blob, made with {@code algorithm}, which
     * {@link #allowed} must accept) is a valid signature of {@code data} by {@code key}. Malformed
     * signature bytes are simply not valid.
     */
    static boolean verify(KeyType type, PublicKey key, String algorithm, byte[] signature, byte[] data) {
        try {
            switch (type) {
                case ED25519:
                    return signature.length == ED25519_SIGNATURE_BYTES && jcaVerify("Ed25519", key, data, signature);
                case RSA: {
                    int modulusBytes = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
                    if (signature.length > modulusBytes) {
                        return false;
                    }
                    // OpenSSH accepts (and some signers make) signatures shorter than the modulus
                    byte[] padded = new byte[modulusBytes];
                    System.arraycopy(signature, 0, padded, modulusBytes - signature.length, signature.length);
                    String jca = algorithm.equals(RSA_SHA256) ? "SHA256withRSA" : "SHA512withRSA";
                    return jcaVerify(jca, key, data, padded);
                }
                default:
                    return verifyEcdsa(type, key, signature, data);
            }
        } catch (GeneralSecurityException | ProviderException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean verifyEcdsa(KeyType type, PublicKey key, byte[] signature, byte[] data)
            throws GeneralSecurityException {
        BigInteger r;
        BigInteger s;
        try {
            WireReader in = new WireReader(signature, "the ECDSA signature");
            r = in.mpint();
            s = in.mpint();
            in.expectEnd();
        } catch (SshFormatException e) {
            return false;
        }
        BigInteger order = KeyCodec.curve(type).getOrder();
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return false;
        }
        int n = type.fieldBytes;
        byte[] p1363 = new byte[2 * n];
        KeyCodec.fixed(r, p1363, 0, n);
        KeyCodec.fixed(s, p1363, n, n);
        return jcaVerify(type.ecdsaDigest + "withECDSAinP1363Format", key, data, p1363);
    }

    private static boolean jcaVerify(String algorithm, PublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        Signature v = Signature.getInstance(algorithm);
        v.initVerify(key);
        v.update(data);
        return v.verify(signature);
    }
}
