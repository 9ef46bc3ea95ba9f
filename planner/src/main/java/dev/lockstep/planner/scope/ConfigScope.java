package dev.lockstep.planner.scope;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.graph.ConfigGraph;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.RootScope;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a configuration's expressions can refer to, filled in as evaluation proceeds in
 * dependency order: input variables, local values, resources and data sources (the value of
 * {@code type.name}: one object, or a list for {@code count}, or a map for {@code for_each}),
 * plus {@code path} and {@code terraform.workspace}. Instance scopes add {@code count.index} and
 * {@code each}.
 */
public class ConfigScope implements RootScope {

    private static final Set<String> ROOTS = Set.of("var", "local", "data", "path", "terraform", "count", "each");

    private final Config config;
    private final Map<String, Value> variables = new ConcurrentHashMap<>();
    private final Map<String, Value> locals = new ConcurrentHashMap<>();
    private final Map<String, Value> resources = new ConcurrentHashMap<>();
    private final Map<String, Value> data = new ConcurrentHashMap<>();
    private final Value path;

    public ConfigScope(Config config) {
        this.config = config;
        Path dir = config.dir() == null ? Path.of("") : config.dir();
        this.path = Value.object(Map.of(
                "module", Value.string("."),
                "root", Value.string("."),
                "cwd", Value.string(Path.of("").toAbsolutePath().toString())));
        this.dirForFunctions = dir;
    }

    private final Path dirForFunctions;

    public Path dir() {
        return dirForFunctions;
    }

    public Config config() {
        return config;
    }

    public void setVariables(Map<String, Value> values) {
        variables.putAll(values);
    }

    public void setLocal(String name, Value v) {
        locals.put(name, v);
    }

    /** Sets the value of {@code type.name} (a managed resource). */
    public void setResource(String type, String name, Value v) {
        resources.put(type + "." + name, v);
    }

    /** Sets the value of {@code data.type.name}. */
    public void setData(String type, String name, Value v) {
        data.put(type + "." + name, v);
    }

    public Map<String, Value> variables() {
        return variables;
    }

    public Map<String, Value> locals() {
        return locals;
    }

    /** A scope for one instance of a resource: adds {@code count.index} or {@code each}. */
    public RootScope forInstance(Value countIndex, Value eachKey, Value eachValue) {
        ConfigScope outer = this;
        return new RootScope() {
            @Override
            public Resolution resolve(Traversal t, Diagnostics diags) {
                if (t.root().equals("count") && countIndex != null && "index".equals(attr(t, 0))) {
                    return new Resolution(countIndex, 1);
                }
                if (t.root().equals("each") && eachKey != null) {
                    String a = attr(t, 0);
                    if ("key".equals(a)) {
                        return new Resolution(eachKey, 1);
                    }
                    if ("value".equals(a)) {
                        return new Resolution(eachValue, 1);
                    }
                }
                return outer.resolve(t, diags);
            }

            @Override
            public Set<String> rootNames() {
                return outer.rootNames();
            }
        };
    }

    private static String attr(Traversal t, int i) {
        return t.steps().size() > i && t.steps().get(i) instanceof Traversal.Attr a ? a.name() : null;
    }

    @Override
    public Resolution resolve(Traversal t, Diagnostics diags) {
        String root = t.root();
        switch (root) {
            case "var": {
                String n = attr(t, 0);
                Value v = n == null ? null : variables.get(n);
                if (v == null) {
                    diags.error(n == null ? "Invalid reference" : "Reference to undeclared input variable",
                            n == null ? "The \"var\" object cannot be accessed directly. Instead, access one of its "
                            + "attributes, such as var.name." : ConfigGraph.undeclaredVariable(config, n), t.range());
                    return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
                }
                return new Resolution(v, 1);
            }
            case "local": {
                String n = attr(t, 0);
                Value v = n == null ? null : locals.get(n);
                if (v == null) {
                    if (n != null && config.locals().containsKey(n)) {
                        // declared but not evaluated (it failed, or is part of a cycle)
                        return new Resolution(Value.DYNAMIC_UNKNOWN, 1);
                    }
                    diags.error(n == null ? "Invalid reference" : "Reference to undeclared local value",
                            n == null ? "The \"local\" object cannot be accessed directly. Instead, access one of its "
                            + "attributes, such as local.name." : ConfigGraph.undeclaredLocal(config, n), t.range());
                    return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
                }
                return new Resolution(v, 1);
            }
            case "path": {
                String a = attr(t, 0);
                if (a == null || path.get(a) == null) {
                    diags.error("Invalid \"path\" attribute", "The supported attributes are path.module, path.root and "
                            + "path.cwd.", t.range());
                    return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
                }
                return new Resolution(path.get(a), 1);
            }
            case "terraform":
                if ("workspace".equals(attr(t, 0))) {
                    return new Resolution(Value.string("default"), 1);
                }
                diags.error("Invalid \"terraform\" attribute", "The only supported attribute is terraform.workspace.",
                        t.range());
                return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
            case "count":
            case "each":
                diags.error("Reference to \"" + root + "\" out of context", "\"" + root + "\" is only available in "
                        + "resource and data blocks that set " + (root.equals("count") ? "count" : "for_each") + ".",
                        t.range());
                return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
            case "data": {
                String type = attr(t, 0);
                String name = attr(t, 1);
                Value v = type == null || name == null ? null : data.get(type + "." + name);
                if (v == null) {
                    if (type != null && name != null
                            && config.resources().containsKey(ResourceAddress.data(type, name))) {
                        return new Resolution(Value.DYNAMIC_UNKNOWN, 2);
                    }
                    diags.error("Reference to undeclared resource", "A data resource \"" + type + "\" \"" + name
                            + "\" has not been declared.", t.range());
                    return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
                }
                return new Resolution(v, 2);
            }
            default: {
                String name = attr(t, 0);
                if (name == null) {
                    diags.error("Invalid reference", "A reference to a resource type must be followed by at least one "
                            + "attribute access, specifying the resource name.", t.range());
                    return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
                }
                Value v = resources.get(root + "." + name);
                if (v == null) {
                    if (!config.resources().containsKey(ResourceAddress.managed(root, name))) {
                        diags.error("Reference to undeclared resource",
                                ConfigGraph.undeclaredResource(config, root, name), t.range());
                    }
                    return new Resolution(Value.DYNAMIC_UNKNOWN, 1);
                }
                return new Resolution(v, 1);
            }
        }
    }

    @Override
    public Set<String> rootNames() {
        return ROOTS;
    }
}
