package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A directory of golden files for renderer tests: each rendering is compared with its file, or
 * with {@code -Dlockstep.updateGoldens=true} written to it (review the diff by eye), and the
 * directory holds exactly the files the test names.
 */
record GoldenDir(Path dir, List<String> files) {

    private static final boolean UPDATE = Boolean.getBoolean("lockstep.updateGoldens");

    GoldenDir {
        files = List.copyOf(files);
    }

    /** Compares {@code actual} with the golden file {@code name} (or rewrites it). */
    void check(String name, String actual) throws IOException {
        assertTrue(files.contains(name), name);
        Path f = dir.resolve(name);
        if (UPDATE) {
            Files.createDirectories(dir);
            Files.writeString(f, actual);
            return;
        }
        assertTrue(Files.exists(f), f + " is missing: run with -Dlockstep.updateGoldens=true and review it");
        assertEquals(Files.readString(f), actual, name);
    }

    /** Fails when the directory holds a file no rendering checks (left over from a removed one). */
    void assertNoStrays() throws IOException {
        List<String> present = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> present.add(p.getFileName().toString()));
        }
        assertEquals(files.stream().sorted().toList(), present.stream().sorted().toList());
    }

    /** What a renderer writes to a writer, as a string. */
    static String render(Consumer<PrintWriter> r) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        r.accept(pw);
        pw.flush();
        return sw.toString();
    }
}
