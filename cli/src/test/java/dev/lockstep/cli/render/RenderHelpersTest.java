package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.planfile.PlanJsonReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pieces of the renderers that the plan goldens exercise only through whole plans. */
class RenderHelpersTest {

    private static String edits(List<String> b, List<String> a) {
        StringBuilder sb = new StringBuilder();
        for (Lcs.Edit<String> e : Lcs.edits(b, a, String::equals, s -> s.startsWith("{"))) {
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

    private static Plan plan(List<ResourceChange> changes) {
        return new Plan(PlanMode.NORMAL, changes, List.of(), List.of(), "lineage", 1, "digest", Map.of(), List.of(),
                Instant.EPOCH);
    }

    /** A data source read during apply: Terraform's symbol column, heading and reason. */
    @Test
    void dataSourceReadDuringApply() {
        ResourceChange read = new ResourceChange(ResourceAddress.data("vault_kv_secret", "db"), "vault", Action.READ,
                ActionReason.READ_BECAUSE_CONFIG_UNKNOWN, null, Value.object(Map.of("path",
                        Value.unknown(dev.lockstep.api.value.Type.STRING), "data",
                        Value.nullOf(dev.lockstep.api.value.Type.STRING).markSensitive())), List.of(), List.of(),
                Map.of(), List.of(), List.of());
        assertEquals("""
                lockstep used the selected providers to generate the following execution plan.
                Resource actions are indicated with the following symbols:
                 <= read (data resources)

                lockstep will perform the following actions:

                  # data.vault_kv_secret.db will be read during apply
                  # (config refers to values not yet known)
                 <= data "vault_kv_secret" "db" {
                      + data = (sensitive value)
                      + path = (known after apply)
                    }

                Plan: 0 to add, 0 to change, 0 to destroy.
                """, text(plan(List.of(read)), Style.PLAIN));
    }

    /** A plan too long for a pull-request comment is cut, with a note, and the block still closes. */
    @Test
    void markdownOfAHugePlanFitsInAComment() {
        List<ResourceChange> changes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            changes.add(new ResourceChange(ResourceAddress.managed("terraform_data", "n").withKey(InstanceKey.of(i)),
                    "terraform", Action.CREATE, ActionReason.NONE, null, Value.object(Map.of("input",
                            Value.string("value-" + i))), List.of(), List.of(), Map.of(), List.of(), List.of()));
        }
        StringWriter sw = new StringWriter();
        PlanMarkdownRenderer.render(plan(changes), BodySchemas.NONE, new PrintWriter(sw));
        String md = sw.toString();
        assertTrue(md.length() < 65_536, "length " + md.length());
        assertTrue(md.contains("| | and 1900 more | | |"), "the table is cut too");
        String block = md.substring(md.indexOf("```diff"), md.lastIndexOf("```"));
        assertTrue(block.length() <= PlanMarkdownRenderer.MAX_DIFF_CHARS + 200, "diff block: " + block.length());
        assertTrue(block.contains("more lines: the plan is too long for one comment"), block);
        assertTrue(md.endsWith("```\n\n</details>\n"), md.substring(md.length() - 100));
    }
}
