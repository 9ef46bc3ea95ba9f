package dev.lockstep.planner.approval.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files in {@code src/test/resources/ssh}, which {@code scripts/ssh/regen.sh} made with the real
 * ssh-keygen (see its header for what each one is); the tests never run ssh-keygen themselves.
 */
final class SshFixtures {

    /** The key pairs with ssh-keygen signatures over message.txt. */
    static final List<String> SIGNED_KEYS = List.of("ed25519", "ed25519-b", "rsa", "ecdsa-p256", "ecdsa-p384", "ecdsa-p521");
    /** Every unencrypted OpenSSH-format private key. */
    static final List<String> PRIVATE_KEYS = List.of("ed25519", "ed25519-b", "ed25519-nocomment", "rsa", "ecdsa-p256",
            "ecdsa-p384", "ecdsa-p521");
    static final String NAMESPACE = "lockstep-plan";

    private SshFixtures() {}

    static Path root() {
        Path p = Path.of("src/test/resources/ssh");
        return (Files.isDirectory(p) ? p : Path.of("planner/src/test/resources/ssh")).toAbsolutePath();
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(root().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] message() {
        return bytes("message.txt");
    }

    static byte[] otherMessage() {
        return bytes("other-message.txt");
    }

    /** The SSH algorithm name of a fixture key. */
    static String algorithm(String key) {
        if (key.startsWith("ed25519")) {
            return "ssh-ed25519";
        }
        if (key.equals("rsa")) {
            return "ssh-rsa";
        }
        return "ecdsa-sha2-nist" + key.substring("ecdsa-".length());
    }
}
