package dev.lockstep.cli.render;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a plan as GitHub-flavoured Markdown for a pull-request comment or
 * {@code $GITHUB_STEP_SUMMARY}: a summary line, a table of the changed instances with what
 * happens to each and why, a table of the changed outputs, the access changes
 * ({@link AccessRenderer#markdown}), the policy findings ({@link PolicyRenderer#markdown}), and the full text plan in a
 * collapsible {@code <details>} block as a {@code diff} code block (action symbols moved to the
 * start of their lines so that GitHub colours them). A plan too long for one pull-request comment
 * is cut, with a note, so that posting it never fails.
 */
public final class PlanMarkdownRenderer {

    /** A line of the text plan that starts, after its indentation, with an action symbol. */
    private static final Pattern MARKED = Pattern.compile("^( +)([-+~])( .*)$");

    /**
     * The most characters of text plan put in the diff block, and the most rows of each table:
     * GitHub refuses comments over 65,536 characters, so a huge plan is cut to stay under it.
     */
    static final int MAX_DIFF_CHARS = 50_000;

    static final int MAX_TABLE_ROWS = 100;

    private PlanMarkdownRenderer() {
    }

    /** Writes the Markdown rendering of {@code plan}, its nested blocks shown as {@code schemas} declares them. */
    public static void render(Plan plan, BodySchemas schemas, PrintWriter out) {
        int[] s = plan.summary();
        out.println(plan.mode() == PlanMode.DESTROY ? "## lockstep plan (destroy)"
                : plan.mode() == PlanMode.REFRESH_ONLY ? "## lockstep plan (refresh only)" : "## lockstep plan");
        out.println();
        List<ResourceChange> changed = new ArrayList<>();
        for (ResourceChange c : plan.changes()) {
            if (c.action() != Action.NO_OP) {
                changed.add(c);
            }
        }
        List<OutputChange> outputs = new ArrayList<>();
        for (OutputChange o : plan.outputs()) {
            if (o.action() != Action.NO_OP) {
                outputs.add(o);
            }
        }
        if (!plan.hasChanges()) {
            out.println("**No changes.** The live systems match the configuration.");
        } else if (plan.mode() == PlanMode.REFRESH_ONLY) {
            out.println("**Refresh only:** applying this plan records the changes found in the state; it changes "
                    + "no remote object.");
        } else if (changed.isEmpty()) {
            out.println("**No resource changes.** Only outputs change.");
        } else {
            out.println("**Plan:** " + s[0] + " to add, " + s[1] + " to change, " + s[2] + " to destroy.");
        }
        if (!plan.drift().isEmpty()) {
            out.println();
            out.println("> [!WARNING]");
            out.println("> " + plan.drift().size() + " object" + (plan.drift().size() == 1 ? " was" : "s were")
                    + " changed outside lockstep since the last apply.");
        }
        if (!plan.targets().isEmpty()) {
            out.println();
            out.println("> [!NOTE]");
            out.println("> Targeted plan (" + String.join(", ", plan.targets().stream().map(t -> "`" + t + "`")
                    .toList()) + "): other changes the configuration asks for are not included.");
        }
        if (!changed.isEmpty()) {
            out.println();
            out.println("| | Resource | Action | Why |");
            out.println("|---|---|---|---|");
            for (ResourceChange c : changed.subList(0, Math.min(changed.size(), MAX_TABLE_ROWS))) {
                out.println("| " + emoji(c.action()) + " | " + code(c.address().toString()) + " | " + word(c.action())
                        + " | " + reason(c) + " |");
            }
            if (changed.size() > MAX_TABLE_ROWS) {
                out.println("| | and " + (changed.size() - MAX_TABLE_ROWS) + " more | | |");
            }
        }
        if (!outputs.isEmpty()) {
            out.println();
            out.println("| | Output | Action |");
            out.println("|---|---|---|");
            for (OutputChange o : outputs.subList(0, Math.min(outputs.size(), MAX_TABLE_ROWS))) {
                out.println("| " + emoji(o.action()) + " | " + code(o.name()) + " | " + word(o.action())
                        + (o.sensitive() ? " (sensitive)" : "") + " |");
            }
            if (outputs.size() > MAX_TABLE_ROWS) {
                out.println("| | and " + (outputs.size() - MAX_TABLE_ROWS) + " more | |");
            }
        }
        AccessRenderer.markdown(plan.accessChanges(), out);
        PolicyRenderer.markdown(plan.policies(), PolicyRenderer.Subject.PLAN, out);
        out.println();
        out.println("<details><summary>Full plan</summary>");
        out.println();
        out.println("```diff");
        StringWriter sw = new StringWriter();
        // the access changes and policy findings have their own sections above, not again in the diff block
        new PlanTextRenderer(Style.PLAIN, schemas).render(plan.withPolicies(List.of())
                .withAccessChanges(dev.lockstep.planner.plan.AccessChanges.NONE), new PrintWriter(sw));
        String[] lines = sw.toString().stripTrailing().split("\n", -1);
        int written = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = diffLine(lines[i]).replace("```", "` ` `");
            if (written + line.length() + 1 > MAX_DIFF_CHARS) {
                out.println("... (" + (lines.length - i) + " more lines: the plan is too long for one comment; "
                        + "see `lockstep show PLANFILE`)");
                break;
            }
            out.println(line);
            written += line.length() + 1;
        }
        out.println("```");
        out.println();
        out.println("</details>");
        out.flush();
    }

    /**
     * A text-plan line for a {@code diff} block: an indented {@code +}, {@code -} or {@code ~}
     * moves to the first column ({@code ~} as {@code !}, which diff highlighting shows as a
     * change), keeping the line's width; replacement markers ({@code -/+}) already start lines.
     */
    static String diffLine(String line) {
        Matcher m = MARKED.matcher(line);
        if (!m.matches()) {
            return line;
        }
        String sym = m.group(2).equals("~") ? "!" : m.group(2);
        return sym + m.group(1) + m.group(3);
    }

    /** Why the change happens, as table-cell-safe Markdown (empty where the action says it all). */
    private static String reason(ResourceChange c) {
        if (!c.replacePaths().isEmpty()) {
            List<String> paths = new ArrayList<>();
            for (AttributePath p : c.replacePaths()) {
                paths.add(code(p.toString()));
            }
            return String.join(", ", paths) + (paths.size() == 1 ? " forces" : " force") + " replacement";
        }
        switch (c.reason()) {
            case REPLACE_BY_REQUEST:
                return "requested with --replace";
            case REPLACE_BECAUSE_TAINTED:
                return "tainted by a failed apply";
            case REPLACE_BY_TRIGGERS:
                return "replace_triggered_by changed";
            case REPLACE_BECAUSE_EXPIRED:
                return "older than its rotate_after";
            case DELETE_BECAUSE_NO_RESOURCE_CONFIG:
                return "not in the configuration";
            case DELETE_BECAUSE_COUNT_INDEX:
                return "index out of range for count";
            case DELETE_BECAUSE_EACH_KEY:
                return "key not in for_each";
            case DELETE_BECAUSE_WRONG_REPETITION:
                return "count or for_each changed";
            case READ_BECAUSE_CONFIG_UNKNOWN:
                return "configuration not yet known";
            case READ_BECAUSE_DEPENDENCY_PENDING:
                return "depends on pending changes";
            default:
                return "";
        }
    }

    private static String word(Action a) {
        switch (a) {
            case CREATE:
                return "create";
            case UPDATE:
                return "update in-place";
            case DELETE:
                return "destroy";
            case DELETE_THEN_CREATE:
                return "replace (destroy, then create)";
            case CREATE_THEN_DELETE:
                return "replace (create, then destroy)";
            case READ:
                return "read";
            default:
                return "no-op";
        }
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

    /** An inline code span that holds {@code s} whatever backticks it contains, safe in a table cell. */
    static String code(String s) {
        String fence = s.contains("`") ? "``" : "`";
        String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
        return fence + pad + s.replace("|", "\\|") + pad + fence;
    }
}
