package dev.lockstep.sandbox.http;

import dev.lockstep.sandbox.SandboxFileException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Persists an emulator's state as one JSON file in a directory (e.g. {@code
 * .lockstep/sandbox/databricks.json}). Each save writes a temporary file in the same directory,
 * fsyncs it, renames it over the old file atomically and fsyncs the directory, so a crash leaves
 * either the old or the new state, never a torn file. The directory is created 0700 and the file
 * 0600. A file that cannot be read or parsed, or a directory that cannot be written, is a
 * {@link SandboxFileException} that names the file, the reason and, for bad JSON, the line and column.
 */
public final class DirectoryStateStore implements StateStore {

    static final String SUMMARY = "Unusable sandbox data";

    private final Path dir;
    private final Path file;
    private final String name;

    /** A store writing {@code dir/name.json}; the directory is created when missing. */
    public DirectoryStateStore(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.file = dir.resolve(name + ".json");
    }

    /** The file holding the state. */
    public Path file() {
        return file;
    }

    private String resetHint() {
        return "Fix or delete " + file.getFileName() + " (deleting it starts the " + name + " emulator empty), or "
                + "run `lockstep sandbox reset` to start the whole sandbox afresh.";
    }

    @Override
    public Optional<JsonNode> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SandboxFileException(SUMMARY, file, null, "cannot read it: " + FileProblem.reason(e),
                    resetHint(), e);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new SandboxFileException(SUMMARY, file, e.getLocation(), "not valid JSON: " + e.getOriginalMessage(),
                    resetHint(), e);
        } catch (IOException e) {
            throw new SandboxFileException(SUMMARY, file, null, "cannot read it: " + FileProblem.reason(e),
                    resetHint(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SandboxFileException(SUMMARY, file, null, "it does not hold a JSON object", resetHint());
        }
        return Optional.of(root);
    }

    @Override
    public RuntimeException unusable(RuntimeException e) {
        return new SandboxFileException(SUMMARY, file, null, "its content cannot be loaded by the " + name
                + " emulator (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                resetHint(), e);
    }

    @Override
    public synchronized void save(JsonNode state) {
        try {
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
            SecureFiles.writeAtomically(file, bytes, true);
        } catch (IOException e) {
            throw new SandboxFileException(SUMMARY, file, null, "cannot write it: " + FileProblem.reason(e),
                    "Make " + dir + " writable, or choose another sandbox directory with LOCKSTEP_SANDBOX_DIR.", e);
        }
    }

    @Override
    public boolean durable() {
        return true;
    }
}
