package dev.lockstep.cli.render;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.cli.render.DiffNode.Kind;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a plan for people, in the shape Terraform users know: a legend of the action symbols,
 * one block per changed instance with {@code +}, {@code ~}, {@code -}, {@code -/+} and
 * {@code +/-} markers, attribute-level {@code old -> new} down to list elements, map entries and
 * the lines of multi-line strings, {@code # forces replacement}, {@code (sensitive value)} and
 * {@code (known after apply)}, nested blocks as blocks where the type's schema is known, unchanged
 * attributes, elements and blocks counted rather than shown, then a summary line and the output
 * changes, the access changes ({@link AccessRenderer}) and the policy findings
 * ({@link PolicyRenderer}). A sensitive value is never shown, whatever its depth.
 */
public final class PlanTextRenderer {

    private final Style style;
    private final BodySchemas schemas;

    /** A renderer that shows every value as an attribute (no schema known). */
    public PlanTextRenderer(Style style) {
        this(style, BodySchemas.NONE);
    }

    /** A renderer that shows the nested blocks of the types {@code schemas} knows as blocks. */
    public PlanTextRenderer(Style style, BodySchemas schemas) {
        this.style = style;
        this.schemas = schemas;
    }

    /** Renders the whole plan: drift, legend, changes, summary line, output changes and policy findings. */
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
        List<OutputChange> outputs = new ArrayList<>();
        for (OutputChange o : plan.outputs()) {
            if (o.action() != Action.NO_OP) {
                outputs.add(o);
            }
        }
        if (changed.isEmpty() && outputs.isEmpty()) {
            if (plan.mode() == PlanMode.REFRESH_ONLY && !plan.drift().isEmpty()) {
                out.println("This is a refresh-only plan, so lockstep will not take any actions to undo these. "
                        + "If you were expecting these changes then you can apply this plan to record the updated "
                        + "values in the state without changing any remote objects.");
            } else {
                out.println(style.bold("No changes.") + " Your infrastructure matches the configuration.");
            }
            renderPolicies(plan, out);
            out.flush();
            return;
        }
        if (!changed.isEmpty()) {
            legend(changed, out);
            out.println("lockstep will perform the following actions:");
            out.println();
            for (ResourceChange c : changed) {
                renderChange(c, out);
            }
            int[] s = plan.summary();
            out.println(style.bold("Plan:") + " " + s[0] + " to add, " + s[1] + " to change, " + s[2] + " to destroy.");
        }
        if (!outputs.isEmpty()) {
            if (!changed.isEmpty()) {
                out.println();
            }
            out.println("Changes to Outputs:");
            renderOutputs(outputs, out);
        }
        renderPolicies(plan, out);
        out.flush();
    }

    /** The access changes, then the policy findings, each after an empty line, if there are any. */
    private void renderPolicies(Plan plan, PrintWriter out) {
        if (!plan.accessChanges().isEmpty()) {
            out.println();
            new AccessRenderer(style).text(plan.accessChanges(), out);
        }
        if (!plan.policies().isEmpty()) {
            out.println();
            new PolicyRenderer(style).text(plan.policies(), PolicyRenderer.Subject.PLAN, out);
        }
    }

    /** The symbols the plan uses, explained, in Terraform's order. */
    private void legend(List<ResourceChange> changed, PrintWriter out) {
        Set<Action> used = EnumSet.noneOf(Action.class);
        changed.forEach(c -> used.add(c.action()));
        out.println("lockstep used the selected providers to generate the following execution plan.");
        out.println("Resource actions are indicated with the following symbols:");
        if (used.contains(Action.CREATE)) {
            out.println("  " + style.green("+") + " create");
        }
        if (used.contains(Action.UPDATE)) {
            out.println("  " + style.yellow("~") + " update in-place");
        }
        if (used.contains(Action.DELETE)) {
            out.println("  " + style.red("-") + " destroy");
        }
        if (used.contains(Action.DELETE_THEN_CREATE)) {
            out.println(symbol(Action.DELETE_THEN_CREATE) + " destroy and then create replacement");
        }
        if (used.contains(Action.CREATE_THEN_DELETE)) {
            out.println(symbol(Action.CREATE_THEN_DELETE) + " create replacement and then destroy");
        }
        if (used.contains(Action.READ)) {
            out.println(" " + symbol(Action.READ) + " read (data resources)");
        }
        out.println();
    }

    /** The drift section: objects changed or deleted outside lockstep. */
    public void renderDrift(List<DriftEntry> drift, PrintWriter out, boolean refreshOnly) {
        out.println(style.bold("Objects have changed outside of lockstep"));
        out.println();
        out.println("lockstep detected the following changes made outside of lockstep since the last apply:");
        out.println();
        for (DriftEntry d : drift) {
            ValueDiffer differ = new ValueDiffer(style, Set.of(), Set.copyOf(d.changedPaths()));
            String head = " resource \"" + d.address().type() + "\" \"" + d.address().name() + "\" ";
            BlockSchema schema = schemas.body(d.address().isData(), d.address().type());
            if (d.deleted()) {
                out.println(style.bold("  # " + d.address() + " has been deleted"));
                out.println("  " + style.red("-") + head + differ.resource(schema, d.before(), null).render(2, true,
                        false));
            } else {
                out.println(style.bold("  # " + d.address() + " has changed"));
                out.println("  " + style.yellow("~") + head + differ.resource(schema, d.before(), d.after())
                        .render(2, true, false));
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

    /** The heading after the address, in Terraform's words. */
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
                switch (c.reason()) {
                    case REPLACE_BY_REQUEST:
                        return "will be replaced, as requested";
                    case REPLACE_BECAUSE_TAINTED:
                        return "is tainted, so must be replaced";
                    case REPLACE_BY_TRIGGERS:
                        return "will be replaced due to changes in replace_triggered_by";
                    default:
                        return "must be replaced";
                }
            case READ:
                return "will be read during apply";
            default:
                return "has no changes";
        }
    }

    /** The parenthesised reason under the heading, where the heading does not already say it. */
    private static String because(ResourceChange c) {
        switch (c.reason()) {
            case DELETE_BECAUSE_NO_RESOURCE_CONFIG:
                return "because " + c.address().withoutKey() + " is not in configuration";
            case DELETE_BECAUSE_COUNT_INDEX:
                return "because index " + c.address().key().suffix() + " is out of range for count";
            case DELETE_BECAUSE_EACH_KEY:
                return "because key " + c.address().key().suffix() + " is not in for_each map";
            case DELETE_BECAUSE_DEPOSED:
                return "because it was replaced (create before destroy) and the old object still has to be deleted";
            case DELETE_BECAUSE_WRONG_REPETITION:
                return "because the resource's count or for_each changed";
            case REPLACE_BECAUSE_EXPIRED:
                return "because it is older than its rotate_after";
            case READ_BECAUSE_CONFIG_UNKNOWN:
                return "config refers to values not yet known";
            case READ_BECAUSE_DEPENDENCY_PENDING:
                return "depends on a resource or a module with changes pending";
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
        String lead = c.action().isReplace() ? sym : c.action() == Action.READ ? " " + sym : "  " + sym;
        String kind = c.address().isData() ? "data" : "resource";
        Value before = c.action() == Action.CREATE || c.action() == Action.READ ? null : c.before();
        Value after = c.action() == Action.DELETE ? null : c.after();
        ValueDiffer differ = new ValueDiffer(style, Set.copyOf(c.replacePaths()), Set.copyOf(c.changedPaths()));
        BlockSchema schema = schemas.body(c.address().isData(), c.address().type());
        out.println(lead + " " + kind + " \"" + c.address().type() + "\" \"" + c.address().name() + "\" "
                + differ.resource(schema, before, after).render(2, true, false));
        out.println();
    }

    private void renderOutputs(List<OutputChange> outputs, PrintWriter out) {
        ValueDiffer differ = new ValueDiffer(style, Set.of(), null);
        int width = 0;
        for (OutputChange o : outputs) {
            width = Math.max(width, o.name().length());
        }
        for (OutputChange o : outputs) {
            Value before = o.action() == Action.CREATE ? null : o.before();
            Value after = o.action() == Action.DELETE ? null : o.after();
            DiffNode n;
            if (o.sensitive()) {
                n = new DiffNode.Leaf(kindOf(o.action()), ValueText.SENSITIVE, ValueText.SENSITIVE, "");
            } else {
                n = differ.diff(ValueDiffer.absentIfNull(before), ValueDiffer.absentIfNull(after), AttributePath.ROOT);
            }
            // the plan says it changes even where the values do not show it (null on both sides, or only
            // the sensitivity changed): the symbol is the plan's
            Kind shown = n.kind() == Kind.NOOP ? kindOf(o.action()) : n.kind();
            out.println("  " + DiffNode.sym(style, shown) + " " + o.name()
                    + " ".repeat(width - o.name().length()) + " = " + n.render(2, true, false));
        }
    }

    private static Kind kindOf(Action a) {
        switch (a) {
            case CREATE:
                return Kind.CREATE;
            case DELETE:
                return Kind.DELETE;
            case NO_OP:
                return Kind.NOOP;
            default:
                return Kind.UPDATE;
        }
    }
}
