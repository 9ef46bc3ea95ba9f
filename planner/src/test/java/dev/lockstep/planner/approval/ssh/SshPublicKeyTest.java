package dev.lockstep.planner.approval.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenSSH public key lines: parsing, writing, fingerprints as ssh-keygen -l prints them, and refusals. */
class SshPublicKeyTest {

    static Stream<String> keys() {
        return Stream.concat(SshFixtures.SIGNED_KEYS.stream(), Stream.of("ed25519-nocomment"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void readsWhatSshKeygenWrote(String key) throws Exception {
        String file = SshFixtures.text(key + ".pub");
        SshPublicKey pub = SshPublicKey.parse(file);
        assertEquals(SshFixtures.algorithm(key), pub.algorithm());
        // ssh-keygen writes "type base64 comment\n" ("type base64 \n" without a comment)
        assertEquals(file.strip(), pub.toLine());
        String[] parts = file.strip().split(" ");
        assertEquals(parts.length == 3 ? parts[2] : "", pub.comment());
        assertEquals(Base64.getDecoder().decode(parts[1]).length, pub.blob().length);
        assertEquals(pub, SshPublicKey.parse(pub.toLine()));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void fingerprintIsWhatSshKeygenPrints(String key) throws Exception {
        // "256 SHA256:... comment (ED25519)"
        String printed = SshFixtures.text(key + ".fingerprint").split(" ")[1];
        assertTrue(printed.startsWith("SHA256:"), printed);
        assertEquals(printed, SshPublicKey.parse(SshFixtures.text(key + ".pub")).fingerprint());
    }

    @Test
    void javaKeysHaveTheirAlgorithms() throws Exception {
        assertEquals("EdDSA", SshPublicKey.parse(SshFixtures.text("ed25519.pub")).toJava().getAlgorithm());
        assertEquals("RSA", SshPublicKey.parse(SshFixtures.text("rsa.pub")).toJava().getAlgorithm());
        assertEquals("EC", SshPublicKey.parse(SshFixtures.text("ecdsa-p384.pub")).toJava().getAlgorithm());
    }

    @Test
    void equalityIsByBlobNotComment() throws Exception {
        SshPublicKey a = SshPublicKey.parse(SshFixtures.text("ed25519.pub"));
        SshPublicKey renamed = a.withComment("someone else");
        assertEquals(a, renamed);
        assertEquals(a.hashCode(), renamed.hashCode());
        assertEquals("someone else", renamed.comment());
        assertNotEquals(a, SshPublicKey.parse(SshFixtures.text("ed25519-b.pub")));
        // as github.com/USER.keys publishes it: no comment
        String bare = a.algorithm() + " " + Base64.getEncoder().encodeToString(a.blob());
        assertEquals(a, SshPublicKey.parse(bare));
        assertEquals("", SshPublicKey.parse(bare).comment());
        assertEquals(bare, SshPublicKey.parse(bare).toLine());
    }

    @Test
    void toleratesWhitespaceAroundAndInside() throws Exception {
        SshPublicKey a = SshPublicKey.parse(SshFixtures.text("ed25519.pub"));
        String b64 = Base64.getEncoder().encodeToString(a.blob());
        SshPublicKey b = SshPublicKey.parse("  \t ssh-ed25519 \t " + b64 + "   alice at  work  \r\n");
        assertEquals(a, b);
        assertEquals("alice at  work", b.comment());
    }

    private static String refusal(String line) {
        return assertThrows(SshFormatException.class, () -> SshPublicKey.parse(line)).getMessage();
    }

    @Test
    void refusesWhatItCannotUseNamingTheType() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(SshPublicKey.parse(SshFixtures.text("ed25519.pub")).blob());
        String m = refusal("no-pty,command=\"echo hi\" ssh-ed25519 " + b64 + " a@b");
        assertTrue(m.contains("starts with authorized_keys options (\"no-pty,command\")"), m);
        m = refusal("command=\"x y\" ssh-ed25519 " + b64);
        assertTrue(m.contains("authorized_keys options (\"command\")"), m);
        m = refusal("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t x");
        assertTrue(m.contains("security-key (FIDO) keys such as \"sk-ssh-ed25519@openssh.com\" are not supported"), m);
        m = refusal("ssh-ed25519-cert-v01@openssh.com AAAA x");
        assertTrue(m.contains("certificates (\"ssh-ed25519-cert-v01@openssh.com\") are not supported"), m);
        m = refusal("ssh-dss AAAAB3NzaC1kc3MAAACBAP1");
        assertTrue(m.contains("DSA keys (ssh-dss) are not supported"), m);
        m = refusal("ssh-ed448 AAAA");
        assertTrue(m.startsWith("unknown SSH key type \"ssh-ed448\"; supported: ssh-ed25519"), m);
        assertEquals("the public key line is empty", refusal("  \n"));
        assertEquals("the ssh-ed25519 public key line has no key data after its type", refusal("ssh-ed25519"));
        assertEquals("the ssh-ed25519 public key line's key data is not valid base64", refusal("ssh-ed25519 AA!A"));
        m = refusal("ssh-rsa " + b64);
        assertEquals("the public key line says ssh-rsa but its key data is a \"ssh-ed25519\" key", m);
        m = refusal("ssh-ed25519 " + b64 + "\nssh-ed25519 " + b64);
        assertEquals("a public key is one line; this text has several", m);
    }

    @Test
    void refusesBlobsThatAreNotKeys() throws Exception {
        SshPublicKey ec = SshPublicKey.parse(SshFixtures.text("ecdsa-p256.pub"));
        byte[] offCurve = ec.blob();
        offCurve[offCurve.length - 1] ^= 1;
        String m = assertThrows(SshFormatException.class, () -> SshPublicKey.fromBlob(offCurve, "")).getMessage();
        assertEquals("the ecdsa-sha2-nistp256 public key is malformed: its point is not on the nistp256 curve", m);

        byte[] trailing = new WireWriter().raw(ec.blob()).raw(new byte[] {0}).toByteArray();
        m = assertThrows(SshFormatException.class, () -> SshPublicKey.fromBlob(trailing, "")).getMessage();
        assertTrue(m.endsWith("it has unexpected data after its last field"), m);

        byte[] truncated = Arrays.copyOf(ec.blob(), ec.blob().length - 1);
        m = assertThrows(SshFormatException.class, () -> SshPublicKey.fromBlob(truncated, "")).getMessage();
        assertTrue(m.contains("is malformed"), m);

        byte[] wrongCurve = new WireWriter().string("ecdsa-sha2-nistp256").string("nistp384").string(new byte[65])
                .toByteArray();
        m = assertThrows(SshFormatException.class, () -> SshPublicKey.fromBlob(wrongCurve, "")).getMessage();
        assertTrue(m.endsWith("its curve \"nistp384\" does not match its type ecdsa-sha2-nistp256"), m);

        byte[] tooSmallRsa = new WireWriter().string("ssh-rsa").mpint(BigInteger.valueOf(65537))
                .mpint(BigInteger.ONE.shiftLeft(1000).add(BigInteger.ONE)).toByteArray();
        m = assertThrows(SshFormatException.class, () -> SshPublicKey.fromBlob(tooSmallRsa, "")).getMessage();
        assertTrue(m.endsWith("its RSA modulus has 1001 bits; OpenSSH and lockstep need at least 1024"), m);

        byte[] shortEd = new WireWriter().string("ssh-ed25519").string(new byte[31]).toByteArray();
        m = assertThrows(SshFormatException.class, () -> SshPublicKey.fromBlob(shortEd, "")).getMessage();
        assertTrue(m.endsWith("an Ed25519 key has 32 bytes, not 31"), m);
    }
}
