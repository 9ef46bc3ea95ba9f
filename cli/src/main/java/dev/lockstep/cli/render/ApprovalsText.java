package dev.lockstep.cli.render;

import dev.lockstep.planner.approval.Approval;
import dev.lockstep.planner.approval.Verdict;
import java.io.PrintWriter;

/** Renders a saved plan's approvals for {@code show PLANFILE}: who signed, what does not count, who is missing. */
public final class ApprovalsText {

    private ApprovalsText() {
    }

    public static void render(Verdict v, boolean markdown, Style style, PrintWriter out) {
        out.println();
        String head = "Approvals: " + v.summary().replaceFirst(": .*", "") + (v.satisfied() ? " (enough to apply)"
                : " (not enough to apply)");
        out.println(markdown ? "### " + head : style.bold(head));
        if (markdown) {
            out.println();
        }
        for (Approval a : v.approvals()) {
            String line = a.status() == Approval.Status.VALID ? "+ " + a.who() + " (" + a.file() + ")"
                    : "- " + a.file() + " does not count: " + a.reason()
                            + (a.fingerprint() == null ? "" : " (signed by " + a.who() + ")");
            out.println(markdown ? "- " + line.substring(2) : "  " + (a.status() == Approval.Status.VALID
                    ? style.green(line) : style.yellow(line)));
        }
        if (!v.missing().isEmpty()) {
            String line = "Not signed yet by: " + String.join(", ", v.missing());
            out.println(markdown ? "- " + line : "  " + line);
        }
        out.flush();
    }
}
