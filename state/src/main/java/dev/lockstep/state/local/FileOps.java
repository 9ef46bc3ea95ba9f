package dev.lockstep.state.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;

/**
 * Durable file operations of the local backend: whole-file replacement by temp file, fsync and
 * atomic rename (never a truncate-and-rewrite in place, so a crash leaves either the old or the new
 * file), fsync of the directory so that a rename or delete survives a power loss. Files are created
 * 0600 and directories 0700 ({@link SecureFiles}).
 */
final class FileOps {

    static final boolean POSIX = SecureFiles.POSIX;

    private FileOps() {
    }

    /** Owner-only permissions where the file system has them (state holds the secret-hash key). */
    static FileAttribute<?>[] privateFile() {
        return SecureFiles.privateFile();
    }

    /** See {@link SecureFiles#writeAtomically}. */
    static void replace(Path target, byte[] data, boolean durable) throws IOException {
        SecureFiles.writeAtomically(target, data, durable);
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        SecureFiles.writeFully(ch, buf);
    }

    static void forceDirectory(Path dir) throws IOException {
        SecureFiles.forceDirectory(dir);
    }

    /** Deletes {@code file} if present and forces the directory; returns whether it existed. */
    static boolean deleteDurably(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            forceDirectory(file.toAbsolutePath().getParent());
        }
        return existed;
    }
}
