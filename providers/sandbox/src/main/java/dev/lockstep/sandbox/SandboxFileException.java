package dev.lockstep.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import java.nio.file.Path;

/**
 * A file of the sandbox cannot be used: its seed, an emulator's data file, or its directory. A
 * user error, not a bug: the message says what is wrong (not found, is a directory, permission
 * denied, not valid JSON...), {@link #where} names the file with the line and column when there is
 * one, and {@link #hint} says how to fix it.
 */
public class SandboxFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String summary;
    private final transient Path file;
    private final int line;
    private final int column;
    private final String hint;

    /**
     * @param summary a short title, such as "Unusable sandbox data"
     * @param file the file or directory
     * @param at where in the file, or null
     * @param message what is wrong, without the file name
     * @param hint how to fix it
     */
    public SandboxFileException(String summary, Path file, JsonLocation at, String message, String hint) {
        this(summary, file, at, message, hint, null);
    }

    /** As {@link #SandboxFileException(String, Path, JsonLocation, String, String)}, with its cause. */
    public SandboxFileException(String summary, Path file, JsonLocation at, String message, String hint,
            Throwable cause) {
        super(message, cause);
        this.summary = summary;
        this.file = file;
        this.line = at == null ? 0 : at.getLineNr();
        this.column = at == null ? 0 : at.getColumnNr();
        this.hint = hint;
    }

    /** A short title, such as "Unusable sandbox data". */
    public String summary() {
        return summary;
    }

    /** The file or directory at fault. */
    public Path file() {
        return file;
    }

    /** {@code file:line:column}, as diagnostics name a place; just the file when there is no position. */
    public String where() {
        return file + (line > 0 ? ":" + line + ":" + column : "");
    }

    /** How to fix it. */
    public String hint() {
        return hint;
    }
}
