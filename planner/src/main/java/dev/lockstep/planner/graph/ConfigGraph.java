package dev.lockstep.planner.graph;

import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.config.Check;
import dev.lockstep.planner.config.Condition;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.Local;
import dev.lockstep.planner.config.Output;
import dev.lockstep.planner.config.ProviderBlock;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.config.Variable;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependency graph of a configuration, built from the references in its expressions. Every
 * reference is checked on the way: undeclared variables, locals and resources (with "did you
 * mean"), {@code count} and {@code each} outside their contexts, and self references. Cycles are
 * reported once each, listing every member with its location.
 */
public final class ConfigGraph {

    private final Config config;
    private final Diagnostics diags;
    private final DependencyGraph<GraphNode> graph = new DependencyGraph<>();
    private final Map<String, GraphNode> nodes = new LinkedHashMap<>();

    private ConfigGraph(Config config, Diagnostics diags) {
        this.config = config;
        this.diags = diags;
    }

    /** Builds and checks the graph of {@code config}. */
    public static ConfigGraph build(Config config, Diagnostics diags) {
        ConfigGraph g = new ConfigGraph(config, diags);
        g.addNodes();
        g.addEdges();
        g.reportCycles();
        return g;
    }

    public DependencyGraph<GraphNode> graph() {
        return graph;
    }

    /** The node with this id ({@code var.x}, {@code local.y}, {@code type.name}...), or null. */
    public GraphNode node(String id) {
        return nodes.get(id);
    }

    private void add(GraphNode n) {
        nodes.put(n.id(), n);
        graph.addNode(n);
    }

    private void addNodes() {
        for (Variable v : config.variables().values()) {
            add(new GraphNode(GraphNode.Kind.VARIABLE, v.name(), v.range()));
        }
        for (Local l : config.locals().values()) {
            add(new GraphNode(GraphNode.Kind.LOCAL, l.name(), l.range()));
        }
        for (ProviderBlock p : config.providers()) {
            add(new GraphNode(GraphNode.Kind.PROVIDER, p.key(), p.range()));
        }
        for (ResourceConfig r : config.resources().values()) {
            GraphNode.Kind k = r.mode() == ResourceMode.DATA ? GraphNode.Kind.DATA : GraphNode.Kind.RESOURCE;
            add(new GraphNode(k, r.type() + "." + r.name(), r.range()));
        }
        for (Output o : config.outputs().values()) {
            add(new GraphNode(GraphNode.Kind.OUTPUT, o.name(), o.range()));
        }
        for (Check c : config.checks().values()) {
            add(new GraphNode(GraphNode.Kind.CHECK, c.name(), c.range()));
        }
    }

    /**
     * Where a reference appears, which decides whether {@code count}, {@code each} and
     * {@code self} (a postcondition's object) are valid.
     */
    private record Site(GraphNode node, boolean count, boolean forEach, boolean self) {
        Site(GraphNode node, boolean count, boolean forEach) {
            this(node, count, forEach, false);
        }
    }

    /** The references of the condition and error message of each condition. */
    private static List<Traversal> conditionReferences(List<Condition> conditions) {
        List<Traversal> out = new ArrayList<>();
        for (Condition c : conditions) {
            out.addAll(Expressions.references(c.condition()));
            out.addAll(Expressions.references(c.errorMessage()));
        }
        return out;
    }

    private void addEdges() {
        for (Local l : config.locals().values()) {
            Site s = new Site(nodes.get("local." + l.name()), false, false);
            refs(s, Expressions.references(l.expr()));
        }
        for (ProviderBlock p : config.providers()) {
            Site s = new Site(nodes.get("provider." + p.key()), false, false);
            List<Traversal> refs = new ArrayList<>();
            bodyReferences(p.body(), new HashSet<>(), refs);
            refs(s, refs);
        }
        for (ResourceConfig r : config.resources().values()) {
            GraphNode n = nodes.get((r.mode() == ResourceMode.DATA ? "data." : "") + r.type() + "." + r.name());
            Site s = new Site(n, r.count() != null, r.forEach() != null);
            List<Traversal> refs = new ArrayList<>();
            if (r.count() != null) {
                refs(new Site(n, false, false), Expressions.references(r.count()));
            }
            if (r.forEach() != null) {
                refs(new Site(n, false, false), Expressions.references(r.forEach()));
            }
            bodyReferences(r.body(), new HashSet<>(), refs);
            for (Expression e : r.lifecycle().replaceTriggeredBy()) {
                refs.addAll(Expressions.references(e));
            }
            refs.addAll(r.dependsOn());
            refs.addAll(conditionReferences(r.lifecycle().preconditions()));
            refs(s, refs);
            refs(new Site(n, s.count(), s.forEach(), true), conditionReferences(r.lifecycle().postconditions()));
            GraphNode provider = providerNode(r);
            if (provider != null) {
                graph.addEdge(n, provider);
            }
        }
        for (Output o : config.outputs().values()) {
            Site s = new Site(nodes.get("output." + o.name()), false, false);
            List<Traversal> refs = new ArrayList<>(Expressions.references(o.value()));
            refs.addAll(o.dependsOn());
            refs.addAll(conditionReferences(o.preconditions()));
            refs(s, refs);
        }
        for (Check c : config.checks().values()) {
            refs(new Site(nodes.get("check." + c.name()), false, false), conditionReferences(c.asserts()));
        }
    }

    private GraphNode providerNode(ResourceConfig r) {
        String key = r.provider() != null ? r.provider() : r.impliedProvider();
        GraphNode p = nodes.get("provider." + key);
        if (p == null && r.provider() != null && r.provider().contains(".")) {
            diags.error("Reference to undeclared provider configuration", "There is no provider configuration \""
                    + r.provider() + "\"; add a provider \"" + r.provider().substring(0, r.provider().indexOf('.'))
                    + "\" block with alias = \"" + r.provider().substring(r.provider().indexOf('.') + 1) + "\".",
                    r.range());
        }
        return p;
    }

    /** Collects references in a body, following nested and {@code dynamic} blocks. */
    public static void bodyReferences(Body body, Set<String> bound, List<Traversal> out) {
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Attribute a) {
                filtered(a.expr(), bound, out);
            } else {
                Block b = (Block) item;
                if (b.type().equals("dynamic") && b.labels().size() == 1) {
                    String iterator = b.label(0);
                    Set<String> inner = new HashSet<>(bound);
                    for (Body.BodyItem di : b.body().items()) {
                        if (di instanceof Attribute a) {
                            if (a.name().equals("iterator") && a.expr() instanceof ScopeTraversalExpr s) {
                                iterator = s.traversal().root();
                            } else if (!a.name().equals("labels")) {
                                filtered(a.expr(), bound, out);
                            }
                        }
                    }
                    inner.add(iterator);
                    for (Body.BodyItem di : b.body().items()) {
                        if (di instanceof Attribute a && a.name().equals("labels")) {
                            filtered(a.expr(), inner, out);
                        } else if (di instanceof Block content) {
                            bodyReferences(content.body(), inner, out);
                        }
                    }
                } else {
                    bodyReferences(b.body(), bound, out);
                }
            }
        }
    }

    private static void filtered(Expression e, Set<String> bound, List<Traversal> out) {
        for (Traversal t : Expressions.references(e)) {
            if (!bound.contains(t.root())) {
                out.add(t);
            }
        }
    }

    private void refs(Site site, List<Traversal> refs) {
        for (Traversal t : refs) {
            GraphNode target = resolve(site, t);
            if (target != null) {
                if (target.equals(site.node()) && site.node().kind() != GraphNode.Kind.LOCAL) {
                    diags.error("Self-referential block", "Configuration for " + site.node().id() + " may not refer "
                            + "to itself.", t.range());
                    continue;
                }
                graph.addEdge(site.node(), target);
            }
        }
    }

    private static String attrAt(Traversal t, int i) {
        if (t.steps().size() > i && t.steps().get(i) instanceof Traversal.Attr a) {
            return a.name();
        }
        return null;
    }

    /** The node a reference points at; null for built-in roots or after reporting an error. */
    private GraphNode resolve(Site site, Traversal t) {
        String root = t.root();
        SourceRange range = t.range();
        switch (root) {
            case "var": {
                String n = attrAt(t, 0);
                if (n == null) {
                    diags.error("Invalid reference", "The \"var\" object cannot be accessed directly. Instead, access "
                            + "one of its attributes, such as var.name.", range);
                    return null;
                }
                GraphNode node = nodes.get("var." + n);
                if (node == null) {
                    diags.error("Reference to undeclared input variable", undeclaredVariable(config, n), range);
                }
                return node;
            }
            case "local": {
                String n = attrAt(t, 0);
                if (n == null) {
                    diags.error("Invalid reference", "The \"local\" object cannot be accessed directly. Instead, "
                            + "access one of its attributes, such as local.name.", range);
                    return null;
                }
                GraphNode node = nodes.get("local." + n);
                if (node == null) {
                    diags.error("Reference to undeclared local value", undeclaredLocal(config, n), range);
                }
                return node;
            }
            case "count":
                if (!"index".equals(attrAt(t, 0))) {
                    diags.error("Invalid \"count\" attribute", "The \"count\" object does not have an attribute named "
                            + (attrAt(t, 0) == null ? "like that" : "\"" + attrAt(t, 0) + "\"")
                            + ". The only supported attribute is count.index.", range);
                } else if (!site.count()) {
                    diags.error("Reference to \"count\" in non-counted context", "The \"count\" object can only be "
                            + "used in \"resource\" and \"data\" blocks, and only when the \"count\" argument is set.",
                            range);
                }
                return null;
            case "each": {
                String a = attrAt(t, 0);
                if (!"key".equals(a) && !"value".equals(a)) {
                    diags.error("Invalid \"each\" attribute", "The \"each\" object does not have an attribute named "
                            + (a == null ? "like that" : "\"" + a + "\"") + ". The supported attributes are each.key "
                            + "and each.value.", range);
                } else if (!site.forEach()) {
                    diags.error("Reference to \"each\" in context without for_each", "The \"each\" object can be used "
                            + "only in \"resource\" and \"data\" blocks, and only when the \"for_each\" argument is "
                            + "set.", range);
                }
                return null;
            }
            case "path": {
                String a = attrAt(t, 0);
                if (!"module".equals(a) && !"root".equals(a) && !"cwd".equals(a)) {
                    diags.error("Invalid \"path\" attribute", "The \"path\" object does not have an attribute named "
                            + (a == null ? "like that" : "\"" + a + "\"") + ". The supported attributes are "
                            + "path.module, path.root and path.cwd.", range);
                }
                return null;
            }
            case "terraform":
                if (!"workspace".equals(attrAt(t, 0))) {
                    diags.error("Invalid \"terraform\" attribute", "The only supported attribute of \"terraform\" is "
                            + "terraform.workspace.", range);
                }
                return null;
            case "self":
                if (!site.self()) {
                    diags.error("Invalid \"self\" reference", "The \"self\" object is not available here; it refers "
                            + "to the object itself only inside a postcondition block of a resource or data source "
                            + "(and in provisioner and connection blocks, which lockstep does not run).", range);
                }
                return null;
            case "data": {
                String type = attrAt(t, 0);
                String name = attrAt(t, 1);
                if (type == null || name == null) {
                    diags.error("Invalid reference", "A reference to a data source must give its type and name, as in "
                            + "data.TYPE.NAME.", range);
                    return null;
                }
                GraphNode node = nodes.get("data." + type + "." + name);
                if (node == null) {
                    diags.error("Reference to undeclared resource", "A data resource \"" + type + "\" \"" + name
                            + "\" has not been declared." + Suggestions.didYouMean("data." + type + "." + name,
                            ids(GraphNode.Kind.DATA)), range);
                }
                return node;
            }
            case "module":
                diags.error("Unsupported reference", "Module calls are not supported by lockstep, so \"module\" "
                        + "references cannot be resolved.", range);
                return null;
            default: {
                String name = attrAt(t, 0);
                if (name == null) {
                    diags.error("Invalid reference", "A reference to a resource type must be followed by at least one "
                            + "attribute access, specifying the resource name.", range);
                    return null;
                }
                GraphNode node = nodes.get(root + "." + name);
                if (node == null) {
                    diags.error("Reference to undeclared resource", undeclaredResource(config, root, name), range);
                }
                return node;
            }
        }
    }

    /** The detail of the "Reference to undeclared input variable" error, with a suggestion. */
    public static String undeclaredVariable(Config config, String name) {
        return "An input variable with the name \"" + name + "\" has not been declared."
                + Suggestions.didYouMean(name, config.variables().keySet())
                + " This variable can be declared with a variable \"" + name + "\" {} block.";
    }

    /** The detail of the "Reference to undeclared local value" error, with a suggestion. */
    public static String undeclaredLocal(Config config, String name) {
        return "A local value with the name \"" + name + "\" has not been declared."
                + Suggestions.didYouMean(name, config.locals().keySet());
    }

    /**
     * The detail of the "Reference to undeclared resource" error, with a suggestion: a declared
     * resource with a similar address, or a namespace the user probably meant ({@code locl.x} is
     * most likely {@code local.x}).
     */
    public static String undeclaredResource(Config config, String type, String name) {
        Set<String> declared = new TreeSet<>();
        for (ResourceConfig r : config.resources().values()) {
            if (r.mode() == ResourceMode.MANAGED) {
                declared.add(r.type() + "." + r.name());
            }
        }
        String hint = Suggestions.didYouMean(type + "." + name, declared);
        if (hint.isEmpty()) {
            String ns = Suggestions.nearest(type, List.of("var", "local", "data", "count", "each", "path"));
            if (ns != null) {
                hint = " Did you mean \"" + ns + "." + name + "\"?";
            }
        }
        return "A managed resource \"" + type + "\" \"" + name + "\" has not been declared." + hint;
    }

    private Set<String> ids(GraphNode.Kind kind) {
        Set<String> out = new TreeSet<>();
        for (GraphNode n : nodes.values()) {
            if (n.kind() == kind) {
                out.add(n.id());
            }
        }
        return out;
    }

    private void reportCycles() {
        for (List<GraphNode> cycle : graph.cycles()) {
            StringBuilder names = new StringBuilder();
            StringBuilder where = new StringBuilder();
            for (GraphNode n : cycle) {
                if (names.length() > 0) {
                    names.append(", ");
                }
                names.append(n.id());
                where.append("\n  - ").append(n.id()).append(" (").append(n.range().file()).append(":")
                        .append(n.range().start().line()).append(",").append(n.range().start().column()).append(")");
            }
            diags.error("Cycle: " + names, "These declarations refer to each other in a loop, so none of them can be "
                    + "evaluated first:" + where + "\nBreak the loop by removing one of the references.",
                    cycle.get(0).range());
        }
    }
}
