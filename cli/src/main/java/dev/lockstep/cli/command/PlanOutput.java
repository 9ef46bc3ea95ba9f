package dev.lockstep.cli.command;

import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.PlanMarkdownRenderer;
import dev.lockstep.cli.render.PlanTextRenderer;
import dev.lockstep.cli.render.SarifRenderer;
import dev.lockstep.cli.render.Style;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.state.BuildVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Renders a plan in the chosen format. */
final class PlanOutput {

    private PlanOutput() {
    }

    /** Renders a plan; {@code configDir} is the configuration directory (for SARIF's file locations). */
    static void render(Plan plan, OutputFormat format, Style style, BodySchemas schemas, PrintWriter out,
            Path configDir) {
        render(plan, format, style, schemas, out, Map.of(), configDir);
    }

    /**
     * Renders a plan; the JSON rendering also carries {@code lockstep.api_requests}, the requests
     * each provider sent while planning (by endpoint), for the providers that count any. SARIF is
     * the plan's policy findings only, located relative to the working directory.
     */
    static void render(Plan plan, OutputFormat format, Style style, BodySchemas schemas, PrintWriter out,
            Map<String, Map<String, Long>> requestCounts, Path configDir) {
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
            case sarif:
                out.println(PlanJson.toText(SarifRenderer.render(plan.policies(), sarifBase(configDir),
                        BuildVersion.get())));
                break;
            default:
                new PlanTextRenderer(style, schemas).render(plan, out);
        }
        out.flush();
    }

    /** Writes a plan's policy findings as SARIF to {@code file}; false after printing why it could not. */
    static boolean writeSarif(Plan plan, Path file, Path configDir, Invocation inv) {
        try {
            java.nio.file.Files.writeString(file, PlanJson.toText(SarifRenderer.render(plan.policies(),
                    sarifBase(configDir), BuildVersion.get())) + "\n");
            return true;
        } catch (java.io.IOException e) {
            inv.usage("Failed to write the SARIF report to " + file + ": " + dev.lockstep.state.FileProblem.reason(e));
            return false;
        }
    }

    /**
     * The configuration directory as SARIF's file locations start: relative to the working
     * directory (empty when it is the working directory), or absolute when it cannot be.
     */
    static Path sarifBase(Path configDir) {
        Path abs = configDir.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        try {
            return cwd.relativize(abs);
        } catch (IllegalArgumentException e) {
            // another drive or root
            return abs;
        }
    }
}
