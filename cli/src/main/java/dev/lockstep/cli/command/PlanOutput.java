package dev.lockstep.cli.command;

import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.PlanMarkdownRenderer;
import dev.lockstep.cli.render.PlanTextRenderer;
import dev.lockstep.cli.render.Style;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.planfile.PlanJson;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** Renders a plan in the chosen format. */
final class PlanOutput {

    private PlanOutput() {
    }

    static void render(Plan plan, OutputFormat format, Style style, BodySchemas schemas, PrintWriter out) {
        render(plan, format, style, schemas, out, Map.of());
    }

    /**
     * Renders a plan; the JSON rendering also carries {@code lockstep.api_requests}, the requests
     * each provider sent while planning (by endpoint), for the providers that count any.
     */
    static void render(Plan plan, OutputFormat format, Style style, BodySchemas schemas, PrintWriter out,
            Map<String, Map<String, Long>> requestCounts) {
        switch (format) {
            case json:
                var root = PlanJson.render(plan);
                var counted = new TreeMap<String, Map<String, Long>>();
                requestCounts.forEach((p, m) -> {
                    if (!m.isEmpty()) {
                        counted.put(p, m);
                    }
                });
                if (!counted.isEmpty()) {
                    PlanJson.addRequestCounts(root, counted);
                }
                out.println(PlanJson.toText(root));
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
