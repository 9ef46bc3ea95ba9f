package dev.lockstep.cli.render;

import dev.lockstep.planner.plan.PolicyResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The "Policy" section of a plan or a drift report, as text and as Markdown: a count of the
 * findings, one entry per finding (blocking failures first, then advisories, undecided and waived
 * ones), each with its policy, object, message, waiver and place in the configuration, and, when a
 * mandatory policy failed, the sentence that says the plan is blocked. Plain ASCII, like the rest
 * of the text plan: {@code x} a blocking failure, {@code !} an advisory one, {@code ?} undecided
 * until apply, {@code ~} waived.
 */
public final class PolicyRenderer {

    /** What the findings are about, which decides the blocking sentence. */
    public enum Subject {
        /** A plan's planned values: a mandatory failure blocks saving and applying it. */
        PLAN,
        /** A drift report's live objects. */
        DRIFT
    }

    private static final int STATUS_WIDTH = "mandatory".length();

    private final Style style;

    public PolicyRenderer(Style style) {
        this.style = style;
    }

    /** The counts, such as {@code 1 mandatory failure, 2 advisories, 1 waived}; empty for no findings. */
    public static String counts(List<PolicyResult> results) {
        int mandatory = 0;
        int advisory = 0;
        int unknown = 0;
        int waived = 0;
        for (PolicyResult r : results) {
            switch (rank(r)) {
                case 0 -> mandatory++;
                case 1 -> advisory++;
                case 2 -> unknown++;
                default -> waived++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (mandatory > 0) {
            parts.add(mandatory + " mandatory " + (mandatory == 1 ? "failure" : "failures"));
        }
        if (advisory > 0) {
            parts.add(advisory + " " + (advisory == 1 ? "advisory" : "advisories"));
        }
        if (unknown > 0) {
            parts.add(unknown + " unknown until apply");
        }
        if (waived > 0) {
            parts.add(waived + " waived");
        }
        return String.join(", ", parts);
    }

    /** The sentence saying that mandatory failures block, or null when none does. */
    public static String blockingSentence(List<PolicyResult> results, Subject subject) {
        long n = results.stream().filter(PolicyResult::blocks).count();
        if (n == 0) {
            return null;
        }
        String failures = n + " mandatory policy " + (n == 1 ? "failure" : "failures");
        return subject == Subject.PLAN ? "This plan is blocked by " + failures + ": nothing will be applied."
                : "The live objects have " + failures + ".";
    }

    /** The findings in the order they are shown: blocking, advisory, undecided, waived; otherwise as given. */
    static List<PolicyResult> ordered(List<PolicyResult> results) {
        List<PolicyResult> out = new ArrayList<>(results);
        out.sort(Comparator.comparingInt(PolicyRenderer::rank));
        return out;
    }

    /** 0 a blocking failure, 1 an advisory failure, 2 undecided, 3 waived. */
    private static int rank(PolicyResult r) {
        switch (r.status()) {
            case FAILED:
                return r.mandatory() ? 0 : 1;
            case UNKNOWN:
                return 2;
            default:
                return 3;
        }
    }

    /**
     * The text section (the caller separates it from what precedes it); nothing when there are no
     * findings. The message, waiver and place lines are indented under each finding's heading line.
     */
    public void text(List<PolicyResult> results, Subject subject, PrintWriter out) {
        if (results.isEmpty()) {
            return;
        }
        out.println(style.bold("Policy:") + " " + counts(results));
        for (PolicyResult r : ordered(results)) {
            String word = r.status() == PolicyResult.Status.FAILED ? r.enforcement() : r.status().word();
            out.println("  " + colour(r, symbol(r) + " " + word) + " ".repeat(STATUS_WIDTH - word.length()) + "  "
                    + r.policy() + "  " + r.address());
            for (String line : r.message().split("\\R", -1)) {
                out.println("      " + line);
            }
            String waiver = waiverText(r);
            if (waiver != null) {
                out.println("      " + waiver);
            }
            String at = place(r);
            if (at != null) {
                out.println("      at " + at);
            }
        }
        String blocked = blockingSentence(results, subject);
        if (blocked != null) {
            out.println();
            out.println(style.boldRed(blocked));
        }
    }

    /**
     * The Markdown section: a {@code ### Policy} heading, the blocking sentence in bold, the counts
     * and a table of the findings (cut after {@link PlanMarkdownRenderer#MAX_TABLE_ROWS} rows);
     * preceded by an empty line, nothing when there are no findings.
     */
    public static void markdown(List<PolicyResult> results, Subject subject, PrintWriter out) {
        if (results.isEmpty()) {
            return;
        }
        out.println();
        out.println("### Policy");
        out.println();
        String blocked = blockingSentence(results, subject);
        if (blocked != null) {
            out.println("**" + blocked + "**");
            out.println();
        }
        out.println(counts(results) + ".");
        out.println();
        out.println("| | Enforcement | Status | Policy | Object | Message |");
        out.println("|---|---|---|---|---|---|");
        List<PolicyResult> rows = ordered(results);
        int max = PlanMarkdownRenderer.MAX_TABLE_ROWS;
        for (PolicyResult r : rows.subList(0, Math.min(rows.size(), max))) {
            String waiver = waiverText(r);
            out.println("| " + emoji(r) + " | " + r.enforcement() + " | " + r.status().word() + " | "
                    + PlanMarkdownRenderer.code(r.policy()) + " | " + PlanMarkdownRenderer.code(r.address()) + " | "
                    + cell(r.message()) + (waiver == null ? "" : " (" + cell(waiver) + ")") + " |");
        }
        if (rows.size() > max) {
            out.println("| | and " + (rows.size() - max) + " more | | | | |");
        }
    }

    /** What the waiver covering a finding says, or null when there is none. */
    static String waiverText(PolicyResult r) {
        PolicyResult.Waiver w = r.waiver();
        if (w == null) {
            return null;
        }
        if (w.expired()) {
            return "waiver \"" + w.name() + "\" expired on " + w.expires() + " (owner " + w.owner() + "): " + w.reason();
        }
        return "waived by \"" + w.name() + "\" (owner " + w.owner() + ", until " + w.expires() + "): " + w.reason();
    }

    /** {@code file:line,column} of the finding's resource block, or null when it has none. */
    static String place(PolicyResult r) {
        if (r.range() == null || r.range().file().isEmpty()) {
            return null;
        }
        return r.range().file() + ":" + r.range().start().line() + "," + r.range().start().column();
    }

    private static String symbol(PolicyResult r) {
        switch (rank(r)) {
            case 0:
                return "x";
            case 1:
                return "!";
            case 2:
                return "?";
            default:
                return "~";
        }
    }

    private String colour(PolicyResult r, String s) {
        switch (rank(r)) {
            case 0:
                return style.red(s);
            case 1:
                return style.yellow(s);
            case 2:
                return s;
            default:
                return style.dim(s);
        }
    }

    private static String emoji(PolicyResult r) {
        switch (rank(r)) {
            case 0:
                return ":no_entry:";
            case 1:
                return ":warning:";
            case 2:
                return ":grey_question:";
            default:
                return ":ballot_box_with_check:";
        }
    }

    /** Text safe in a Markdown table cell: on one line, pipes escaped, no HTML. */
    static String cell(String s) {
        return s.replaceAll("\\R", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
