package dev.lockstep.planner.ops;

import dev.lockstep.planner.approval.ssh.SshPrivateKey;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code lockstep keygen}: a new Ed25519 key pair in OpenSSH format, for approving plans. */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** A key pair written: the private key file (mode 0600), the public key file, and the fingerprint. */
    public record Written(Path privateKey, Path publicKey, String publicLine, String fingerprint) {
    }

    /** Writes FILE and FILE.pub; refuses to replace either. */
    public static Outcome<Written> generate(Path file, String comment) {
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        for (Path p : new Path[] {file, pub}) {
            if (Files.exists(p)) {
                return Outcome.failed("Key file exists", p + " already exists; lockstep keygen never replaces a key. "
                        + "Choose another file with -f, or remove the old key first.");
            }
        }
        SshPrivateKey key = SshPrivateKey.generateEd25519(comment);
        String line = key.publicKey().toLine() + "\n";
        try {
            SecureFiles.writeAtomically(file.toAbsolutePath(), key.toOpenSsh().getBytes(StandardCharsets.UTF_8), true);
            Files.writeString(pub, line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Outcome.failed("Failed to write the key", "The key pair could not be written to " + file + ": "
                    + FileProblem.reason(e) + ".");
        }
        return Outcome.succeeded(new Written(file, pub, line.strip(), key.publicKey().fingerprint()));
    }
}
