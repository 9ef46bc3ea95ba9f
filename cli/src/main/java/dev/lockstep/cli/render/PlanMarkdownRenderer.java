package dev.lockstep.cli.render;

import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Renders a plan as Markdown for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}: a
 * summary line, a table of the changed instances, and the full text plan in a collapsible block.
 */
public final class PlanMarkdownRenderer {

    private PlanMarkdownRenderer() {
    }

    public static void render(Plan plan, PrintWriter out) {
        int[] s = plan.summary();
        out.println("## lockstep plan");
        out.println();
        if (!plan.hasChanges()) {
            out.println("**No changes.** The live systems match the configuration.");
        } else {
            out.println("**" + s[0] + " to add, " + s[1] + " to change, " + s[2] + " to destroy.**");
        }
        if (!plan.drift().isEmpty()) {
            out.println();
            out.println(":warning: " + plan.drift().size() + " object" + (plan.drift().size() == 1 ? " was" : "s were")
                    + " changed outside lockstep since the last apply.");
        }
        boolean any = plan.changes().stream().anyMatch(c -> c.action() != Action.NO_OP);
        if (any) {
            out.println();
            out.println("| action | resource | reason |");
            out.println("|---|---|---|");
            for (ResourceChange c : plan.changes()) {
                if (c.action() == Action.NO_OP) {
                    continue;
                }
                String reason = c.replacePaths().isEmpty() ? (c.reason().json() == null ? "" : c.reason().json())
                        : "forced by " + String.join(", ", c.replacePaths().stream().map(Object::toString).toList());
                out.println("| " + emoji(c.action()) + " " + c.action().word() + " | `" + escape(c.address().toString())
                        + "` | " + escape(reason) + " |");
            }
        }
        out.println();
        out.println("<details><summary>Full plan</summary>");
        out.println();
        out.println("```diff");
        StringWriter sw = new StringWriter();
        new PlanTextRenderer(Style.PLAIN).render(plan, new PrintWriter(sw));
        out.print(sw.toString().replace("```", "` ` `"));
        out.println("```");
        out.println();
        out.println("</details>");
        out.flush();
    }

    private static String emoji(Action a) {
        switch (a) {
            case CREATE:
                return ":heavy_plus_sign:";
            case DELETE:
                return ":x:";
            case UPDATE:
                return ":pencil2:";
            case READ:
                return ":mag:";
            default:
                return ":recycle:";
        }
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
