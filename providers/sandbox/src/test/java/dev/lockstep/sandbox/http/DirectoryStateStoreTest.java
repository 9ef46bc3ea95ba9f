package dev.lockstep.sandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesAtomicallyAndLoadsBack() throws Exception {
        DirectoryStateStore store = new DirectoryStateStore(dir.resolve("nested/sandbox"), "vault");
        assertTrue(store.load().isEmpty());
        store.save(Json.object().put("n", 1));
        store.save(Json.object().put("n", 2));
        assertEquals(2, store.load().orElseThrow().get("n").asInt());
        try (var files = Files.list(dir.resolve("nested/sandbox"))) {
            assertEquals(1, files.count(), "only the state file, no leftovers");
        }
        assertEquals(2, new DirectoryStateStore(dir.resolve("nested/sandbox"), "vault").load().orElseThrow().get("n").asInt());
    }

    @Test
    void corruptFileIsReportedNotIgnored() throws Exception {
        Files.writeString(dir.resolve("x.json"), "{broken");
        assertThrows(UncheckedIOException.class, () -> new DirectoryStateStore(dir, "x").load());
    }
}
