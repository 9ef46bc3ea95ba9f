package dev.lockstep.planner.hcl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formatter against {@code terraform fmt}: every case in {@code src/test/resources/fmt} is
 * formatted and compared with its golden, which {@code scripts/fmt/regen.sh} made with
 * Terraform; the cases listed in {@code known-differences} are compared with lockstep's own
 * {@code .expected} output instead. Formatting is also checked to be idempotent.
 */
class FormatterConformanceTest {

    static Path root() {
        Path p = Path.of("src/test/resources/fmt");
        return (Files.isDirectory(p) ? p : Path.of("planner/src/test/resources/fmt")).toAbsolutePath();
    }

    static List<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(root())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hcl"))
                    .map(n -> n.substring(0, n.length() - ".hcl".length())).sorted().toList();
        }
    }

    /** The known differences: case name to reason. */
    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root().resolve("known-differences"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int colon = line.indexOf(':');
                out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    static String read(String name) throws IOException {
        return Files.readString(root().resolve(name), StandardCharsets.UTF_8);
    }

    static String format(String src, String name) {
        Diagnostics d = new Diagnostics();
        String out = Formatter.format(src, name, d);
        assertFalse(d.hasErrors(), () -> name + ": " + d);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTerraformOrTheDocumentedDifference(String name) throws IOException {
        String out = format(read(name + ".hcl"), name + ".hcl");
        String golden = read(name + ".golden");
        String reason = knownDifferences().get(name);
        if (reason == null) {
            assertEquals(golden, out, name + ": differs from terraform fmt");
        } else {
            assertEquals(read(name + ".expected"), out, name + ": differs from the documented output");
            assertNotEquals(golden, out, name + " is listed as a known difference but matches terraform fmt");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isIdempotent(String name) throws IOException {
        String once = format(read(name + ".hcl"), name + ".hcl");
        assertEquals(once, format(once, name + ".hcl"), name);
    }

    @Test
    void theCorpusIsLargeAndEveryKnownDifferenceIsACase() throws IOException {
        List<String> cases = cases();
        assertTrue(cases.size() >= 60, "only " + cases.size() + " cases");
        for (String k : knownDifferences().keySet()) {
            assertTrue(cases.contains(k), "known difference without a case: " + k);
            assertTrue(Files.exists(root().resolve(k + ".expected")), "no " + k + ".expected");
        }
    }
}
