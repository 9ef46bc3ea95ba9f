package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.planner.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pieces of the renderers that the plan goldens exercise only through whole plans. */
class RenderHelpersTest {

    private static String edits(List<String> b, List<String> a) {
        StringBuilder sb = new StringBuilder();
        for (PlanTextRenderer.Edit<String> e : PlanTextRenderer.Lcs.edits(b, a, String::equals, s -> s.startsWith("{"))) {
            sb.append(e.before() == null ? "+" + e.after() : e.after() == null ? "-" + e.before()
                    : e.before().equals(e.after()) ? e.before() : "~" + e.before() + ">" + e.after()).append(" ");
        }
        return sb.toString().trim();
    }

    @Test
    void longestCommonSubsequenceRemovesBeforeItAdds() {
        assertEquals("+c a b", edits(List.of("a", "b"), List.of("c", "a", "b")));
        assertEquals("a -b +c", edits(List.of("a", "b"), List.of("a", "c")));
        assertEquals("-a -b -c +x", edits(List.of("a", "b", "c"), List.of("x")));
        assertEquals("1 -2 +3 +4", edits(List.of("1", "2"), List.of("1", "3", "4")));
        assertEquals("", edits(List.of(), List.of()));
        assertEquals("+a", edits(List.of(), List.of("a")));
    }

    @Test
    void removedObjectsFacingAddedObjectsArePaired() {
        assertEquals("a ~{x:1}>{x:2} b", edits(List.of("a", "{x:1}", "b"), List.of("a", "{x:2}", "b")));
        assertEquals("-{x:1} +c", edits(List.of("{x:1}"), List.of("c")));
    }

    @Test
    void markdownDiffLinesMoveTheSymbolToTheFirstColumn() {
        assertEquals("+   resource \"a\" \"b\" {", PlanMarkdownRenderer.diffLine("  + resource \"a\" \"b\" {"));
        assertEquals("!       value = 1 -> 2", PlanMarkdownRenderer.diffLine("      ~ value = 1 -> 2"));
        assertEquals("-           \"x\",", PlanMarkdownRenderer.diffLine("          - \"x\","));
        assertEquals("-/+ resource \"a\" \"b\" {", PlanMarkdownRenderer.diffLine("-/+ resource \"a\" \"b\" {"));
        assertEquals("        id = \"x\"", PlanMarkdownRenderer.diffLine("        id = \"x\""));
        assertEquals("  # (because index [2] is out of range for count)",
                PlanMarkdownRenderer.diffLine("  # (because index [2] is out of range for count)"));
        assertEquals("Plan: 1 to add, 0 to change, 0 to destroy.",
                PlanMarkdownRenderer.diffLine("Plan: 1 to add, 0 to change, 0 to destroy."));
    }

    @Test
    void markdownCodeSpansSurviveBackticksAndPipes() {
        assertEquals("`a.b[\"k\"]`", PlanMarkdownRenderer.code("a.b[\"k\"]"));
        assertEquals("`a.b[\"x\\|y\"]`", PlanMarkdownRenderer.code("a.b[\"x|y\"]"));
        assertEquals("``a.b[\"`\"]``", PlanMarkdownRenderer.code("a.b[\"`\"]"));
        assertEquals("`` `x ``", PlanMarkdownRenderer.code("`x"));
    }

    private static String text(Plan plan, Style style) {
        StringWriter sw = new StringWriter();
        new PlanTextRenderer(style).render(plan, new PrintWriter(sw));
        return sw.toString();
    }

    /** Colour only decorates: without its escape codes the coloured plan is the plain one, for every golden. */
    @Test
    void colourIsOnlyDecoration() throws Exception {
        List<Path> goldens;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/golden/plan"))) {
            goldens = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(goldens.size() >= 10, goldens.toString());
        int coloured = 0;
        for (Path g : goldens) {
            String json = Files.readString(g).replace("<timestamp>", "2026-01-01T00:00:00Z");
            Plan plan = PlanJsonReader.read(new ObjectMapper().readTree(json));
            String colour = text(plan, Style.COLOR);
            assertEquals(text(plan, Style.PLAIN), colour.replaceAll("\u001b\\[[0-9;]*m", ""), g.toString());
            coloured += colour.contains("\u001b[") ? 1 : 0;
        }
        assertEquals(goldens.size(), coloured, "every plan has some colour (No changes. is bold)");
    }
}
