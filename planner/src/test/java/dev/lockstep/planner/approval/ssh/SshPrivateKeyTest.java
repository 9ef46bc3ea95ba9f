package dev.lockstep.planner.approval.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenSSH private key files: reading and writing them exactly as ssh-keygen does, generation, and refusals. */
class SshPrivateKeyTest {

    static Iterable<String> keys() {
        return SshFixtures.PRIVATE_KEYS;
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsSshKeygenFilesByteForByte(String key) throws Exception {
        String file = SshFixtures.text(key);
        SshPrivateKey k = SshPrivateKey.parse(file);
        assertEquals(file, k.toOpenSsh());
        assertEquals(SshFixtures.algorithm(key), k.algorithm());
    }

    @ParameterizedTest
    @MethodSource("keys")
    void publicKeyAndCommentAreThoseOfThePubFile(String key) throws Exception {
        SshPrivateKey k = SshPrivateKey.parse(SshFixtures.text(key));
        SshPublicKey pub = SshPublicKey.parse(SshFixtures.text(key + ".pub"));
        assertEquals(pub, k.publicKey());
        assertEquals(pub.comment(), k.comment());
        assertEquals(pub.toLine(), k.publicKey().toLine());
    }

    @Test
    void generatedKeyWritesReadsSignsAndVerifies() throws Exception {
        SshPrivateKey k = SshPrivateKey.generateEd25519("ci@lockstep.test");
        assertEquals("ssh-ed25519", k.algorithm());
        assertEquals("ci@lockstep.test", k.comment());
        String file = k.toOpenSsh();
        assertTrue(file.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), file);
        assertTrue(file.endsWith("\n-----END OPENSSH PRIVATE KEY-----\n"), file);
        String[] lines = file.split("\n");
        for (int i = 1; i < lines.length - 2; i++) {
            assertEquals(70, lines[i].length(), "line " + i);
        }
        assertTrue(lines[lines.length - 2].length() <= 70);
        SshPrivateKey again = SshPrivateKey.parse(file);
        assertEquals(k.publicKey(), again.publicKey());
        assertEquals(file, again.toOpenSsh());

        byte[] plan = "plan bytes\n".getBytes();
        SshSignature sig = SshSignature.parse(SshSignature.sign(again, SshFixtures.NAMESPACE, plan));
        assertEquals(k.publicKey(), sig.publicKey());
        assertTrue(sig.verify(SshFixtures.NAMESPACE, plan));
        assertFalse(sig.verify(SshFixtures.NAMESPACE, "other".getBytes()));
        // Ed25519 is deterministic: the key that was read signs exactly as the generated one
        assertEquals(SshSignature.sign(k, SshFixtures.NAMESPACE, plan), SshSignature.sign(again, SshFixtures.NAMESPACE, plan));

        assertNotEquals(k.publicKey(), SshPrivateKey.generateEd25519("ci@lockstep.test").publicKey());
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        SshPrivateKey k = SshPrivateKey.parse(SshFixtures.text("ed25519"));
        String s = k.toString();
        assertEquals("SshPrivateKey[ssh-ed25519 " + k.publicKey().fingerprint() + " alice@lockstep.test]", s);
    }

    private static String refusal(String text) {
        return assertThrows(SshFormatException.class, () -> SshPrivateKey.parse(text)).getMessage();
    }

    @Test
    void passphraseProtectedKeyPointsAtSshKeygen() {
        String m = refusal(SshFixtures.text("ed25519-encrypted"));
        assertEquals("the private key is passphrase-protected (\"aes256-ctr\"), which lockstep cannot read; sign with "
                + "`ssh-keygen -Y sign -n lockstep-plan -f KEY PLANFILE` instead (it asks for the passphrase or uses "
                + "ssh-agent)", m);
    }

    @Test
    void oldPemFormatsAreNamed() {
        String m = refusal(SshFixtures.text("rsa-pem"));
        assertEquals("the private key is in the old PEM format (\"BEGIN RSA PRIVATE KEY\"), which lockstep does not "
                + "read; rewrite it in the OpenSSH format with `ssh-keygen -p -f KEY` or sign with "
                + "`ssh-keygen -Y sign -n lockstep-plan -f KEY PLANFILE` instead", m);
        m = refusal(SshFixtures.text("ecdsa-pkcs8"));
        assertTrue(m.startsWith("the private key is in the old PEM format (\"BEGIN PRIVATE KEY\")"), m);
        m = refusal("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertTrue(m.startsWith("the private key is in the old PEM format (\"BEGIN EC PRIVATE KEY\")"), m);
    }

    @Test
    void otherTextIsNamed() {
        assertEquals("this is a public key; give the private key file (the one without .pub)",
                refusal(SshFixtures.text("ed25519.pub")));
        assertTrue(refusal("PuTTY-User-Key-File-3: ssh-ed25519\n").startsWith("the private key is a PuTTY key"));
        assertEquals("the private key does not start with -----BEGIN OPENSSH PRIVATE KEY-----", refusal("hello"));
        assertEquals("the private key is a \"BEGIN CERTIFICATE\" block, not an OpenSSH private key "
                + "(-----BEGIN OPENSSH PRIVATE KEY-----)", refusal("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----"));
        String file = SshFixtures.text("ed25519");
        assertEquals("the private key has no -----END OPENSSH PRIVATE KEY----- line",
                refusal(file.substring(0, file.indexOf("-----END"))));
    }

    /** The decoded file with {@code edit} applied, armored again. */
    private static String edited(String key, Consumer<byte[]> edit) {
        byte[] bytes = decode(SshFixtures.text(key));
        edit.accept(bytes);
        return Armor.armor(SshPrivateKey.LABEL, bytes);
    }

    private static byte[] decode(String file) {
        String b64 = file.replace("-----BEGIN OPENSSH PRIVATE KEY-----", "")
                .replace("-----END OPENSSH PRIVATE KEY-----", "").replace("\n", "");
        return Base64.getDecoder().decode(b64);
    }

    /** Where the private section starts in a decoded ssh-keygen ed25519 file: after the 51-byte public blob. */
    private static final int ED25519_SECTION = 15 + 8 + 8 + 4 + 4 + 4 + 51 + 4;

    @Test
    void damagedFilesAreRefused() throws Exception {
        // the fixture's layout: the public blob's length (51) ends at byte 42
        assertEquals(51, decode(SshFixtures.text("ed25519"))[42]);

        // differing check values
        String m = refusal(edited("ed25519", b -> b[ED25519_SECTION] ^= 1));
        assertEquals("the private key is malformed: its check values differ (the file is damaged)", m);
        // the last padding byte
        m = refusal(edited("ed25519", b -> b[b.length - 1] ^= 0x40));
        assertEquals("the private key is malformed: its padding is not 1, 2, 3, ...", m);
        // a bit of the public key in the outer blob only
        m = refusal(edited("ed25519", b -> b[ED25519_SECTION - 5] ^= 1));
        assertEquals("the private key is malformed: its public key does not match its private key", m);
        // a bit of the seed: the halves no longer belong together
        int seed = ED25519_SECTION + 8 + 4 + 11 + 4 + 32 + 4;
        m = refusal(edited("ed25519", b -> b[seed] ^= 1));
        assertEquals("the private key is malformed: its private and public halves do not belong together", m);
        // two keys in one file
        m = refusal(edited("ed25519", b -> b[15 + 8 + 8 + 4 + 3] = 2));
        assertEquals("the private key file holds 2 keys; lockstep reads files with one key", m);
        // not openssh-key-v1
        m = refusal(edited("ed25519", b -> b[13] = '2'));
        assertEquals("the private key is malformed: it does not hold an openssh-key-v1 key", m);
    }

    @Test
    void ecdsaScalarThatIsNotTheKeysIsRefused() {
        byte[] b = decode(SshFixtures.text("ecdsa-p256"));
        String latin1 = new String(b, StandardCharsets.ISO_8859_1);
        // the section ends: mpint scalar, string comment, padding; the scalar's last byte precedes the comment length
        int scalarLast = latin1.lastIndexOf("dave@lockstep.test") - 4 - 1;
        b[scalarLast] ^= 1;
        String m = refusal(Armor.armor(SshPrivateKey.LABEL, b));
        assertEquals("the private key is malformed: its private and public halves do not belong together", m);
    }
}
