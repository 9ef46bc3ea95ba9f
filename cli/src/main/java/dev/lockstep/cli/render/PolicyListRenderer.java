package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.planner.policy.PolicyDefinitions;
import dev.lockstep.planner.policy.RuleParameter;
import java.io.PrintWriter;
import java.time.LocalDate;

/** Renders {@code policy list}: the built-in rules as configured, custom policies and waivers, as text or JSON. */
public final class PolicyListRenderer {

    private PolicyListRenderer() {
    }

    public static void text(PolicyDefinitions defs, LocalDate today, Style style, PrintWriter out) {
        out.println(style.bold("Built-in rules") + " (docs/policies.md):");
        for (PolicyDefinitions.Builtin b : defs.builtins()) {
            var r = b.rule();
            out.println();
            String changed = b.enforcement() != r.defaultEnforcement() ? " (default " + r.defaultEnforcement().word()
                    + ")" : "";
            out.println("  " + style.bold(r.id()) + "  " + enforcement(b.enforcement().word(), style) + changed);
            out.println("      " + r.title());
            out.println("      why: " + r.rationale());
            out.println("      fix: " + r.fix());
            for (RuleParameter p : r.parameters()) {
                var v = b.settings().value(p.name());
                out.println("      " + p.name() + " = " + inline(v)
                        + (v.equals(p.defaultValue()) ? "" : " (default " + inline(p.defaultValue()) + ")")
                        + ": " + p.description());
            }
        }
        if (!defs.customs().isEmpty()) {
            out.println();
            out.println(style.bold("Custom policies") + ":");
            for (PolicyDefinitions.Custom c : defs.customs()) {
                out.println();
                out.println("  " + style.bold(c.id()) + "  " + enforcement(c.enforcement().word(), style));
                out.println("      " + c.title());
                out.println("      at " + c.range().file() + ":" + c.range().start().line());
            }
        }
        if (!defs.waivers().isEmpty()) {
            out.println();
            out.println(style.bold("Waivers") + ":");
            for (PolicyDefinitions.Waiver w : defs.waivers()) {
                boolean expired = today.isAfter(w.expires());
                out.println();
                out.println("  " + style.bold(w.name()) + "  waives " + w.policy() + " for "
                        + String.join(", ", w.resources()));
                out.println("      owner " + w.owner() + ", " + (expired ? style.red("expired on " + w.expires())
                        : "until " + w.expires()) + ": " + w.reason());
            }
        }
    }

    /** A parameter's value on one line: lists of strings as {@code ["a", "b"]}. */
    private static String inline(dev.lockstep.api.value.Value v) {
        if (v.isKnown() && !v.isNull() && v.isSequence()) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (dev.lockstep.api.value.Value e : v.elements()) {
                parts.add(inline(e));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return ValueText.render(v, 0);
    }

    private static String enforcement(String word, Style style) {
        return switch (word) {
            case "mandatory" -> style.red(word);
            case "advisory" -> style.yellow(word);
            default -> style.dim(word);
        };
    }

    public static ObjectNode json(PolicyDefinitions defs, LocalDate today) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode rules = root.putArray("rules");
        for (PolicyDefinitions.Builtin b : defs.builtins()) {
            ObjectNode o = rules.addObject();
            o.put("id", b.rule().id());
            o.put("title", b.rule().title());
            o.put("enforcement", b.enforcement().word());
            o.put("default_enforcement", b.rule().defaultEnforcement().word());
            o.put("rationale", b.rule().rationale());
            o.put("fix", b.rule().fix());
            ArrayNode types = o.putArray("resource_types");
            b.rule().resourceTypes().forEach(types::add);
            ObjectNode params = o.putObject("parameters");
            for (RuleParameter p : b.rule().parameters()) {
                ObjectNode x = params.putObject(p.name());
                x.set("value", PlanJson.value(b.settings().value(p.name())));
                x.set("default", PlanJson.value(p.defaultValue()));
                x.put("description", p.description());
            }
        }
        ArrayNode customs = root.putArray("custom");
        for (PolicyDefinitions.Custom c : defs.customs()) {
            ObjectNode o = customs.addObject();
            o.put("id", c.id());
            o.put("title", c.title());
            o.put("enforcement", c.enforcement().word());
        }
        ArrayNode waivers = root.putArray("waivers");
        for (PolicyDefinitions.Waiver w : defs.waivers()) {
            ObjectNode o = waivers.addObject();
            o.put("name", w.name());
            o.put("policy", w.policy());
            ArrayNode res = o.putArray("resources");
            w.resources().forEach(res::add);
            o.put("owner", w.owner());
            o.put("reason", w.reason());
            o.put("expires", w.expires().toString());
            o.put("expired", today.isAfter(w.expires()));
        }
        return root;
    }
}
