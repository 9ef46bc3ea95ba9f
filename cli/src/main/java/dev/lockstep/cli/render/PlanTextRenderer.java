package dev.lockstep.cli.render;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Diffs;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a plan for people, in the shape Terraform users know: a legend of the action symbols,
 * one block per changed instance with {@code +}, {@code ~}, {@code -}, {@code -/+} and
 * {@code +/-} markers, attribute-level {@code old -> new} down to list elements, map entries and
 * the lines of multi-line strings, {@code # forces replacement}, {@code (sensitive value)} and
 * {@code (known after apply)}, unchanged attributes and elements counted rather than shown, then a
 * summary line and the output changes. A sensitive value is never shown, whatever its depth.
 */
public final class PlanTextRenderer {

    private static final Set<String> IDENTIFYING = Set.of("id", "name", "tags");

    private final Style style;

    public PlanTextRenderer(Style style) {
        this.style = style;
    }

    /** Renders the whole plan: drift, legend, changes, summary line and output changes. */
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
        out.flush();
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
            Differ differ = new Differ(Set.of(), Set.copyOf(d.changedPaths()));
            String head = " resource \"" + d.address().type() + "\" \"" + d.address().name() + "\" ";
            if (d.deleted()) {
                out.println(style.bold("  # " + d.address() + " has been deleted"));
                out.println("  " + style.red("-") + head + differ.resource(d.before(), null).render(2, true, false));
            } else {
                out.println(style.bold("  # " + d.address() + " has changed"));
                out.println("  " + style.yellow("~") + head + differ.resource(d.before(), d.after()).render(2, true,
                        false));
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
        Differ differ = new Differ(Set.copyOf(c.replacePaths()), Set.copyOf(c.changedPaths()));
        out.println(lead + " " + kind + " \"" + c.address().type() + "\" \"" + c.address().name() + "\" "
                + differ.resource(before, after).render(2, true, false));
        out.println();
    }

    private void renderOutputs(List<OutputChange> outputs, PrintWriter out) {
        Differ differ = new Differ(Set.of(), null);
        int width = 0;
        for (OutputChange o : outputs) {
            width = Math.max(width, o.name().length());
        }
        for (OutputChange o : outputs) {
            Value before = o.action() == Action.CREATE ? null : o.before();
            Value after = o.action() == Action.DELETE ? null : o.after();
            Node n;
            if (o.sensitive()) {
                n = new Leaf(kindOf(o.action()), ValueText.SENSITIVE, ValueText.SENSITIVE, "");
            } else {
                n = differ.diff(absentIfNull(before), absentIfNull(after), AttributePath.ROOT);
            }
            out.println("  " + sym(n.kind()) + " " + o.name() + " ".repeat(width - o.name().length()) + " = "
                    + n.render(2, true, false));
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

    private static Value absentIfNull(Value v) {
        return v == null || (v.isNull() && !v.isSensitive()) ? null : v;
    }

    // ------------------------------------------------------------------ the diff of values

    /** How one value changes. */
    private enum Kind {
        NOOP, CREATE, DELETE, UPDATE
    }

    private String sym(Kind k) {
        switch (k) {
            case CREATE:
                return style.green("+");
            case DELETE:
                return style.red("-");
            case UPDATE:
                return style.yellow("~");
            default:
                return " ";
        }
    }

    private static String pad(int n) {
        return " ".repeat(n);
    }

    /** A value's change, renderable from the column of the action symbol of the line it starts on. */
    private interface Node {

        Kind kind();

        /**
         * @param ind the column of the action symbol on the line where the value starts
         * @param nullSuffix whether a deleted value ends in {@code -> null} (as Terraform does, only
         *     a resource's own attributes and outputs do, not what is nested in them)
         * @param showUnchanged whether unchanged children are shown rather than counted
         */
        String render(int ind, boolean nullSuffix, boolean showUnchanged);
    }

    /** A value on one line: a primitive, {@code (sensitive value)}, or a rendering to {@code (known after apply)}. */
    private record Leaf(Kind kind, String before, String after, String force) implements Node {

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            switch (kind) {
                case CREATE:
                    return after + force;
                case DELETE:
                    return before + (nullSuffix ? " -> null" : "") + force;
                case UPDATE:
                    return before.equals(after) ? before + force : before + " -> " + after + force;
                default:
                    return before + force;
            }
        }
    }

    /** A changed value whose old rendering spans lines: the old value as deleted, then {@code -> new}. */
    private record Replaced(Node before, String after, String force) implements Node {

        @Override
        public Kind kind() {
            return Kind.UPDATE;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            return before.render(ind, false, showUnchanged) + " -> " + after + force;
        }
    }

    /** A change between values of different shapes (a string and a list, a map and null in a list). */
    private record Retyped(Node before, Node after, String force) implements Node {

        @Override
        public Kind kind() {
            return Kind.UPDATE;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            return before.render(ind, false, showUnchanged) + " -> " + after.render(ind, false, showUnchanged) + force;
        }
    }

    /** A multi-line string as a heredoc, with a line-by-line diff when it changed. */
    private final class Heredoc implements Node {
        private final Kind kind;
        private final List<String> before;
        private final List<String> after;
        private final String force;

        Heredoc(Kind kind, List<String> before, List<String> after, String force) {
            this.kind = kind;
            this.before = before;
            this.after = after;
            this.force = force;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            StringBuilder sb = new StringBuilder("<<-EOT").append(force).append('\n');
            if (kind == Kind.UPDATE) {
                for (Edit<String> e : Lcs.edits(before, after, String::equals)) {
                    if (e.before() != null && e.after() != null) {
                        sb.append(pad(ind + 6)).append(e.before()).append('\n');
                    } else if (e.before() != null) {
                        sb.append(pad(ind + 4)).append(style.red("-")).append(' ').append(e.before()).append('\n');
                    } else {
                        sb.append(pad(ind + 4)).append(style.green("+")).append(' ').append(e.after()).append('\n');
                    }
                }
            } else {
                for (String l : kind == Kind.CREATE ? after : before) {
                    sb.append(pad(ind + 6)).append(l).append('\n');
                }
            }
            sb.append(pad(ind + 2)).append("EOT");
            if (kind == Kind.DELETE && nullSuffix) {
                sb.append(" -> null");
            }
            return sb.toString();
        }
    }

    /** An object or a map: one line per shown entry, keys aligned, unchanged entries counted. */
    private final class Mapping implements Node {
        private final Kind kind;
        private final Map<String, Node> entries;
        private final boolean map;
        private final boolean resource;
        private final String force;

        Mapping(Kind kind, Map<String, Node> entries, boolean map, boolean resource, String force) {
            this.kind = kind;
            this.entries = entries;
            this.map = map;
            this.resource = resource;
            this.force = force;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            List<String> keys = new ArrayList<>();
            int hidden = 0;
            int width = 0;
            for (Map.Entry<String, Node> e : entries.entrySet()) {
                boolean show = showUnchanged || e.getValue().kind() != Kind.NOOP
                        || (!map && IDENTIFYING.contains(e.getKey()));
                if (show) {
                    keys.add(e.getKey());
                    width = Math.max(width, ValueText.key(e.getKey(), map).length());
                } else {
                    hidden++;
                }
            }
            String suffix = kind == Kind.DELETE && nullSuffix && !resource ? " -> null" : "";
            if (keys.isEmpty() && hidden == 0 && !resource) {
                return "{}" + force + suffix;
            }
            StringBuilder sb = new StringBuilder("{").append(force).append('\n');
            for (String k : keys) {
                Node n = entries.get(k);
                String key = ValueText.key(k, map);
                sb.append(pad(ind + 4)).append(sym(n.kind())).append(' ').append(key)
                        .append(pad(width - key.length())).append(" = ")
                        .append(n.render(ind + 4, resource, n.kind() == Kind.NOOP)).append('\n');
            }
            if (hidden > 0) {
                String what = map ? "element" : "attribute";
                sb.append(pad(ind + 6)).append("# (").append(hidden).append(" unchanged ").append(what)
                        .append(hidden == 1 ? "" : "s").append(" hidden)\n");
            }
            return sb.append(pad(ind + 2)).append('}').append(suffix).toString();
        }
    }

    /** A list, tuple or set: one line per shown element; lists show the unchanged neighbours of a change. */
    private final class Sequence implements Node {
        private final Kind kind;
        private final List<Node> elements;
        private final boolean context;
        private final String force;

        Sequence(Kind kind, List<Node> elements, boolean context, String force) {
            this.kind = kind;
            this.elements = elements;
            this.context = context;
            this.force = force;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            String suffix = kind == Kind.DELETE && nullSuffix ? " -> null" : "";
            if (elements.isEmpty()) {
                return "[]" + force + suffix;
            }
            StringBuilder sb = new StringBuilder("[").append(force).append('\n');
            List<Node> unchanged = new ArrayList<>();
            boolean renderNext = false;
            for (Node e : elements) {
                if (e.kind() == Kind.NOOP && !renderNext && !showUnchanged) {
                    unchanged.add(e);
                    continue;
                }
                renderNext = false;
                boolean full = showUnchanged;
                if (context) {
                    // as Terraform does: the unchanged element just before a change and the one just
                    // after it are shown, so that the reader sees where in the list the change is
                    if (unchanged.size() > 1) {
                        hiddenLine(sb, ind, unchanged.size() - 1);
                    }
                    if (!unchanged.isEmpty()) {
                        Node last = unchanged.get(unchanged.size() - 1);
                        sb.append(pad(ind + 4)).append("  ").append(last.render(ind + 4, false, true)).append(",\n");
                    }
                    unchanged.clear();
                    if (e.kind() == Kind.NOOP) {
                        full = true;
                    } else {
                        renderNext = true;
                    }
                }
                sb.append(pad(ind + 4)).append(sym(e.kind())).append(' ').append(e.render(ind + 4, false, full))
                        .append(",\n");
            }
            if (!unchanged.isEmpty()) {
                hiddenLine(sb, ind, unchanged.size());
            }
            return sb.append(pad(ind + 2)).append(']').append(suffix).toString();
        }

        private void hiddenLine(StringBuilder sb, int ind, int n) {
            sb.append(pad(ind + 6)).append("# (").append(n).append(" unchanged element").append(n == 1 ? "" : "s")
                    .append(" hidden)\n");
        }
    }

    /**
     * Builds the diff of one resource instance's (or output's) values. {@code forces} are the paths
     * that force a replacement; {@code changed} the paths the engine found changed, consulted where
     * a side holds a redacted secret that cannot be compared (null: compare values).
     */
    private final class Differ {
        private final Set<AttributePath> forces;
        private final Set<AttributePath> changed;

        Differ(Set<AttributePath> forces, Set<AttributePath> changed) {
            this.forces = forces;
            this.changed = changed;
        }

        /**
         * A resource body: attributes null on both sides are left out (at every depth), identifying
         * ones ({@code id}, {@code name}, {@code tags}) always shown (in nested objects too, as
         * Terraform does).
         */
        Mapping resource(Value before, Value after) {
            Mapping m = mapping(before, after, AttributePath.ROOT, true);
            return m;
        }

        private String force(AttributePath p) {
            return forces.contains(p) ? " " + style.red("# forces replacement") : "";
        }

        /** The diff of {@code b} to {@code a} at {@code p}; a Java null is an absent side (created or deleted). */
        Node diff(Value b, Value a, AttributePath p) {
            String force = force(p);
            if ((b != null && b.isSensitive()) || (a != null && a.isSensitive())) {
                Kind k = b == null ? Kind.CREATE : a == null ? Kind.DELETE
                        : secretChanged(b, a, p) ? Kind.UPDATE : Kind.NOOP;
                return new Leaf(k, ValueText.SENSITIVE, ValueText.SENSITIVE, force);
            }
            if (a != null && !a.isKnown()) {
                if (b == null) {
                    return new Leaf(Kind.CREATE, "", ValueText.UNKNOWN, force);
                }
                if (isComplex(b)) {
                    return new Replaced(diff(b, null, p), ValueText.UNKNOWN, force);
                }
                return new Leaf(Kind.UPDATE, text(b), ValueText.UNKNOWN, force);
            }
            if (b != null && !b.isKnown()) {
                return new Leaf(a == null ? Kind.DELETE : Kind.UPDATE, ValueText.UNKNOWN, a == null ? "" : text(a),
                        force);
            }
            if (b != null && a != null && !sameShape(b, a)) {
                return new Retyped(diff(b, null, p), diff(null, a, p), force);
            }
            Value v = a != null ? a : b;
            if (isMultiline(b) || isMultiline(a)) {
                List<String> bl = lines(b);
                List<String> al = lines(a);
                Kind k = b == null ? Kind.CREATE : a == null ? Kind.DELETE : bl.equals(al) ? Kind.NOOP : Kind.UPDATE;
                return new Heredoc(k, bl, al, force);
            }
            if (v.isMapping() && !v.isNull()) {
                Mapping m = mapping(b, a, p, false);
                return forced(m, force);
            }
            if (v.isSequence() && !v.isNull()) {
                return sequence(b, a, p, force);
            }
            Kind k = b == null ? Kind.CREATE : a == null ? Kind.DELETE : Diffs.sameValue(b, a) ? Kind.NOOP : Kind.UPDATE;
            return new Leaf(k, b == null ? "" : text(b), a == null ? "" : text(a), force);
        }

        private Node forced(Mapping m, String force) {
            return force.isEmpty() ? m : new Mapping(m.kind, m.entries, m.map, m.resource, force);
        }

        private boolean secretChanged(Value b, Value a, AttributePath p) {
            boolean placeholder = (b.isNull() && b.isSensitive()) || (a.isNull() && a.isSensitive());
            if (placeholder) {
                if (changed == null) {
                    return b.isNull() != a.isNull();
                }
                for (AttributePath c : changed) {
                    if (c.startsWith(p) || p.startsWith(c)) {
                        return true;
                    }
                }
                return false;
            }
            return !Diffs.sameValue(b, a);
        }

        private Mapping mapping(Value b, Value a, AttributePath p, boolean resource) {
            Set<String> keys = new TreeSet<>();
            Value shape = a != null && !a.isNull() ? a : b;
            if (b != null && !b.isNull() && b.isMapping()) {
                keys.addAll(b.attributes().keySet());
            }
            if (a != null && !a.isNull() && a.isMapping()) {
                keys.addAll(a.attributes().keySet());
            }
            boolean map = shape != null && shape.isMap();
            Map<String, Node> entries = new LinkedHashMap<>();
            List<String> nulls = new ArrayList<>();
            boolean anyChange = false;
            for (String k : keys) {
                Value bk = b == null || b.isNull() ? null : absentIfNull(b.get(k));
                Value ak = a == null || a.isNull() ? null : absentIfNull(a.get(k));
                if (bk == null && ak == null) {
                    nulls.add(k);
                    continue;
                }
                AttributePath kp = (shape != null && shape.isObject()) || p.isRoot() ? p.attr(k) : p.key(k);
                Node n = diff(bk, ak, kp);
                entries.put(k, n);
                anyChange |= n.kind() != Kind.NOOP;
            }
            Kind kind = b == null ? Kind.CREATE : a == null ? Kind.DELETE : anyChange ? Kind.UPDATE : Kind.NOOP;
            if (entries.isEmpty() && !nulls.isEmpty() && !resource && kind != Kind.NOOP) {
                // null attributes are left out, but an object of nothing else is not shown as {}
                for (String k : nulls) {
                    entries.put(k, new Leaf(kind, "null", "null", ""));
                }
            }
            return new Mapping(kind, entries, map, resource, "");
        }

        private Node sequence(Value b, Value a, AttributePath p, String force) {
            List<Node> out = new ArrayList<>();
            boolean context = true;
            if (b == null) {
                List<Value> els = a.elements();
                for (int i = 0; i < els.size(); i++) {
                    out.add(diff(null, els.get(i), p.index(i)));
                }
                return new Sequence(Kind.CREATE, out, true, force);
            }
            if (a == null) {
                List<Value> els = b.elements();
                for (int i = 0; i < els.size(); i++) {
                    out.add(diff(els.get(i), null, p.index(i)));
                }
                return new Sequence(Kind.DELETE, out, true, force);
            }
            List<Value> be = b.elements();
            List<Value> ae = a.elements();
            if (b.isSet() || a.isSet()) {
                // sets have no order: equal elements are unchanged, the others removed or added
                context = false;
                List<Value> added = new ArrayList<>(ae);
                List<Node> removed = new ArrayList<>();
                for (Value x : be) {
                    int at = indexOfSame(added, x);
                    if (at >= 0) {
                        out.add(diff(x, added.remove(at), p));
                    } else {
                        removed.add(diff(x, null, p));
                    }
                }
                out.addAll(0, removed);
                for (Value x : added) {
                    out.add(diff(null, x, p));
                }
            } else if (b.isTuple() && a.isTuple() && be.size() == ae.size()) {
                for (int i = 0; i < be.size(); i++) {
                    out.add(diff(be.get(i), ae.get(i), p.index(i)));
                }
            } else {
                for (Edit<Value> e : Lcs.edits(be, ae, Diffs::sameValue, PlanTextRenderer::isObjectLike)) {
                    out.add(diff(e.before(), e.after(), p.index(e.afterIndex() >= 0 ? e.afterIndex()
                            : e.beforeIndex())));
                }
            }
            boolean anyChange = out.stream().anyMatch(n -> n.kind() != Kind.NOOP);
            return new Sequence(anyChange ? Kind.UPDATE : Kind.NOOP, out, context, force);
        }

        private int indexOfSame(List<Value> in, Value x) {
            for (int i = 0; i < in.size(); i++) {
                if (Diffs.sameValue(in.get(i), x)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static boolean isObjectLike(Value v) {
        return v != null && v.isKnown() && !v.isNull() && !v.isSensitive() && v.isMapping();
    }

    private static boolean isComplex(Value v) {
        return v != null && v.isKnown() && !v.isNull() && (v.isMapping() || v.isSequence() || isMultiline(v));
    }

    private static boolean isMultiline(Value v) {
        return v != null && v.isKnown() && !v.isNull() && !v.isSensitive() && v.type() == dev.lockstep.api.value.Type.STRING
                && v.asString().contains("\n");
    }

    private static List<String> lines(Value v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        String s = v.asString();
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return List.of(s.split("\n", -1));
    }

    /** Values of the same shape diff element by element; others (a string and a list) are shown whole. */
    private static boolean sameShape(Value b, Value a) {
        if (b.isNull() || a.isNull()) {
            return b.isNull() && a.isNull();
        }
        if (b.isMapping() || a.isMapping()) {
            return b.isMapping() && a.isMapping();
        }
        if (b.isSequence() || a.isSequence()) {
            return b.isSequence() && a.isSequence();
        }
        return true;
    }

    /** A primitive on one line. */
    private static String text(Value v) {
        return ValueText.render(v, 0);
    }

    /** One step of a sequence diff: an element kept (both sides), removed (after null) or added (before null). */
    record Edit<T>(T before, T after, int beforeIndex, int afterIndex) {
    }

    /** The longest-common-subsequence diff of two sequences, as Terraform computes it for lists. */
    static final class Lcs {

        private Lcs() {
        }

        static <T> List<Edit<T>> edits(List<T> b, List<T> a, java.util.function.BiPredicate<T, T> same) {
            return edits(b, a, same, x -> false);
        }

        /**
         * Common elements are kept; between two of them the removed elements come first, then the
         * added ones, except that a removed object facing an added object is paired with it (shown
         * as an update of its attributes), as Terraform pairs them.
         */
        static <T> List<Edit<T>> edits(List<T> b, List<T> a, java.util.function.BiPredicate<T, T> same,
                java.util.function.Predicate<T> objectLike) {
            int n = b.size();
            int m = a.size();
            int[][] len = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    len[i][j] = same.test(b.get(i), a.get(j)) ? len[i + 1][j + 1] + 1
                            : Math.max(len[i + 1][j], len[i][j + 1]);
                }
            }
            List<int[]> common = new ArrayList<>();
            for (int i = 0, j = 0; i < n && j < m;) {
                if (same.test(b.get(i), a.get(j))) {
                    common.add(new int[] {i, j});
                    i++;
                    j++;
                } else if (len[i + 1][j] >= len[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
            List<Edit<T>> out = new ArrayList<>();
            int i = 0;
            int j = 0;
            for (int c = 0; c <= common.size(); c++) {
                int ni = c < common.size() ? common.get(c)[0] : n;
                int nj = c < common.size() ? common.get(c)[1] : m;
                while (i < ni) {
                    if (j < nj && objectLike.test(b.get(i)) && objectLike.test(a.get(j))) {
                        out.add(new Edit<>(b.get(i), a.get(j), i, j));
                        i++;
                        j++;
                    } else {
                        out.add(new Edit<>(b.get(i), null, i, -1));
                        i++;
                    }
                }
                while (j < nj) {
                    out.add(new Edit<>(null, a.get(j), -1, j));
                    j++;
                }
                if (c < common.size()) {
                    out.add(new Edit<>(b.get(i), a.get(j), i, j));
                    i++;
                    j++;
                }
            }
            return out;
        }
    }
}
