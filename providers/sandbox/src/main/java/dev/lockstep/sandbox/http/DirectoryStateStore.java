package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Persists an emulator's state as one JSON file in a directory (e.g. {@code
 * .lockstep/sandbox/databricks.json}). Each save writes a temporary file in the same directory,
 * fsyncs it, renames it over the old file atomically and fsyncs the directory, so a crash leaves
 * either the old or the new state, never a torn file.
 */
public final class DirectoryStateStore implements StateStore {
    private final Path dir;
    private final Path file;

    /** A store writing {@code dir/name.json}; the directory is created when missing. */
    public DirectoryStateStore(Path dir, String name) {
        this.dir = dir;
        this.file = dir.resolve(name + ".json");
    }

    /** The file holding the state. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<JsonNode> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox state " + file, e);
        }
    }

    @Override
    public synchronized void save(JsonNode state) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            fsyncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox state " + file, e);
        }
    }

    private void fsyncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory for fsync; the rename itself is still atomic.
        }
    }

    @Override
    public boolean durable() {
        return true;
    }
}
