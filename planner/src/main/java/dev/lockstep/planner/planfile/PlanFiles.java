package dev.lockstep.planner.planfile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Reads and writes plan files: written atomically (a temporary file beside it, synced, renamed)
 * with mode 0600 whatever the umask, since a plan names the objects and the state it was made for.
 */
public final class PlanFiles {

    private PlanFiles() {
    }

    /** Writes an encoded plan to {@code path}; an IOException's message says why it could not. */
    public static void write(Path path, byte[] bytes) throws IOException {
        Path abs = path.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] attrs = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attrs)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads and decodes a plan file. */
    public static SavedPlan read(Path path) throws PlanFileException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path
                        + " is a directory.");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path
                    + " cannot be read: permission denied.");
        } catch (IOException e) {
            throw new PlanFileException(PlanFileException.Kind.UNREADABLE, "The plan file " + path
                    + " cannot be read: " + e.getMessage() + ".");
        }
        return PlanFileCodec.decode(bytes);
    }
}
