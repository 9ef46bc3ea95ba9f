package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code lockstep validate --format json} on every case of the malformed-input corpus
 * ({@code src/test/resources/malformed/<case>/}, described in docs/malformed-corpus.md) and checks
 * that the configuration is rejected with exactly located diagnostics: exit code 1, valid JSON,
 * every diagnostic listed in the case's {@code expect} file present at its file, line and column,
 * every diagnostic located (or declared {@code <none>}) and explained, and no exception or
 * "unexpected error" anywhere in the output.
 */
class MalformedCorpusTest {

    /** {@code file:line:column summary} or {@code <none> summary}; column may be {@code *}. */
    private static final Pattern EXPECT = Pattern.compile("(?:([^:\\s]+):(\\d+):(\\d+|\\*)|<none>)\\s+(.+)");

    /** One required diagnostic; file is null for a diagnostic without a source range. */
    private record Expected(String file, int line, int column, String summary) {
        @Override
        public String toString() {
            return file == null ? "<none> " + summary
                    : file + ":" + line + ":" + (column < 0 ? "*" : column) + " " + summary;
        }
    }

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException, URISyntaxException {
        URL root = MalformedCorpusTest.class.getResource("/malformed");
        assertTrue(root != null, "the malformed corpus is not on the test class path");
        List<Path> cases;
        try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 220, "the corpus has only " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
    }

    private void run(Path caseDir) throws IOException {
        List<Expected> expected = expectations(caseDir.resolve("expect"));
        Path dir = Files.createDirectory(tmp.resolve(caseDir.getFileName().toString()));
        List<String> extraArgs = new ArrayList<>();
        try (Stream<Path> files = Files.list(caseDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("expect")) {
                    continue;
                }
                if (name.equals("args")) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            extraArgs.add(line.strip().replace("{dir}", dir.toString()));
                        }
                    }
                    continue;
                }
                Files.copy(f, dir.resolve(name));
            }
        }
        List<String> args = new ArrayList<>(List.of("--no-color", "validate", "--format", "json", "-C",
                dir.toString()));
        args.addAll(extraArgs);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lockstep.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        String all = out + "\n" + err;

        assertFalse(all.contains("unexpected error"), () -> "unexpected error:\n" + all);
        assertFalse(all.contains("Exception") || all.contains("\tat "), () -> "exception in the output:\n" + all);
        assertEquals(1, code, () -> "exit code; output:\n" + all);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertFalse(json.path("valid").asBoolean(true), () -> "not reported invalid:\n" + out);
        JsonNode diags = json.path("diagnostics");
        assertTrue(diags.isArray() && diags.size() > 0, () -> "no diagnostics:\n" + out);

        for (JsonNode d : diags) {
            assertFalse(d.path("summary").asText().isBlank(), () -> "diagnostic without a summary: " + d);
            assertFalse(d.path("detail").asText().isBlank(), () -> "diagnostic without a detail: " + d);
            JsonNode r = d.get("range");
            if (r == null || r.isNull()) {
                boolean declared = expected.stream().anyMatch(e -> e.file() == null
                        && d.path("summary").asText().contains(e.summary()));
                assertTrue(declared, () -> "diagnostic without a source range, not declared <none>: " + d);
                continue;
            }
            assertFalse(r.path("filename").asText().isEmpty(), () -> "diagnostic without a file name: " + d);
            for (String end : List.of("start", "end")) {
                assertTrue(r.path(end).path("line").asInt(0) >= 1 && r.path(end).path("column").asInt(0) >= 1
                        && r.path(end).path("offset").asInt(-1) >= 0, () -> "bad " + end + " position: " + d);
            }
            assertTrue(r.path("end").path("offset").asInt() >= r.path("start").path("offset").asInt(),
                    () -> "range ends before it starts: " + d);
        }

        for (Expected e : expected) {
            boolean found = false;
            for (JsonNode d : diags) {
                if (matches(e, d)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                fail("missing diagnostic " + e + "\nactual:\n" + describe(diags));
            }
        }
    }

    private static boolean matches(Expected e, JsonNode d) {
        if (!"error".equals(d.path("severity").asText()) || !d.path("summary").asText().contains(e.summary())) {
            return false;
        }
        JsonNode r = d.get("range");
        if (e.file() == null) {
            return r == null || r.isNull();
        }
        if (r == null || r.isNull()) {
            return false;
        }
        String file = r.path("filename").asText();
        if (!file.equals(e.file()) && !file.endsWith("/" + e.file())) {
            return false;
        }
        return r.path("start").path("line").asInt() == e.line()
                && (e.column() < 0 || r.path("start").path("column").asInt() == e.column());
    }

    private static String describe(JsonNode diags) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode d : diags) {
            JsonNode r = d.get("range");
            String where = r == null || r.isNull() ? "<none>" : r.path("filename").asText() + ":"
                    + r.path("start").path("line").asInt() + ":" + r.path("start").path("column").asInt();
            sb.append("  ").append(d.path("severity").asText()).append(' ').append(where).append(' ')
                    .append(d.path("summary").asText()).append('\n');
        }
        return sb.toString();
    }

    private static List<Expected> expectations(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("every case needs an expect file", e);
        }
        List<Expected> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = EXPECT.matcher(line.strip());
            if (!m.matches()) {
                fail("bad line in " + file + ": " + line);
            }
            if (m.group(1) == null) {
                out.add(new Expected(null, 0, 0, m.group(4)));
            } else {
                out.add(new Expected(m.group(1), Integer.parseInt(m.group(2)),
                        m.group(3).equals("*") ? -1 : Integer.parseInt(m.group(3)), m.group(4)));
            }
        }
        assertFalse(out.isEmpty(), "no expectation in " + file);
        return out;
    }
}
