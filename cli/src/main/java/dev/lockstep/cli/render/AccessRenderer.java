package dev.lockstep.cli.render;

import dev.lockstep.planner.plan.AccessChange;
import dev.lockstep.planner.plan.AccessChanges;
import java.io.PrintWriter;
import java.util.List;

/**
 * The "Access changes" section of a plan, as text and as Markdown (docs/access.md): one line per
 * principal, object and way that gains or loses actions, with the resources that cause it, such as
 * {@code + group data-eng gains CAN_RESTART on cluster shared (databricks_permissions.shared)}, and
 * a note when some access is known only after apply. Nothing when access does not change.
 */
public final class AccessRenderer {

    /** The note for grants that need values known only after apply. */
    public static final String UNDECIDED = "(some access is known only after apply)";

    private final Style style;

    public AccessRenderer(Style style) {
        this.style = style;
    }

    /** The text section (the caller separates it from what precedes it); nothing when there is nothing to show. */
    public void text(AccessChanges access, PrintWriter out) {
        if (access.isEmpty()) {
            return;
        }
        out.println(style.bold("Access changes:"));
        for (AccessChange c : access.changes()) {
            String line = c.line();
            out.println("  " + (c.direction() == AccessChange.Direction.GAINED ? style.green(line) : style.red(line)));
        }
        if (access.undecided() > 0) {
            out.println("  " + UNDECIDED);
        }
    }

    /**
     * The Markdown section: an {@code ### Access changes} heading and the lines in a {@code diff}
     * block (cut after {@link PlanMarkdownRenderer#MAX_TABLE_ROWS} lines); preceded by an empty
     * line, nothing when there is nothing to show.
     */
    public static void markdown(AccessChanges access, PrintWriter out) {
        if (access.isEmpty()) {
            return;
        }
        out.println();
        out.println("### Access changes");
        out.println();
        if (!access.changes().isEmpty()) {
            out.println("```diff");
            List<AccessChange> rows = access.changes();
            int max = PlanMarkdownRenderer.MAX_TABLE_ROWS;
            for (AccessChange c : rows.subList(0, Math.min(rows.size(), max))) {
                out.println(c.line().replace("```", "` ` `"));
            }
            if (rows.size() > max) {
                out.println("... and " + (rows.size() - max) + " more");
            }
            out.println("```");
        }
        if (access.undecided() > 0) {
            if (!access.changes().isEmpty()) {
                out.println();
            }
            out.println(UNDECIDED);
        }
    }
}
