package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.planner.planfile.PolicyResultsJson;
import java.io.PrintWriter;

/**
 * Renders a drift report as text, JSON (with a Slack-compatible {@code text} summary) or Markdown,
 * each with the policy findings on the live objects ({@link PolicyRenderer}; in JSON
 * {@code policy_results}, as in the JSON plan).
 */
public final class DriftRenderer {

    private DriftRenderer() {
    }

    /** A one-line summary, also the webhook's {@code text}; the policy findings' counts when there are any. */
    public static String summary(Drift.Report r) {
        String policy = r.policies().isEmpty() ? "" : " Policy: " + PolicyRenderer.counts(r.policies()) + ".";
        if (!r.drifted()) {
            return "lockstep drift: no changes outside lockstep." + policy;
        }
        long deleted = r.changes().stream().filter(DriftEntry::deleted).count();
        return "lockstep drift: " + (r.changes().size() - deleted) + " changed, " + deleted + " deleted outside lockstep"
                + (r.unmanaged().isEmpty() ? "" : ", " + r.unmanaged().size() + " unmanaged") + "." + policy;
    }

    public static void text(Drift.Report r, Style style, BodySchemas schemas, PrintWriter out) {
        if (!r.changes().isEmpty()) {
            new PlanTextRenderer(style, schemas).renderDrift(r.changes(), out, true);
        }
        if (!r.unmanaged().isEmpty()) {
            out.println(style.bold("Objects no configuration manages:"));
            out.println();
            for (Drift.Unmanaged u : r.unmanaged()) {
                out.println("  [" + u.object().severity() + "] " + u.object().kind() + " " + u.object().identifier()
                        + " (" + u.provider() + "): " + u.object().reason());
            }
            out.println();
        }
        if (!r.policies().isEmpty()) {
            new PolicyRenderer(style).text(r.policies(), PolicyRenderer.Subject.DRIFT, out);
            out.println();
        }
        out.println(r.drifted() ? style.yellow(summary(r)) : summary(r));
    }

    public static ObjectNode json(Drift.Report r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("text", summary(r));
        o.put("drifted", r.drifted());
        ArrayNode changes = o.putArray("changes");
        for (DriftEntry d : r.changes()) {
            ObjectNode c = changes.addObject();
            c.put("address", d.address().toString());
            c.put("deleted", d.deleted());
            ArrayNode paths = c.putArray("changed_attributes");
            d.changedPaths().forEach(p -> paths.add(p.toString()));
            c.set("before", PlanJson.value(d.before()));
            c.set("after", d.after() == null ? f.nullNode() : PlanJson.value(d.after()));
        }
        ArrayNode un = o.putArray("unmanaged");
        for (Drift.Unmanaged u : r.unmanaged()) {
            ObjectNode x = un.addObject();
            x.put("provider", u.provider());
            x.put("kind", u.object().kind());
            x.put("identifier", u.object().identifier());
            x.put("severity", u.object().severity().name().toLowerCase(java.util.Locale.ROOT));
            x.put("reason", u.object().reason());
        }
        o.set("policy_results", PolicyResultsJson.write(r.policies()));
        return o;
    }

    public static void markdown(Drift.Report r, PrintWriter out) {
        out.println("## lockstep drift");
        out.println();
        out.println(summary(r));
        if (!r.changes().isEmpty()) {
            out.println();
            out.println("| object | what happened | attributes |");
            out.println("|---|---|---|");
            for (DriftEntry d : r.changes()) {
                out.println("| `" + d.address() + "` | " + (d.deleted() ? "deleted" : "changed") + " | "
                        + String.join(", ", d.changedPaths().stream().map(p -> "`" + p + "`").toList()) + " |");
            }
        }
        if (!r.unmanaged().isEmpty()) {
            out.println();
            out.println("| severity | kind | object | why |");
            out.println("|---|---|---|---|");
            for (Drift.Unmanaged u : r.unmanaged()) {
                out.println("| " + u.object().severity() + " | " + u.object().kind() + " | `" + u.object().identifier()
                        + "` | " + u.object().reason() + " |");
            }
        }
        PolicyRenderer.markdown(r.policies(), PolicyRenderer.Subject.DRIFT, out);
    }
}
