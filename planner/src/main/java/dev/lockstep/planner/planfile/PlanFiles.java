package dev.lockstep.planner.planfile;

import dev.lockstep.state.FileProblem;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.Envelope;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes plan files: written atomically (a temporary file beside it, synced, renamed)
 * with mode 0600 whatever the umask, since a plan names the objects and the state it was made for.
 */
public final class PlanFiles {

    private PlanFiles() {
    }

    /** Writes an encoded plan to {@code path}; an IOException says why it could not. */
    public static void write(Path path, byte[] bytes) throws IOException {
        SecureFiles.writeAtomically(path.toAbsolutePath(), bytes, true);
    }

    /**
     * Writes an encoded plan sealed with {@code encryption} (the {@code plan} policy of the
     * configuration's encryption block; as it is when that policy is {@link Encryption#NONE}).
     */
    public static void write(Path path, byte[] bytes, Encryption encryption) throws IOException {
        byte[] out = bytes;
        if (encryption.encrypts()) {
            try {
                out = encryption.seal(java.util.Map.of("plan_format", PlanFileCodec.FORMAT), bytes);
            } catch (EncryptionException e) {
                throw new IOException("it cannot be encrypted: " + e.getMessage(), e);
            }
        }
        write(path, out);
    }

    /** Reads, opens with {@code encryption} and decodes a plan file. */
    public static SavedPlan read(Path path, Encryption encryption) throws PlanFileException {
        return decode(path, readBytes(path), encryption);
    }

    /** Opens with {@code encryption} and decodes the bytes of the plan file {@code path}. */
    public static SavedPlan decode(Path path, byte[] bytes, Encryption encryption) throws PlanFileException {
        if (encryption.isConfigured() || Envelope.isEncrypted(bytes)) {
            try {
                bytes = encryption.open(bytes, "the plan file " + path).plaintext();
            } catch (EncryptionException e) {
                throw new PlanFileException(PlanFileException.Kind.UNUSABLE, e.getMessage());
            }
        }
        return PlanFileCodec.decode(bytes);
    }

    /** Reads and decodes a plan file. */
    public static SavedPlan read(Path path) throws PlanFileException {
        return read(path, Encryption.NONE);
    }

    /** A plan file's bytes; a PlanFileException (UNREADABLE) says why they cannot be read. */
    public static byte[] readBytes(Path path) throws PlanFileException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path
                        + " is a directory.");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path + " does not exist.");
        } catch (IOException e) {
            throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path
                    + " cannot be read: " + FileProblem.reason(e) + ".");
        }
        return bytes;
    }
}
