package dev.lockstep.planner.approval.ssh;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * SSH public key blobs (RFC 4253 section 6.6, RFC 5656 section 3.1, RFC 8709 section 4) to and from
 * {@code java.security} keys, with the checks OpenSSH makes when it loads a key: RSA moduli of 1024 to
 * 16384 bits, ECDSA points on their curve, Ed25519 keys of 32 bytes.
 */
final class KeyCodec {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows. */
    private static final byte[] ED25519_X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };
    static final int ED25519_KEY_BYTES = 32;

    private KeyCodec() {}

    /** The type and key of a public key blob; the whole blob must be the key. */
    static PublicKey decode(KeyType type, byte[] blob) throws SshFormatException {
        WireReader r = new WireReader(blob, "the " + type.sshName + " public key");
        String name = r.text();
        if (!name.equals(type.sshName)) {
            throw r.malformed("it is a " + Names.quote(name) + " key inside a " + type.sshName + " key");
        }
        PublicKey key = readFields(type, r);
        r.expectEnd();
        return key;
    }

    /**
     * The public fields that follow the type name in a blob (for ssh-ed25519 and ECDSA, also the
     * start of their private key section).
     */
    static PublicKey readFields(KeyType type, WireReader r) throws SshFormatException {
        switch (type) {
            case ED25519:
                return ed25519(r.string(), r);
            case RSA: {
                BigInteger e = r.mpint();
                BigInteger n = r.mpint();
                return rsa(n, e, r);
            }
            default: {
                String curve = r.text();
                if (!curve.equals(type.curveId)) {
                    throw r.malformed("its curve " + Names.quote(curve) + " does not match its type " + type.sshName);
                }
                return ec(type, r.string(), r);
            }
        }
    }

    static PublicKey ed25519(byte[] raw, WireReader r) throws SshFormatException {
        if (raw.length != ED25519_KEY_BYTES) {
            throw r.malformed("an Ed25519 key has 32 bytes, not " + raw.length);
        }
        byte[] der = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, ED25519_X509_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw r.malformed("the JDK does not accept its Ed25519 key");
        }
    }

    static PublicKey rsa(BigInteger n, BigInteger e, WireReader r) throws SshFormatException {
        if (n.bitLength() < 1024) {
            throw r.malformed("its RSA modulus has " + n.bitLength() + " bits; OpenSSH and lockstep need at least 1024");
        }
        if (n.bitLength() > 16384) {
            throw r.malformed("its RSA modulus has more than 16384 bits");
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(n) >= 0) {
            throw r.malformed("its RSA public exponent is not valid");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw r.malformed("the JDK does not accept its RSA key");
        }
    }

    /** An ECDSA public key from its uncompressed point (SEC 1: 0x04, X, Y), which must be on the curve. */
    static PublicKey ec(KeyType type, byte[] point, WireReader r) throws SshFormatException {
        int n = type.fieldBytes;
        if (point.length != 1 + 2 * n || point[0] != 0x04) {
            throw r.malformed("its " + type.curveId + " point is not an uncompressed point of " + (1 + 2 * n) + " bytes");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + n, 1 + 2 * n));
        ECParameterSpec params = curve(type);
        if (!onCurve(params.getCurve(), x, y)) {
            throw r.malformed("its point is not on the " + type.curveId + " curve");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
        } catch (GeneralSecurityException e) {
            throw r.malformed("the JDK does not accept its " + type.curveId + " key");
        }
    }

    private static boolean onCurve(EllipticCurve curve, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return lhs.equals(rhs);
    }

    /** The JDK's parameters of an ECDSA key type's curve. */
    static ECParameterSpec curve(KeyType type) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(type.jcaCurve));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + type.jcaCurve + " curve", e);
        }
    }

    /** The SSH blob of a JDK public key of the given type. */
    static byte[] encode(KeyType type, PublicKey key) {
        WireWriter w = new WireWriter().string(type.sshName);
        writeFields(type, key, w);
        return w.toByteArray();
    }

    /** The fields after the type name, as {@link #readFields} reads them. */
    static void writeFields(KeyType type, PublicKey key, WireWriter w) {
        switch (type) {
            case ED25519:
                w.string(ed25519Raw(key));
                break;
            case RSA: {
                RSAPublicKey rsa = (RSAPublicKey) key;
                w.mpint(rsa.getPublicExponent()).mpint(rsa.getModulus());
                break;
            }
            default:
                w.string(type.curveId).string(ecPoint(type, ((ECPublicKey) key).getW()));
        }
    }

    /** The raw 32 bytes of a JDK Ed25519 public key. */
    static byte[] ed25519Raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != ED25519_X509_PREFIX.length + ED25519_KEY_BYTES
                || !Arrays.equals(der, 0, ED25519_X509_PREFIX.length, ED25519_X509_PREFIX, 0, ED25519_X509_PREFIX.length)) {
            throw new IllegalStateException("unexpected Ed25519 public key encoding from the JDK");
        }
        return Arrays.copyOfRange(der, ED25519_X509_PREFIX.length, der.length);
    }

    /** The uncompressed SEC 1 encoding of a point. */
    static byte[] ecPoint(KeyType type, ECPoint point) {
        int n = type.fieldBytes;
        byte[] out = new byte[1 + 2 * n];
        out[0] = 0x04;
        fixed(point.getAffineX(), out, 1, n);
        fixed(point.getAffineY(), out, 1 + n, n);
        return out;
    }

    /** Writes a non-negative number big-endian into exactly {@code len} bytes at {@code off}. */
    static void fixed(BigInteger value, byte[] out, int off, int len) {
        byte[] b = value.toByteArray();
        int skip = 0;
        while (skip < b.length - 1 && b[skip] == 0) {
            skip++;
        }
        int n = b.length - skip;
        if (n > len) {
            throw new IllegalArgumentException("number does not fit in " + len + " bytes");
        }
        System.arraycopy(b, skip, out, off + len - n, n);
    }
}
