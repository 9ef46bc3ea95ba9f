package dev.lockstep.cli.command;

import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.PlanJsonRenderer;
import dev.lockstep.cli.render.PlanMarkdownRenderer;
import dev.lockstep.cli.render.PlanTextRenderer;
import dev.lockstep.cli.render.Style;
import dev.lockstep.planner.plan.Plan;
import java.io.PrintWriter;

/** Renders a plan in the chosen format. */
final class PlanOutput {

    private PlanOutput() {
    }

    static void render(Plan plan, OutputFormat format, Style style, BodySchemas schemas, PrintWriter out) {
        switch (format) {
            case json:
                out.println(PlanJsonRenderer.toText(PlanJsonRenderer.render(plan)));
                break;
            case markdown:
                PlanMarkdownRenderer.render(plan, schemas, out);
                break;
            default:
                new PlanTextRenderer(style, schemas).render(plan, out);
        }
        out.flush();
    }
}
