package dev.lockstep.planner.validate;

import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.ConfigLoader;
import dev.lockstep.planner.config.Local;
import dev.lockstep.planner.config.Output;
import dev.lockstep.planner.config.ProviderBlock;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.engine.Conditions;
import dev.lockstep.planner.graph.ConfigGraph;
import dev.lockstep.planner.graph.GraphNode;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.Suggestions;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.scope.ConfigScope;
import dev.lockstep.planner.scope.Expansion;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Body;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a configuration without touching any live system: syntax, declarations, references,
 * cycles, variable values and their validation rules, count and for_each, every expression
 * (resources evaluate to unknowns; conditions only for errors, not for their results) and every
 * resource and provider body against its provider's schema.
 */
public final class ConfigValidator {

    /** The outcome: the loaded configuration and graph (possibly partial) and every problem found. */
    public record Result(Config config, ConfigGraph graph, ConfigScope scope, Diagnostics diagnostics) {
        public boolean valid() {
            return !diagnostics.hasErrors();
        }
    }

    private final Schemas schemas;
    private final Map<String, Function> functions;

    public ConfigValidator(Schemas schemas, Map<String, Function> functions) {
        this.schemas = schemas;
        this.functions = functions;
    }

    public Result validate(Path dir, VariableValues.Sources sources) {
        Diagnostics diags = new Diagnostics();
        FunctionContext fctx = new FunctionContext(dir.toAbsolutePath(), sources.environment(), true);
        EvalContext constants = EvalContext.of(Map.of(), functions, fctx);
        Config config = new ConfigLoader(diags, constants).load(dir);
        if (diags.hasErrors() && config.sources().isEmpty()) {
            return new Result(config, null, null, diags);
        }
        ConfigGraph graph = ConfigGraph.build(config, diags);
        checkProviders(config, diags);
        ConfigScope scope = new ConfigScope(config);
        scope.setVariables(new VariableValues(config, diags, constants).resolve(sources, false));
        EvalContext ctx = EvalContext.of(scope, functions, fctx);
        Set<GraphNode> inCycles = new HashSet<>();
        for (List<GraphNode> c : graph.graph().cycles()) {
            inCycles.addAll(c);
        }
        BodyDecoder decoder = new BodyDecoder(diags);
        Map<String, ResourceConfig> byNode = new HashMap<>();
        for (ResourceConfig r : config.resources().values()) {
            byNode.put((r.mode() == ResourceMode.DATA ? "data." : "") + r.type() + "." + r.name(), r);
        }
        for (GraphNode n : graph.graph().topologicalOrder()) {
            if (inCycles.contains(n)) {
                continue;
            }
            switch (n.kind()) {
                case LOCAL: {
                    Local l = config.locals().get(n.name());
                    scope.setLocal(l.name(), Evaluator.evaluate(l.expr(), ctx, diags));
                    break;
                }
                case RESOURCE:
                case DATA:
                    validateResource(byNode.get(n.id()), scope, ctx, decoder, diags);
                    break;
                case OUTPUT:
                    validateOutput(config.outputs().get(n.name()), ctx, diags);
                    break;
                case CHECK:
                    Conditions.validate(config.checks().get(n.name()).asserts(), ctx, diags);
                    break;
                case PROVIDER:
                    validateProviderBody(config, n.name(), ctx, decoder, diags);
                    break;
                default:
                    break;
            }
        }
        validatePolicies(config, ctx, diags);
        return new Result(config, graph, scope, oneErrorPerRange(diags.deduplicated()));
    }

    /**
     * The policy and waiver blocks: their arguments against the catalogue, and each custom
     * policy's expressions for the problems they have whatever the object ({@code self} unknown).
     */
    private static void validatePolicies(Config config, EvalContext ctx, Diagnostics diags) {
        var defs = dev.lockstep.planner.policy.eval.PolicyDecoder.decode(config, ctx, true, diags);
        EvalContext withSelf = Conditions.withSelf(ctx, dev.lockstep.api.value.Value.DYNAMIC_UNKNOWN);
        for (var c : defs.customs()) {
            Conditions.validate(List.of(new dev.lockstep.planner.config.Condition(c.condition(), c.errorMessage(),
                    c.range())), withSelf, diags);
        }
    }

    /**
     * Drops an error whose source range already carries an earlier error. The graph checks every
     * reference before evaluation and says the most (with "did you mean"); evaluating the same
     * reference afterwards reports it again in other words, which is one mistake told twice.
     */
    private static Diagnostics oneErrorPerRange(Diagnostics diags) {
        Set<SourceRange> seen = new HashSet<>();
        Diagnostics out = new Diagnostics();
        for (Diagnostic d : diags) {
            if (d.isError() && d.subject() != null && !seen.add(d.subject())) {
                continue;
            }
            out.add(d);
        }
        return out;
    }

    private void checkProviders(Config config, Diagnostics diags) {
        for (ResourceConfig r : config.resources().values()) {
            String provider = Schemas.providerOf(r.type());
            ProviderSchema p = schemas.provider(provider);
            String kind = r.mode() == ResourceMode.DATA ? "data source" : "resource";
            if (p == null) {
                diags.error("Missing provider", "No provider is installed for " + kind + " type \"" + r.type()
                        + "\" (provider \"" + provider + "\"). Installed providers: "
                        + String.join(", ", schemas.providerNames()) + "."
                        + Suggestions.didYouMean(provider, schemas.providerNames()), r.range());
                continue;
            }
            Map<String, ResourceSchema> types = r.mode() == ResourceMode.DATA ? p.dataSources() : p.resources();
            if (!types.containsKey(r.type())) {
                diags.error("Invalid " + kind + " type", "The provider \"" + provider + "\" does not support " + kind
                        + " type \"" + r.type() + "\"." + Suggestions.didYouMean(r.type(), types.keySet()), r.range());
            }
        }
        for (ProviderBlock b : config.providers()) {
            if (!schemas.hasProvider(b.name())) {
                diags.error("Missing provider", "No provider named \"" + b.name() + "\" is installed. Installed "
                        + "providers: " + String.join(", ", schemas.providerNames()) + "."
                        + Suggestions.didYouMean(b.name(), schemas.providerNames()), b.range());
            }
        }
    }

    private ResourceSchema schemaOf(ResourceConfig r) {
        return r.mode() == ResourceMode.DATA ? schemas.dataSource(r.type()) : schemas.resource(r.type());
    }

    private void validateResource(ResourceConfig r, ConfigScope scope, EvalContext ctx, BodyDecoder decoder,
            Diagnostics diags) {
        if (r == null) {
            return;
        }
        List<Expansion.Instance> instances = Expansion.expand(r, ctx, diags);
        ResourceSchema schema = schemaOf(r);
        Value placeholder = schema == null ? Value.DYNAMIC_UNKNOWN
                : r.count() == null && r.forEach() == null ? Value.unknown(schema.block().impliedType())
                : Value.DYNAMIC_UNKNOWN;
        if (r.mode() == ResourceMode.DATA) {
            scope.setData(r.type(), r.name(), placeholder);
        } else {
            scope.setResource(r.type(), r.name(), placeholder);
        }
        if (schema == null) {
            return;
        }
        // Check the body once, as Terraform's validate does, with unknown instance values.
        Value countIndex = r.count() != null ? Value.unknown(Type.NUMBER) : null;
        Value eachKey = r.forEach() != null ? Value.unknown(Type.STRING) : null;
        Value eachValue = r.forEach() != null ? Value.DYNAMIC_UNKNOWN : null;
        if (instances != null && !instances.isEmpty() && (r.count() != null || r.forEach() != null)) {
            Expansion.Instance first = instances.get(0);
            countIndex = first.countIndex();
            eachKey = first.eachKey();
            eachValue = first.eachValue();
        }
        EvalContext ictx = EvalContext.of(scope.forInstance(countIndex, eachKey, eachValue), ctx.functions(),
                ctx.functionContext());
        decoder.decode(r.body(), schema.block(), ictx, r.range());
        Conditions.validate(r.lifecycle().preconditions(), ictx, diags);
        Conditions.validate(r.lifecycle().postconditions(), Conditions.withSelf(ictx,
                Value.unknown(schema.block().impliedType())), diags);
    }

    private void validateOutput(Output o, EvalContext ctx, Diagnostics diags) {
        Conditions.validate(o.preconditions(), ctx, diags);
        Value v = Evaluator.evaluate(o.value(), ctx, diags);
        if (!o.sensitive() && v.containsSensitive()) {
            diags.error("Output refers to sensitive values", "To reduce the risk of accidentally exporting sensitive "
                    + "data that was intended to be only internal, lockstep requires that any output containing "
                    + "sensitive data be explicitly marked as sensitive, to confirm your intent. If you do intend to "
                    + "export this data, annotate the output value as sensitive by adding the following argument:\n"
                    + "    sensitive = true", o.value().range());
        }
    }

    private void validateProviderBody(Config config, String key, EvalContext ctx, BodyDecoder decoder,
            Diagnostics diags) {
        for (ProviderBlock b : config.providers()) {
            if (!b.key().equals(key)) {
                continue;
            }
            ProviderSchema p = schemas.provider(b.name());
            if (p == null) {
                return;
            }
            List<Body.BodyItem> items = new ArrayList<>();
            for (Body.BodyItem item : b.body().items()) {
                if (!(item instanceof Attribute a && a.name().equals("alias"))) {
                    items.add(item);
                }
            }
            decoder.decode(new Body(items, b.body().range()), p.config(), ctx, b.range());
        }
    }
}
