package dev.lockstep.state.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Creates lockstep's private files and directories with owner-only permissions on POSIX file
 * systems: directories 0700, files 0600. The mode is passed to the system call that creates the
 * file or directory, so there is no moment at which it is more open (the process umask can only
 * remove bits from it, never add them). Existing files and directories keep their mode.
 *
 * <p>Used for everything lockstep keeps beside a configuration (state, snapshots and their
 * metadata, journal, lock files, audit log, sandbox data) and for the debug log and plan files.
 */
public final class SecureFiles {

    /** Whether the default file system has POSIX permissions. */
    public static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final String FILE_MODE = "rw-------";
    private static final String DIRECTORY_MODE = "rwx------";

    private SecureFiles() {
    }

    /** The attribute that creates a file 0600 (none where the file system has no POSIX modes). */
    public static FileAttribute<?>[] privateFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(FILE_MODE))} : new FileAttribute<?>[0];
    }

    /** The attribute that creates a directory 0700 (none where the file system has no POSIX modes). */
    public static FileAttribute<?>[] privateDirectory() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(DIRECTORY_MODE))} : new FileAttribute<?>[0];
    }

    /**
     * Creates {@code dir} and any missing parents, each created one 0700; existing ones are left as
     * they are. A path that exists but is not a directory is a {@link FileSystemException} whose
     * reason is "not a directory" (not the bare {@link FileAlreadyExistsException} of
     * {@link Files#createDirectories}).
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(p);
        }
        Collections.reverse(missing);
        for (Path p : missing) {
            try {
                Files.createDirectory(p, privateDirectory());
            } catch (FileAlreadyExistsException e) {
                // created meanwhile (by a contender), or a file: checked below
            }
        }
        if (!Files.isDirectory(abs)) {
            throw new FileSystemException(abs.toString(), null, "Not a directory");
        }
        return dir;
    }

    /**
     * Replaces {@code target} with {@code data}: written to a 0600 temp file in the same directory
     * (created 0700 when missing), forced to disk when {@code durable}, renamed over the target
     * atomically, and the directory forced when {@code durable}. A crash leaves either the old or
     * the new file, and at worst a temp file named {@code .<name>.<random>.tmp}.
     */
    public static void writeAtomically(Path target, byte[] data, boolean durable) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", privateFile());
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

    /**
     * Opens {@code file} for appending ({@code O_APPEND}), creating it 0600 (and its directory
     * 0700) when missing.
     */
    public static FileChannel openForAppend(Path file) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), privateFile());
    }

    /** Opens {@code file} with {@code options}; when they create it, it is created 0600. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), privateFile());
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
    public static void forceDirectory(Path dir) throws IOException {
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
}
