package dev.lockstep.cli.render;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a plan for people, in the shape Terraform users know: one block per changed instance
 * with {@code +}, {@code ~}, {@code -} and {@code -/+} markers, attribute-level {@code old -> new},
 * {@code # forces replacement}, {@code (sensitive value)} and {@code (known after apply)}, then a
 * summary line and the output changes.
 */
public final class PlanTextRenderer {

    private final Style style;

    public PlanTextRenderer(Style style) {
        this.style = style;
    }

    public void render(Plan plan, PrintWriter out) {
        if (!plan.drift().isEmpty()) {
            renderDrift(plan.drift(), out, plan.mode() == PlanMode.REFRESH_ONLY);
        }
        List<ResourceChange> changed = new ArrayList<>();
        for (ResourceChange c : plan.changes()) {
            if (c.action() != Action.NO_OP) {
                changed.add(c);
            }
        }
        boolean outputsChanged = plan.outputs().stream().anyMatch(o -> o.action() != Action.NO_OP);
        if (changed.isEmpty() && !outputsChanged) {
            if (plan.mode() == PlanMode.REFRESH_ONLY && !plan.drift().isEmpty()) {
                out.println("This is a refresh-only plan, so lockstep will not take any actions to undo these. "
                        + "If you were expecting these changes then you can apply this plan to record the updated "
                        + "values in the state without changing any remote objects.");
            } else {
                out.println(style.bold("No changes.") + " Your infrastructure matches the configuration.");
            }
            out.flush();
            return;
        }
        if (!changed.isEmpty()) {
            out.println("lockstep will perform the following actions:");
            out.println();
            for (ResourceChange c : changed) {
                renderChange(c, out);
            }
            int[] s = plan.summary();
            out.println(style.bold("Plan:") + " " + s[0] + " to add, " + s[1] + " to change, " + s[2] + " to destroy.");
        }
        if (outputsChanged) {
            out.println();
            out.println("Changes to Outputs:");
            for (OutputChange o : plan.outputs()) {
                renderOutput(o, out);
            }
        }
        out.flush();
    }

    /** The drift section: objects changed or deleted outside lockstep. */
    public void renderDrift(List<DriftEntry> drift, PrintWriter out, boolean refreshOnly) {
        out.println(style.bold("Objects have changed outside of lockstep"));
        out.println();
        out.println("lockstep detected the following changes made outside of lockstep since the last apply:");
        out.println();
        for (DriftEntry d : drift) {
            if (d.deleted()) {
                out.println(style.bold("  # " + d.address() + " has been deleted"));
                out.println("  " + style.red("-") + " resource \"" + d.address().type() + "\" \"" + d.address().name()
                        + "\" {");
                out.println("    }");
            } else {
                out.println(style.bold("  # " + d.address() + " has changed"));
                out.println("  " + style.yellow("~") + " resource \"" + d.address().type() + "\" \""
                        + d.address().name() + "\" {");
                Lines lines = new Lines();
                diffObject(d.before(), d.after(), AttributePath.ROOT, Set.of(), 6, lines);
                lines.print(out, 6);
                out.println("    }");
            }
            out.println();
        }
        if (!refreshOnly) {
            out.println("Unless you have made equivalent changes to your configuration, or ignored the relevant "
                    + "attributes using ignore_changes, the following plan may include actions to undo or respond to "
                    + "these changes.");
            out.println();
        }
    }

    private String symbol(Action a) {
        switch (a) {
            case CREATE:
                return style.green("+");
            case DELETE:
                return style.red("-");
            case UPDATE:
                return style.yellow("~");
            case DELETE_THEN_CREATE:
                return style.red("-") + "/" + style.green("+");
            case CREATE_THEN_DELETE:
                return style.green("+") + "/" + style.red("-");
            case READ:
                return style.cyan("<=");
            default:
                return " ";
        }
    }

    private static String phrase(ResourceChange c) {
        switch (c.action()) {
            case CREATE:
                return "will be created";
            case UPDATE:
                return "will be updated in-place";
            case DELETE:
                return "will be destroyed";
            case DELETE_THEN_CREATE:
            case CREATE_THEN_DELETE:
                return "must be replaced";
            case READ:
                return "will be read during apply";
            default:
                return "has no changes";
        }
    }

    private static String because(ResourceChange c) {
        switch (c.reason()) {
            case DELETE_BECAUSE_NO_RESOURCE_CONFIG:
                return "because " + c.address().withoutKey() + " is not in configuration";
            case DELETE_BECAUSE_COUNT_INDEX:
                return "because index " + c.address().key().suffix() + " is out of range for count";
            case DELETE_BECAUSE_EACH_KEY:
                return "because key " + c.address().key().suffix() + " is not in for_each map";
            case DELETE_BECAUSE_WRONG_REPETITION:
                return "because the resource's count or for_each changed";
            case REPLACE_BECAUSE_TAINTED:
                return "because it is tainted: a previous create or update failed part-way";
            case REPLACE_BY_REQUEST:
                return "because of --replace";
            case REPLACE_BY_TRIGGERS:
                return "because of a change in replace_triggered_by";
            case REPLACE_BECAUSE_EXPIRED:
                return "because it is older than its rotate_after";
            case READ_BECAUSE_CONFIG_UNKNOWN:
                return "because its configuration depends on values not yet known";
            case READ_BECAUSE_DEPENDENCY_PENDING:
                return "because it depends on resources with changes pending";
            default:
                return null;
        }
    }

    private void renderChange(ResourceChange c, PrintWriter out) {
        out.println(style.bold("  # " + c.address() + " " + phrase(c)));
        String why = because(c);
        if (why != null) {
            out.println("  # (" + why + ")");
        }
        for (String note : c.notes()) {
            out.println("  # (" + note + ")");
        }
        String sym = symbol(c.action());
        String lead = c.action().isReplace() ? sym : "  " + sym;
        String kind = c.address().isData() ? "data" : "resource";
        out.println(lead + " " + kind + " \"" + c.address().type() + "\" \"" + c.address().name() + "\" {");
        Lines lines = new Lines();
        Set<AttributePath> forces = new LinkedHashSet<>(c.replacePaths());
        Value before = c.action() == Action.CREATE || c.action() == Action.READ ? null : c.before();
        Value after = c.action() == Action.DELETE ? null : c.after();
        changedPaths = new LinkedHashSet<>(c.changedPaths());
        diffObject(before, after, AttributePath.ROOT, forces, 6, lines);
        changedPaths = Set.of();
        lines.print(out, 6);
        out.println("    }");
        out.println();
    }

    /** The current change's changed paths, consulted where values cannot be compared (secret placeholders). */
    private Set<AttributePath> changedPaths = Set.of();

    private void renderOutput(OutputChange o, PrintWriter out) {
        Lines lines = new Lines();
        Value before = o.before();
        Value after = o.after();
        switch (o.action()) {
            case CREATE:
                lines.add(style.green("+"), o.name(), render(after, 2));
                break;
            case DELETE:
                lines.add(style.red("-"), o.name(), render(before, 2) + " -> null");
                break;
            case UPDATE:
                lines.add(style.yellow("~"), o.name(), o.sensitive() ? ValueText.SENSITIVE
                        : render(before, 2) + " -> " + render(after, 2));
                break;
            default:
                return;
        }
        lines.print(out, 2);
    }

    private static String render(Value v, int indent) {
        return ValueText.render(v, indent);
    }

    /** Attribute lines of one object, aligned on the equals signs as Terraform aligns them. */
    private static final class Lines {
        private final List<String[]> rows = new ArrayList<>();
        private int hidden;

        void add(String symbol, String name, String value) {
            rows.add(new String[] {symbol, name, value});
        }

        void print(PrintWriter out, int indent) {
            int width = 0;
            for (String[] r : rows) {
                if (r[1] != null) {
                    width = Math.max(width, r[1].length());
                }
            }
            String pad = " ".repeat(indent);
            for (String[] r : rows) {
                if (r[1] == null) {
                    out.println(pad + "  " + r[2]);
                    continue;
                }
                String sym = r[0].equals(" ") ? "  " : r[0] + " ";
                out.println(pad + sym + r[1] + " ".repeat(width - r[1].length()) + " = " + r[2]);
            }
            if (hidden > 0) {
                out.println(pad + "  # (" + hidden + " unchanged attribute" + (hidden == 1 ? "" : "s") + " hidden)");
            }
        }
    }

    private void diffObject(Value before, Value after, AttributePath at, Set<AttributePath> forces, int indent,
            Lines lines) {
        Set<String> keys = new LinkedHashSet<>();
        if (before != null && before.isKnown() && !before.isNull() && before.isMapping()) {
            keys.addAll(before.attributes().keySet());
        }
        if (after != null && after.isKnown() && !after.isNull() && after.isMapping()) {
            keys.addAll(after.attributes().keySet());
        }
        for (String k : keys) {
            Value b = before == null || !before.isKnown() || before.isNull() ? null : before.get(k);
            Value a = after == null || !after.isKnown() || after.isNull() ? null : after.get(k);
            AttributePath p = at.attr(k);
            String force = forces.contains(p) ? " " + style.red("# forces replacement") : "";
            boolean bNull = b == null || (b.isNull() && !b.isSensitive());
            boolean aNull = a == null || (a.isNull() && !a.isSensitive());
            if (bNull && aNull) {
                continue;
            }
            if (before == null || bNull) {
                lines.add(style.green("+"), k, nestedOrPlain(null, a, p, forces, indent) + force);
            } else if (after == null || aNull) {
                lines.add(style.red("-"), k, nestedOrPlain(b, null, p, forces, indent) + (isNested(b) ? "" : " -> null")
                        + force);
            } else if (b.isNull() && b.isSensitive() ? !changedPaths.contains(p) : same(b, a)) {
                if (k.equals("id") || k.equals("name")) {
                    lines.add(" ", k, render(b, indent));
                } else {
                    lines.hidden++;
                }
            } else if (b.isSensitive() || a.isSensitive()) {
                lines.add(style.yellow("~"), k, ValueText.SENSITIVE + force);
            } else if (b.isKnown() && a.isKnown() && b.isMapping() && a.isMapping()) {
                lines.add(style.yellow("~"), k, nested(b, a, p, forces, indent, force));
            } else {
                lines.add(style.yellow("~"), k, render(b, indent) + " -> " + render(a, indent) + force);
            }
        }
    }

    private static boolean isNested(Value v) {
        return v != null && v.isKnown() && !v.isNull() && !v.isSensitive() && v.isMapping() && v.length() > 0;
    }

    /** A mapping value shown line by line with markers (created or destroyed), or a plain rendering. */
    private String nestedOrPlain(Value b, Value a, AttributePath p, Set<AttributePath> forces, int indent) {
        Value v = a != null ? a : b;
        if (!isNested(v)) {
            return render(v, indent);
        }
        return nested(b, a, p, forces, indent, "");
    }

    private String nested(Value b, Value a, AttributePath p, Set<AttributePath> forces, int indent, String force) {
        Lines inner = new Lines();
        diffObject(b, a, p, forces, indent + 4, inner);
        java.io.StringWriter sw = new java.io.StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        inner.print(pw, indent + 4);
        pw.flush();
        return "{" + force + "\n" + sw.toString().stripTrailing() + "\n" + " ".repeat(indent + 2) + "}";
    }

    private static boolean same(Value a, Value b) {
        if (a.isSensitive() && b.isSensitive() && a.isNull() != b.isNull()) {
            return false;
        }
        if (!a.isWhollyKnown() || !b.isWhollyKnown()) {
            return false;
        }
        if (a.isSensitive() != b.isSensitive() && !(a.isNull() && a.isSensitive())) {
            return false;
        }
        return a.unmarkDeep().equals(b.unmarkDeep());
    }
}
