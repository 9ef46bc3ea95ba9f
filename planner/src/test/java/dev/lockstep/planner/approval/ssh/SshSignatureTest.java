package dev.lockstep.planner.approval.ssh;

import static dev.lockstep.planner.approval.ssh.SshFixtures.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SSHSIG signatures against ssh-keygen's: its signatures verify exactly where they should (key,
 * namespace, message, hash), tampering never verifies, lockstep's Ed25519 and RSA signatures are byte
 * for byte ssh-keygen's, and malformed or unsupported signatures are refused with a clear message.
 */
class SshSignatureTest {

    static Iterable<String> keys() {
        return SshFixtures.SIGNED_KEYS;
    }

    private static SshSignature sig(String name) throws SshFormatException {
        return SshSignature.parse(SshFixtures.text(name));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void sshKeygenSignatureVerifiesOnlyOverItsMessageInItsNamespace(String key) throws Exception {
        SshSignature s = sig(key + ".sig");
        assertEquals(SshPublicKey.parse(SshFixtures.text(key + ".pub")), s.publicKey());
        assertEquals(NAMESPACE, s.namespace());
        assertEquals("sha512", s.hashAlgorithm());
        assertEquals(key.equals("rsa") ? "rsa-sha2-512" : SshFixtures.algorithm(key), s.signatureAlgorithm());
        assertTrue(s.verify(NAMESPACE, SshFixtures.message()));
        assertFalse(s.verify(NAMESPACE, SshFixtures.otherMessage()));
        assertFalse(s.verify("file", SshFixtures.message()));
        assertFalse(s.verify(NAMESPACE, new byte[0]));
        assertEquals(SshFixtures.text(key + ".sig"), s.toArmored());
    }

    @ParameterizedTest
    @MethodSource("keys")
    void sha256SignatureVerifies(String key) throws Exception {
        SshSignature s = sig(key + ".sha256.sig");
        assertEquals("sha256", s.hashAlgorithm());
        assertTrue(s.verify(NAMESPACE, SshFixtures.message()));
        assertFalse(s.verify(NAMESPACE, SshFixtures.otherMessage()));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void signatureInAnotherNamespaceVerifiesOnlyThere(String key) throws Exception {
        SshSignature s = sig(key + ".other-namespace.sig");
        assertEquals("file", s.namespace());
        assertFalse(s.verify(NAMESPACE, SshFixtures.message()));
        assertTrue(s.verify("file", SshFixtures.message()));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void signatureOverAnotherMessageDoesNotVerifyOverThisOne(String key) throws Exception {
        SshSignature s = sig(key + ".other-message.sig");
        assertFalse(s.verify(NAMESPACE, SshFixtures.message()));
        assertTrue(s.verify(NAMESPACE, SshFixtures.otherMessage()));
    }

    private static byte[] decoded(String name) {
        String b64 = SshFixtures.text(name).replace("-----BEGIN SSH SIGNATURE-----", "")
                .replace("-----END SSH SIGNATURE-----", "").replace("\n", "");
        return Base64.getDecoder().decode(b64);
    }

    /**
     * A one-bit change in any byte of the signature (the bit varies with the byte, to keep the test
     * quick) is either refused or does not verify.
     */
    @ParameterizedTest
    @MethodSource("keys")
    void noSingleBitFlipVerifies(String key) {
        byte[] original = decoded(key + ".sig");
        int verified = 0;
        for (int i = 0; i < original.length; i++) {
            byte[] b = original.clone();
            b[i] ^= (byte) (1 << (i % 8));
            try {
                if (SshSignature.parse(Armor.armor(SshSignature.LABEL, b)).verify(NAMESPACE, SshFixtures.message())) {
                    verified++;
                }
            } catch (SshFormatException refused) {
                // refused is fine too
            }
        }
        assertEquals(0, verified);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void flippedSignatureBitParsesButDoesNotVerify(String key) throws Exception {
        byte[] b = decoded(key + ".sig");
        b[b.length - 1] ^= 1;
        SshSignature tampered = SshSignature.parse(Armor.armor(SshSignature.LABEL, b));
        assertEquals(sig(key + ".sig").publicKey(), tampered.publicKey());
        assertFalse(tampered.verify(NAMESPACE, SshFixtures.message()));
    }

    /** A signature by key A, with key B's public key put in its place, does not verify as B's. */
    @Test
    void signatureByOneKeyDoesNotVerifyAsAnother() throws Exception {
        SshPublicKey a = SshPublicKey.parse(SshFixtures.text("ed25519.pub"));
        SshPublicKey b = SshPublicKey.parse(SshFixtures.text("ed25519-b.pub"));
        SshSignature byA = sig("ed25519.sig");
        assertEquals(a, byA.publicKey());
        assertNotEquals(b, byA.publicKey());

        byte[] bytes = decoded("ed25519.sig");
        byte[] aBlob = a.blob();
        int at = indexOf(bytes, aBlob);
        System.arraycopy(b.blob(), 0, bytes, at, aBlob.length);
        SshSignature claimedByB = SshSignature.parse(Armor.armor(SshSignature.LABEL, bytes));
        assertEquals(b, claimedByB.publicKey());
        assertFalse(claimedByB.verify(NAMESPACE, SshFixtures.message()));
        // and B's own signature of the same message is a different one
        assertTrue(sig("ed25519-b.sig").verify(NAMESPACE, SshFixtures.message()));
        assertNotEquals(SshFixtures.text("ed25519.sig"), SshFixtures.text("ed25519-b.sig"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void ed25519SignatureIsByteIdenticalToSshKeygens() throws Exception {
        SshPrivateKey key = SshPrivateKey.parse(SshFixtures.text("ed25519"));
        assertEquals(SshFixtures.text("ed25519.sig"), SshSignature.sign(key, NAMESPACE, SshFixtures.message()));
        assertEquals(SshFixtures.text("ed25519.other-namespace.sig"), SshSignature.sign(key, "file", SshFixtures.message()));
        assertEquals(SshFixtures.text("ed25519.other-message.sig"),
                SshSignature.sign(key, NAMESPACE, SshFixtures.otherMessage()));
    }

    @Test
    void rsaSignatureIsByteIdenticalToSshKeygens() throws Exception {
        // RSA PKCS#1 v1.5 signatures are deterministic too
        SshPrivateKey key = SshPrivateKey.parse(SshFixtures.text("rsa"));
        assertEquals(SshFixtures.text("rsa.sig"), SshSignature.sign(key, NAMESPACE, SshFixtures.message()));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void signsWithEveryKeyType(String key) throws Exception {
        SshPrivateKey k = SshPrivateKey.parse(SshFixtures.text(key));
        String armored = SshSignature.sign(k, NAMESPACE, SshFixtures.message());
        SshSignature s = SshSignature.parse(armored);
        assertEquals(k.publicKey(), s.publicKey());
        assertEquals("sha512", s.hashAlgorithm());
        assertTrue(s.verify(NAMESPACE, SshFixtures.message()));
        assertFalse(s.verify(NAMESPACE, SshFixtures.otherMessage()));
        assertEquals(armored, s.toArmored());
        // the same shape as ssh-keygen's: the same length up to ECDSA's r and s (whose mpints may be a byte shorter)
        int expected = SshFixtures.text(key + ".sig").length();
        assertTrue(Math.abs(expected - armored.length()) <= 4, expected + " vs " + armored.length());
    }

    /** The signed data of PROTOCOL.sshsig section 3, built here independently of the code under test. */
    private static byte[] signedData(String namespace, String hash, byte[] message) throws Exception {
        byte[] h = MessageDigest.getInstance(hash.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
        return new WireWriter().raw("SSHSIG".getBytes()).string(namespace).string(new byte[0]).string(hash).string(h)
                .toByteArray();
    }

    private static String armoredRsa(String sigAlgorithm, String jca) throws Exception {
        SshPrivateKey k = SshPrivateKey.parse(SshFixtures.text("rsa"));
        RSAPrivateCrtKey crt = rsaKey(SshFixtures.text("rsa"));
        Signature s = Signature.getInstance(jca);
        s.initSign(crt);
        s.update(signedData(NAMESPACE, "sha512", SshFixtures.message()));
        byte[] sigBlob = new WireWriter().string(sigAlgorithm).string(s.sign()).toByteArray();
        byte[] blob = new WireWriter().raw("SSHSIG".getBytes()).uint32(1).string(k.publicKey().blob()).string(NAMESPACE)
                .string(new byte[0]).string("sha512").string(sigBlob).toByteArray();
        return Armor.armor(SshSignature.LABEL, blob);
    }

    /** The fixture's RSA key for the JDK, read field by field from the file (n, e, d, iqmp, p, q). */
    private static RSAPrivateCrtKey rsaKey(String file) throws Exception {
        String b64 = file.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        WireReader r = new WireReader(Base64.getDecoder().decode(b64), "test");
        r.raw(15);
        r.string();
        r.string();
        r.string();
        r.uint32();
        r.string();
        WireReader p = new WireReader(r.string(), "test");
        p.uint32();
        p.uint32();
        p.text();
        var n = p.mpint();
        var e = p.mpint();
        var d = p.mpint();
        var iqmp = p.mpint();
        var bigP = p.mpint();
        var q = p.mpint();
        var one = BigInteger.ONE;
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, bigP, q,
                d.mod(bigP.subtract(one)), d.mod(q.subtract(one)), iqmp));
        return (RSAPrivateCrtKey) key;
    }

    @Test
    void rsaSha256SignatureVerifies() throws Exception {
        SshSignature s = SshSignature.parse(armoredRsa("rsa-sha2-256", "SHA256withRSA"));
        assertEquals("rsa-sha2-256", s.signatureAlgorithm());
        assertTrue(s.verify(NAMESPACE, SshFixtures.message()));
        assertFalse(s.verify(NAMESPACE, SshFixtures.otherMessage()));
        // a SHA-256 signature labelled rsa-sha2-512 does not verify
        SshSignature mislabelled = SshSignature.parse(armoredRsa("rsa-sha2-512", "SHA256withRSA"));
        assertFalse(mislabelled.verify(NAMESPACE, SshFixtures.message()));
        // the test's construction is right: labelled correctly, SHA-512 verifies
        assertTrue(SshSignature.parse(armoredRsa("rsa-sha2-512", "SHA512withRSA")).verify(NAMESPACE, SshFixtures.message()));
    }

    /** OpenSSH left-pads an RSA signature shorter than the modulus (some signers drop leading zeros); so does lockstep. */
    @Test
    void rsaSignatureWithoutItsLeadingZeroVerifies() throws Exception {
        SshPrivateKey k = SshPrivateKey.parse(SshFixtures.text("rsa"));
        for (int i = 0; i < 5000; i++) {
            byte[] message = ("plan " + i).getBytes();
            SshSignature s = SshSignature.parse(SshSignature.sign(k, NAMESPACE, message));
            WireReader r = new WireReader(s.signatureBlob(), "test");
            r.text();
            byte[] raw = r.string();
            if (raw[0] != 0) {
                continue;
            }
            byte[] shortened = Arrays.copyOfRange(raw, 1, raw.length);
            byte[] sigBlob = new WireWriter().string("rsa-sha2-512").string(shortened).toByteArray();
            byte[] blob = new WireWriter().raw("SSHSIG".getBytes()).uint32(1).string(k.publicKey().blob())
                    .string(NAMESPACE).string(new byte[0]).string("sha512").string(sigBlob).toByteArray();
            SshSignature shorter = SshSignature.parse(Armor.armor(SshSignature.LABEL, blob));
            assertTrue(shorter.verify(NAMESPACE, message));
            assertFalse(shorter.verify(NAMESPACE, SshFixtures.message()));
            return;
        }
        throw new AssertionError("no signature with a leading zero byte in 5000 messages");
    }

    @Test
    void rsaSha1SignatureIsRefused() throws Exception {
        String armored = armoredRsa("ssh-rsa", "SHA1withRSA");
        String m = assertThrows(SshFormatException.class, () -> SshSignature.parse(armored)).getMessage();
        assertEquals("the signature is an RSA signature with SHA-1 (ssh-rsa), which lockstep refuses; sign again with "
                + "ssh-keygen -Y sign (it uses rsa-sha2-512)", m);
    }

    private static String refusal(byte[] blob) {
        return refusal(Armor.armor(SshSignature.LABEL, blob));
    }

    private static String refusal(String armored) {
        return assertThrows(SshFormatException.class, () -> SshSignature.parse(armored)).getMessage();
    }

    /** An SSHSIG blob around the ed25519 fixture's key and signature, with the given fields. */
    private static byte[] blob(long version, String namespace, byte[] reserved, String hash, byte[] sigBlob)
            throws Exception {
        SshSignature s = sig("ed25519.sig");
        return new WireWriter().raw("SSHSIG".getBytes()).uint32(version).string(s.publicKey().blob()).string(namespace)
                .string(reserved).string(hash).string(sigBlob).toByteArray();
    }

    @Test
    void malformedAndUnsupportedSignaturesAreRefused() throws Exception {
        byte[] sigBlob = sig("ed25519.sig").signatureBlob();
        byte[] none = new byte[0];
        // the construction itself is sound
        assertTrue(SshSignature.parse(Armor.armor(SshSignature.LABEL, blob(1, NAMESPACE, none, "sha512", sigBlob)))
                .verify(NAMESPACE, SshFixtures.message()));

        assertEquals("the signature has SSHSIG version 2; lockstep reads version 1",
                refusal(blob(2, NAMESPACE, none, "sha512", sigBlob)));
        assertEquals("the signature has SSHSIG version 0; lockstep reads version 1",
                refusal(blob(0, NAMESPACE, none, "sha512", sigBlob)));
        assertEquals("the signature uses the hash algorithm \"sha1\"; SSHSIG allows sha256 and sha512",
                refusal(blob(1, NAMESPACE, none, "sha1", sigBlob)));
        assertEquals("the signature's namespace is empty", refusal(blob(1, "", none, "sha512", sigBlob)));
        assertEquals("the signature's reserved field is not empty (an SSHSIG extension lockstep does not know)",
                refusal(blob(1, NAMESPACE, new byte[] {1}, "sha512", sigBlob)));
        byte[] ecdsaAlg = new WireWriter().string("ecdsa-sha2-nistp256").string(new byte[64]).toByteArray();
        assertEquals("the signature's algorithm \"ecdsa-sha2-nistp256\" does not fit its ssh-ed25519 key",
                refusal(blob(1, NAMESPACE, none, "sha512", ecdsaAlg)));
        byte[] trailing = new WireWriter().raw(blob(1, NAMESPACE, none, "sha512", sigBlob)).raw(new byte[] {0}).toByteArray();
        assertEquals("the signature is malformed: it has unexpected data after its last field", refusal(trailing));
        byte[] notSshsig = blob(1, NAMESPACE, none, "sha512", sigBlob);
        notSshsig[0] = 'X';
        assertEquals("the signature is not an SSHSIG signature (it does not start with \"SSHSIG\")", refusal(notSshsig));

        String good = SshFixtures.text("ed25519.sig");
        assertEquals("the signature does not start with -----BEGIN SSH SIGNATURE-----", refusal("hello\n" + good));
        assertEquals("the signature has no -----END SSH SIGNATURE----- line",
                refusal(good.substring(0, good.indexOf("-----END"))));
        assertEquals("the signature has text after its -----END SSH SIGNATURE----- line", refusal(good + "x\n"));
        assertEquals("the signature is not valid base64 between its BEGIN and END lines",
                refusal(good.replaceFirst("\n[A-Za-z]", "\n!")));
        assertTrue(refusal(SshFixtures.text("ed25519")).startsWith("the signature does not start with"));
    }

    @Test
    void toleratesCrlfAndSurroundingWhitespace() throws Exception {
        String good = SshFixtures.text("ecdsa-p384.sig");
        SshSignature s = SshSignature.parse("\n  " + good.replace("\n", "\r\n") + "\r\n\n");
        assertTrue(s.verify(NAMESPACE, SshFixtures.message()));
    }
}
