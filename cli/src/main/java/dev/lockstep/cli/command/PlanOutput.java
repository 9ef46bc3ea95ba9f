package dev.lockstep.cli.command;

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

    static void render(Plan plan, OutputFormat format, Style style, PrintWriter out) {
        render(plan, format, style, out, java.util.Map.of());
    }

    /**
     * Renders a plan; the JSON rendering also carries {@code lockstep.api_requests}, the requests
     * each provider sent while planning (by endpoint), for the providers that count any.
     */
    static void render(Plan plan, OutputFormat format, Style style, PrintWriter out,
            java.util.Map<String, java.util.Map<String, Long>> requestCounts) {
        switch (format) {
            case json:
                var root = PlanJsonRenderer.render(plan);
                var counted = new java.util.TreeMap<String, java.util.Map<String, Long>>();
                requestCounts.forEach((p, m) -> {
                    if (!m.isEmpty()) {
                        counted.put(p, m);
                    }
                });
                if (!counted.isEmpty()) {
                    PlanJsonRenderer.addRequestCounts(root, counted);
                }
                out.println(PlanJsonRenderer.toText(root));
                break;
            case markdown:
                PlanMarkdownRenderer.render(plan, out);
                break;
            default:
                new PlanTextRenderer(style).render(plan, out);
        }
        out.flush();
    }
}
