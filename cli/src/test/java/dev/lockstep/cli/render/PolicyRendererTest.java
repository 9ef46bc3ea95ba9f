package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.planner.plan.PolicyResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy section's counts, order, colours and sentences, beyond what the goldens show. */
class PolicyRendererTest {

    private static final List<PolicyResult> ALL = PolicyFindings.PLAN_FINDINGS;

    @Test
    void countsNameOnlyWhatIsThere() {
        assertEquals("2 mandatory failures, 1 advisory, 1 unknown until apply, 1 waived", PolicyRenderer.counts(ALL));
        assertEquals("1 advisory", PolicyRenderer.counts(List.of(ALL.get(0))));
        assertEquals("1 mandatory failure", PolicyRenderer.counts(List.of(ALL.get(2))));
        assertEquals("", PolicyRenderer.counts(List.of()));
    }

    @Test
    void onlyAMandatoryFailureBlocks() {
        assertEquals("This plan is blocked by 1 mandatory policy failure: nothing will be applied.",
                PolicyRenderer.blockingSentence(List.of(ALL.get(2)), PolicyRenderer.Subject.PLAN));
        assertEquals("The live objects have 2 mandatory policy failures.",
                PolicyRenderer.blockingSentence(ALL, PolicyRenderer.Subject.DRIFT));
        // advisory, waived and undecided findings never block
        assertNull(PolicyRenderer.blockingSentence(List.of(ALL.get(0), ALL.get(1), ALL.get(4)),
                PolicyRenderer.Subject.PLAN));
    }

    @Test
    void blockingFailuresComeFirstAndWaivedOnesLast() {
        List<String> order = PolicyRenderer.ordered(ALL).stream().map(PolicyResult::address).toList();
        assertEquals(List.of("kubernetes_ingress_v1.web", "kubernetes_ingress_v1.old", "kubernetes_secret_v1.db",
                "kubernetes_deployment_v1.app", "kubernetes_ingress_v1.legacy"), order);
    }

    @Test
    void anExpiredWaiverSaysSoAndAValidOneSaysUntilWhen() {
        assertEquals("waiver \"old-tls\" expired on 2024-06-30 (owner team-b): until the move",
                PolicyRenderer.waiverText(ALL.get(3)));
        assertEquals("waived by \"legacy-tls\" (owner team-a, until 2027-01-31): migrating to cert-manager",
                PolicyRenderer.waiverText(ALL.get(1)));
        assertNull(PolicyRenderer.waiverText(ALL.get(0)));
    }

    @Test
    void coloursFollowWhatTheFindingDoes() {
        StringWriter sw = new StringWriter();
        new PolicyRenderer(Style.COLOR).text(ALL, PolicyRenderer.Subject.PLAN, new PrintWriter(sw));
        String text = sw.toString();
        assertTrue(text.contains("\u001b[31mx mandatory\u001b[0m  k8s-ingress-tls  kubernetes_ingress_v1.web"), text);
        assertTrue(text.contains("\u001b[33m! advisory\u001b[0m   k8s-secret-literal"), text);
        assertTrue(text.contains("\u001b[2m~ waived\u001b[0m     k8s-ingress-tls  kubernetes_ingress_v1.legacy"), text);
        assertTrue(text.contains("  ? unknown    replicas-min"), text);
        assertTrue(text.contains("\u001b[1;31mThis plan is blocked by 2 mandatory policy failures"), text);
    }

    @Test
    void aMultiLineMessageStaysUnderItsFinding() {
        PolicyResult r = new PolicyResult("p", "p", false, PolicyResult.Status.FAILED, "a.b", "first\nsecond", null,
                null);
        StringWriter sw = new StringWriter();
        new PolicyRenderer(Style.PLAIN).text(List.of(r), PolicyRenderer.Subject.PLAN, new PrintWriter(sw));
        assertEquals("Policy: 1 advisory\n  ! advisory   p  a.b\n      first\n      second\n",
                sw.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aLongMarkdownTableIsCut() {
        List<PolicyResult> many = new java.util.ArrayList<>();
        for (int i = 0; i < PlanMarkdownRenderer.MAX_TABLE_ROWS + 2; i++) {
            many.add(new PolicyResult("p", "p", false, PolicyResult.Status.FAILED, "a.n" + i, "m", null, null));
        }
        StringWriter sw = new StringWriter();
        PolicyRenderer.markdown(many, PolicyRenderer.Subject.PLAN, new PrintWriter(sw));
        String md = sw.toString();
        assertTrue(md.contains("| `a.n99` |"), md);
        assertTrue(!md.contains("`a.n100`") && md.contains("| | and 2 more | | | | |"), md);
    }

    @Test
    void markdownCellsStayOnOneLineWithoutHtml() {
        assertEquals("a \\| b <script> c".replace("<", "&lt;").replace(">", "&gt;"),
                PolicyRenderer.cell("a | b <script>\nc"));
    }
}
