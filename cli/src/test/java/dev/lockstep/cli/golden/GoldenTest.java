package dev.lockstep.cli.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machinery of the plan golden tests, on a temporary configuration directory: write the
 * configuration, apply it, and plan it as text ({@code --no-color}), JSON and Markdown, each
 * rendering normalised (UUIDs, timestamps, digests and the version replaced by placeholders) and
 * compared with {@code <goldens>/<scenario>.{txt,json,md}}. Every check also verifies that
 * {@code show} of the plan saved with {@code -o} renders exactly what {@code plan} did, and that
 * no rendering, nor the plan file, contains {@code canary} (every secret in these configurations
 * does). With {@code -Dlockstep.updateGoldens=true} the goldens are rewritten instead.
 */
abstract class GoldenTest {

    static final boolean UPDATE = Boolean.getBoolean("lockstep.updateGoldens");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The test provider, its objects in {@code objects.json} beside the configuration. */
    static final String SLOWTEST = """
            provider "slowtest" {
              store = "objects.json"
            }

            """;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @TempDir
    Path dir;

    private final Path goldens;
    private final List<String> scenarios;

    /**
     * @param goldens the directory of this test's golden files
     * @param scenarios the names of this test's scenarios
     */
    GoldenTest(Path goldens, List<String> scenarios) {
        this.goldens = goldens;
        this.scenarios = scenarios;
    }

    /** The golden files are exactly the scenarios' renderings: none is left over from a removed scenario. */
    @Test
    void everyGoldenBelongsToAScenario() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String sc : scenarios) {
            expected.add(sc + ".json");
            expected.add(sc + ".md");
            expected.add(sc + ".txt");
        }
        List<String> files = new ArrayList<>();
        try (var s = Files.list(goldens)) {
            s.forEach(p -> files.add(p.getFileName().toString()));
        }
        assertEquals(expected.stream().sorted().toList(), files.stream().sorted().toList());
    }

    /** Applies {@code before}, then checks the plan of {@code after} (see {@link #check}). */
    void applyThenPlan(String scenario, String before, String after, String... planArgs) throws IOException {
        config(before);
        apply();
        config(after);
        check(scenario, planArgs);
    }

    void config(String hcl) throws IOException {
        Files.createDirectories(dir);
        Cli.clearConfig(dir);
        Files.writeString(dir.resolve("main.hcl"), hcl);
    }

    void apply() {
        Cli.run("apply", "--auto-approve", "--no-color", "-C", dir.toString()).expect(0, "apply");
    }

    /**
     * Plans in the three formats, compares each (normalised) with its golden, and checks that
     * {@code show} of the saved plan renders the same and that no secret leaked anywhere.
     */
    void check(String scenario, String... planArgs) throws IOException {
        String text = plan("text", planArgs);
        String json = plan("json", planArgs);
        String markdown = plan("markdown", planArgs);

        Path saved = dir.resolve("saved.plan");
        List<String> withOut = new ArrayList<>(List.of(planArgs));
        withOut.add("-o");
        withOut.add(saved.toString());
        String savedText = plan("text", withOut.toArray(String[]::new));
        String tail = "\nSaved the plan to: " + saved + "\nTo perform exactly these actions, run: lockstep apply "
                + saved + "\n";
        assertTrue(savedText.endsWith(tail), savedText);
        assertEquals(text, savedText.substring(0, savedText.length() - tail.length()), "plan -o prints the plan");
        assertEquals(text, show(saved, "text"), scenario + ": show FILE renders what plan rendered");
        assertEquals(markdown, show(saved, "markdown"), scenario + ": show FILE --format markdown");
        JsonNode shown = JSON.readTree(show(saved, "json"));
        JsonNode planned = JSON.readTree(json);
        for (String f : List.of("resource_changes", "output_changes", "resource_drift", "policy_results")) {
            assertEquals(planned.get(f), shown.get(f), scenario + ": show FILE --format json, " + f);
        }

        for (String[] r : new String[][] {{"text", text}, {"json", json}, {"markdown", markdown},
            {"plan file", Files.readString(saved)}}) {
            assertFalse(r[1].contains("canary"), scenario + ": a secret in the " + r[0] + " rendering:\n" + r[1]);
        }
        assertFalse(text.contains("\u001b["), "no colour when not a terminal");
        assertMarkdownIsWellFormed(scenario, markdown);

        golden(scenario + ".txt", normalise(text));
        golden(scenario + ".json", normalise(json));
        golden(scenario + ".md", normalise(markdown));
    }

    private String plan(String format, String... args) {
        List<String> a = new ArrayList<>(List.of("plan", "--no-color", "--format", format, "-C", dir.toString()));
        a.addAll(List.of(args));
        return Cli.run(a.toArray(String[]::new)).expect(0, "plan --format " + format);
    }

    private String show(Path file, String format) {
        return Cli.run("show", "--no-color", "--format", format, "-C", dir.toString(), file.toString())
                .expect(0, "show --format " + format);
    }

    /** A collapsible block around one diff code block, closed; a summary line; tables with their header rows. */
    private static void assertMarkdownIsWellFormed(String scenario, String md) {
        assertTrue(md.startsWith("## lockstep plan"), scenario);
        assertEquals(1, count(md, "<details><summary>Full plan</summary>\n\n```diff\n"), scenario);
        assertTrue(md.endsWith("```\n\n</details>\n"), scenario + ":\n" + md);
        assertEquals(2, count(md, "```"), scenario + ": exactly one fenced block");
        String[] lines = md.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("| |")) {
                assertTrue(lines[i + 1].matches("(\\|---)+\\|"), scenario + ": table delimiter row");
                int cells = lines[i].split("\\|", -1).length;
                for (int j = i + 2; j < lines.length && lines[j].startsWith("|"); j++) {
                    assertEquals(cells, lines[j].replace("\\|", "").split("\\|", -1).length, scenario + ": " + lines[j]);
                }
            }
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    static String normalise(String s) {
        String out = UUID.matcher(s).replaceAll("<uuid>");
        out = TIMESTAMP.matcher(out).replaceAll("<timestamp>");
        out = DIGEST.matcher(out).replaceAll("sha256:<digest>");
        return out.replace(dev.lockstep.cli.VersionInfo.version(), "<version>");
    }

    private void golden(String name, String actual) throws IOException {
        Path f = goldens.resolve(name);
        if (UPDATE) {
            Files.createDirectories(goldens);
            Files.writeString(f, actual);
            return;
        }
        assertTrue(Files.exists(f), f + " is missing: run with -Dlockstep.updateGoldens=true and review it");
        assertEquals(Files.readString(f), actual, name);
    }
}
