package dev.lockstep.state;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file operation failed, in words a user can act on. The JDK's file exceptions carry the
 * path as their message ({@code NoSuchFileException: /x/state.json}), so printing
 * {@code "cannot read " + file + ": " + e.getMessage()} names the file twice and gives no reason;
 * this is the one place that maps exception types to reasons ("not found", "permission denied",
 * "is a directory"...).
 */
public final class FileProblem {

    private FileProblem() {
    }

    /** The reason of {@code e}, without the path: "not found", "permission denied", "is a directory"... */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null && !fse.getReason().isBlank()) {
                return lowerFirst(fse.getReason());
            }
            return fse.getClass().getSimpleName();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return lowerFirst(m);
    }

    /** {@code "cannot <action> <file>: <reason>"}, such as {@code cannot read /x/seed.json: is a directory}. */
    public static String describe(String action, Path file, IOException e) {
        return "cannot " + action + " " + file + ": " + reason(e);
    }

    private static String lowerFirst(String s) {
        // "Is a directory", "Read-only file system": system messages start upper-case
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
