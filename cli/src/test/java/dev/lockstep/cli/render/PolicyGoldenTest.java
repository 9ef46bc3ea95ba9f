package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PolicyResult;
import dev.lockstep.planner.planfile.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Goldens of the policy findings as every renderer shows them, from hand-built plans and drift
 * reports ({@link PolicyFindings}): the text plan's "Policy" section, the Markdown section, the
 * JSON plan's {@code policy_results}, SARIF, and the drift report's text, Markdown and JSON. The
 * files are {@code src/test/resources/golden/policy/*}; run with
 * {@code -Dlockstep.updateGoldens=true} to rewrite them, then review them by eye.
 */
class PolicyGoldenTest {

    private static final GoldenDir GOLDEN = new GoldenDir(Path.of("src/test/resources/golden/policy"),
            List.of("plan.txt", "plan.md", "plan.json", "plan.sarif.json",
            "no_changes.txt", "no_changes.md", "drift.txt", "drift.md", "drift.json"));

    private static String render(Consumer<PrintWriter> r) {
        return GoldenDir.render(r);
    }

    @Test
    void planText() throws IOException {
        Plan plan = PolicyFindings.plan(PolicyFindings.PLAN_FINDINGS);
        String text = render(out -> new PlanTextRenderer(Style.PLAIN).render(plan, out));
        golden("plan.txt", text);
        assertTrue(text.indexOf("Plan: 1 to add") < text.indexOf("Policy: "), "the section follows the changes");
        assertTrue(text.endsWith("This plan is blocked by 2 mandatory policy failures: nothing will be applied.\n"),
                text);
    }

    @Test
    void planMarkdown() throws IOException {
        String md = render(out -> PlanMarkdownRenderer.render(PolicyFindings.plan(PolicyFindings.PLAN_FINDINGS),
                BodySchemas.NONE, out));
        golden("plan.md", md);
        assertTrue(md.contains("### Policy\n\n**This plan is blocked by 2 mandatory policy failures: nothing will be "
                + "applied.**\n"), md);
        String diffBlock = md.substring(md.indexOf("```diff"));
        assertFalse(diffBlock.contains("k8s-ingress-tls"), "the findings are not repeated in the full plan");
        assertTrue(md.indexOf("### Policy") < md.indexOf("<details>"), md);
    }

    @Test
    void planJsonPolicyResults() throws IOException {
        golden("plan.json", PlanJson.toText(PlanJson.render(PolicyFindings.plan(PolicyFindings.PLAN_FINDINGS))
                .get("policy_results")) + "\n");
    }

    @Test
    void planSarif() throws IOException {
        golden("plan.sarif.json", PlanJson.toText(SarifRenderer.render(PolicyFindings.PLAN_FINDINGS,
                Path.of("infra"), "1.2.3")) + "\n");
    }

    @Test
    void planWithoutChangesStillShowsItsFindings() throws IOException {
        List<PolicyResult> advisoryOnly = List.of(PolicyFindings.PLAN_FINDINGS.get(0));
        String text = render(out -> new PlanTextRenderer(Style.PLAIN).render(PolicyFindings.unchanged(advisoryOnly),
                out));
        golden("no_changes.txt", text);
        assertTrue(text.startsWith("No changes."), text);
        assertFalse(text.contains("blocked"), "an advisory never blocks");
        golden("no_changes.md", render(out -> PlanMarkdownRenderer.render(PolicyFindings.unchanged(advisoryOnly),
                BodySchemas.NONE, out)));
    }

    @Test
    void drift() throws IOException {
        String text = render(out -> DriftRenderer.text(PolicyFindings.drift(), Style.PLAIN, BodySchemas.NONE, out));
        golden("drift.txt", text);
        assertTrue(text.contains("The live objects have 1 mandatory policy failure."), text);
        golden("drift.md", render(out -> DriftRenderer.markdown(PolicyFindings.drift(), out)));
        golden("drift.json", PlanJson.toText(DriftRenderer.json(PolicyFindings.drift())) + "\n");
    }

    /** The golden files are exactly this test's renderings: none is left over from a removed one. */
    @Test
    void everyGoldenBelongsToARendering() throws IOException {
        GOLDEN.assertNoStrays();
    }

    private static void golden(String name, String actual) throws IOException {
        GOLDEN.check(name, actual);
    }
}
