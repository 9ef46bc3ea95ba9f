package dev.lockstep.state.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Durable file operations: whole-file replacement by temp file, fsync and atomic rename (never a
 * truncate-and-rewrite in place, so a crash leaves either the old or the new file), and fsync of
 * the directory so that the rename itself survives a power loss.
 */
final class FileOps {

    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private FileOps() {
    }

    /** Owner-only permissions where the file system has them (state holds the secret-hash key). */
    static FileAttribute<?>[] privateFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /**
     * Replaces {@code target} with {@code data}: written to a temp file in the same directory,
     * forced to disk when {@code durable}, renamed over the target atomically, and the directory
     * forced when {@code durable}.
     */
    static void replace(Path target, byte[] data, boolean durable) throws IOException {
        replace(target, data, durable, true);
    }

    /** As {@link #replace(Path, byte[], boolean)}; a non-private file is readable by everyone (lock info). */
    static void replace(Path target, byte[] data, boolean durable, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", privateFile());
        if (!ownerOnly && POSIX) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(data));
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (durable) {
            forceDirectory(dir);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Forces a directory's entries to disk. Some platforms (Windows) cannot open a directory;
     * there the rename is as durable as the file system makes it.
     */
    static void forceDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        } catch (IOException e) {
            if (POSIX) {
                throw e;
            }
        }
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
