package dev.lockstep.cli.testprovider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The "remote system" of the test provider: a JSON file of objects by name, updated atomically
 * under an OS file lock, so that a killed process leaves it consistent and duplicates are visible.
 */
final class ObjectStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    ObjectStore(Path file) {
        this.file = file;
    }

    /** Reads every object: name to {"id", "value", "creates"}. */
    synchronized Map<String, ObjectNode> read() {
        try (FileChannel ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l = ch.lock()) {
            return load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies {@code change} to the objects under the lock and writes them back atomically. */
    synchronized Map<String, ObjectNode> update(UnaryOperator<Map<String, ObjectNode>> change) {
        try (FileChannel ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l = ch.lock()) {
            Map<String, ObjectNode> m = change.apply(load());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            try (FileChannel f = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                f.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    private Map<String, ObjectNode> load() throws IOException {
        Map<String, ObjectNode> m = new TreeMap<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).fields().forEachRemaining(e -> m.put(e.getKey(), (ObjectNode) e.getValue()));
        }
        return m;
    }
}
