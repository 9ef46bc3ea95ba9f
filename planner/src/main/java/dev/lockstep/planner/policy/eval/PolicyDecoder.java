package dev.lockstep.planner.policy.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.PolicyBlock;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.Suggestions;
import dev.lockstep.planner.policy.BuiltinRule;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicyDefinitions;
import dev.lockstep.planner.policy.PolicyDefinitions.Builtin;
import dev.lockstep.planner.policy.PolicyDefinitions.Custom;
import dev.lockstep.planner.policy.PolicyDefinitions.Waiver;
import dev.lockstep.planner.policy.RuleParameter;
import dev.lockstep.planner.policy.RuleSettings;
import dev.lockstep.planner.policy.rules.BuiltinRules;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes a configuration's {@code policy} and {@code waiver} blocks into {@link PolicyDefinitions},
 * checking them against the built-in catalogue with source ranges (docs/policies.md). Arguments are
 * evaluated in the configuration's scope (variables, locals, functions); in {@code validate}, where
 * variables may not be known yet, an unknown argument is skipped.
 */
public final class PolicyDecoder {

    private static final Set<String> CUSTOM_ARGS = Set.of("enforcement", "title", "resource_types", "addresses",
            "labels", "condition", "error_message");
    private static final Set<String> WAIVER_ARGS = Set.of("policy", "resources", "reason", "owner", "expires");

    private PolicyDecoder() {
    }

    /**
     * Decodes the configuration's policy and waiver blocks. Problems are errors in {@code diags}
     * at the argument; {@code validating} skips arguments whose values are not known yet.
     */
    public static PolicyDefinitions decode(Config config, EvalContext ctx, boolean validating, Diagnostics diags) {
        Reader r = new Reader(ctx, validating, diags);
        List<Builtin> builtins = new ArrayList<>();
        Map<String, PolicyBlock> blocks = config.policies();
        for (BuiltinRule rule : BuiltinRules.all()) {
            PolicyBlock b = blocks.get(rule.id());
            builtins.add(b == null ? new Builtin(rule, rule.defaultEnforcement(), RuleSettings.defaults(rule))
                    : r.builtin(rule, b));
        }
        List<Custom> customs = new ArrayList<>();
        for (PolicyBlock b : blocks.values()) {
            if (BuiltinRules.byId(b.name()) == null) {
                Custom c = r.custom(b);
                if (c != null) {
                    customs.add(c);
                }
            }
        }
        Set<String> ids = new TreeSet<>(blocks.keySet());
        BuiltinRules.all().forEach(x -> ids.add(x.id()));
        List<Waiver> waivers = new ArrayList<>();
        for (PolicyBlock b : config.waivers().values()) {
            Waiver w = r.waiver(b, ids);
            if (w != null) {
                waivers.add(w);
            }
        }
        return new PolicyDefinitions(builtins, customs, waivers);
    }

    /** Reads one block's arguments. */
    private static final class Reader {
        private final EvalContext ctx;
        private final boolean validating;
        private final Diagnostics diags;

        Reader(EvalContext ctx, boolean validating, Diagnostics diags) {
            this.ctx = ctx;
            this.validating = validating;
            this.diags = diags;
        }

        Builtin builtin(BuiltinRule rule, PolicyBlock b) {
            Map<String, RuleParameter> params = new LinkedHashMap<>();
            rule.parameters().forEach(p -> params.put(p.name(), p));
            Set<String> allowed = new TreeSet<>(params.keySet());
            allowed.add("enforcement");
            Map<String, Attribute> attrs = attributes(b, allowed, "the built-in rule \"" + rule.id() + "\"",
                    "A built-in rule takes enforcement" + (params.isEmpty() ? "" : " and its parameters ("
                            + String.join(", ", params.keySet()) + ")") + "; a custom policy needs an id of its own.");
            Enforcement e = enforcement(attrs.get("enforcement"), rule.defaultEnforcement());
            Map<String, Value> values = new LinkedHashMap<>(RuleSettings.defaults(rule).values());
            for (RuleParameter p : rule.parameters()) {
                Value v = value(attrs.get(p.name()), p.type());
                if (v != null) {
                    values.put(p.name(), v);
                }
            }
            return new Builtin(rule, e, new RuleSettings(values));
        }

        Custom custom(PolicyBlock b) {
            Map<String, Attribute> attrs = attributes(b, CUSTOM_ARGS, "a custom policy", "A custom policy takes "
                    + String.join(", ", new TreeSet<>(CUSTOM_ARGS)) + ". Built-in rules are listed by `lockstep "
                    + "policy list`." + Suggestions.didYouMean(b.name(), BuiltinRules.all().stream()
                            .map(BuiltinRule::id).toList()));
            boolean ok = true;
            for (String req : List.of("condition", "error_message")) {
                if (!attrs.containsKey(req)) {
                    diags.error("Missing required argument", "The policy \"" + b.name() + "\" is not a built-in rule, "
                            + "so it is a custom policy, which needs \"" + req + "\"." + Suggestions.didYouMean(b.name(),
                                    BuiltinRules.all().stream().map(BuiltinRule::id).toList()), b.labelRange());
                    ok = false;
                }
            }
            if (!attrs.containsKey("resource_types") && !attrs.containsKey("addresses") && !attrs.containsKey("labels")) {
                diags.error("Missing policy selector", "The custom policy \"" + b.name() + "\" selects no resources: "
                        + "give resource_types, addresses or labels (or several: an object must match all given).",
                        b.range());
                ok = false;
            }
            Enforcement e = enforcement(attrs.get("enforcement"), Enforcement.MANDATORY);
            String title = string(attrs.get("title"));
            List<String> types = strings(attrs.get("resource_types"));
            List<String> addresses = strings(attrs.get("addresses"));
            Map<String, String> labels = new LinkedHashMap<>();
            Value lv = value(attrs.get("labels"), Type.map(Type.STRING));
            if (lv != null && !lv.isNull()) {
                lv.attributes().forEach((k, v) -> labels.put(k, v.asString()));
            }
            if (!ok) {
                return null;
            }
            return new Custom(b.name(), title == null ? b.name() : title, e, types, addresses, labels,
                    attrs.get("condition").expr(), attrs.get("error_message").expr(), b.range());
        }

        Waiver waiver(PolicyBlock b, Set<String> ids) {
            Map<String, Attribute> attrs = attributes(b, WAIVER_ARGS, "a waiver", "A waiver takes policy, resources, "
                    + "reason, owner and expires.");
            boolean ok = true;
            for (String req : List.of("policy", "resources", "reason", "owner", "expires")) {
                if (!attrs.containsKey(req)) {
                    diags.error("Missing required argument", "The waiver \"" + b.name() + "\" needs \"" + req + "\": "
                            + "a waiver names the policy, the resources it covers, a reason, an owner and an expiry "
                            + "date (YYYY-MM-DD).", b.range());
                    ok = false;
                }
            }
            if (!ok) {
                return null;
            }
            String policy = string(attrs.get("policy"));
            if (policy != null && !ids.contains(policy)) {
                diags.error("Unknown policy", "The waiver \"" + b.name() + "\" names the policy \"" + policy + "\", "
                        + "which is neither a built-in rule nor a policy block of this configuration."
                        + Suggestions.didYouMean(policy, ids), attrs.get("policy").expr().range());
                ok = false;
            }
            List<String> resources = strings(attrs.get("resources"));
            if (resources.isEmpty() && known(attrs.get("resources"))) {
                diags.error("Invalid waiver", "A waiver covers at least one resource address (patterns may use *).",
                        attrs.get("resources").expr().range());
                ok = false;
            }
            String reason = nonBlank(attrs.get("reason"));
            String owner = nonBlank(attrs.get("owner"));
            LocalDate expires = null;
            String date = string(attrs.get("expires"));
            if (date != null) {
                try {
                    expires = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    diags.error("Invalid expiry date", "expires is a date as YYYY-MM-DD (the last day the waiver "
                            + "applies, UTC), not \"" + date + "\".", attrs.get("expires").expr().range());
                    ok = false;
                }
            }
            if (!ok || policy == null || reason == null || owner == null || expires == null) {
                return null;
            }
            return new Waiver(b.name(), policy, resources, reason, owner, expires, b.range());
        }

        private Map<String, Attribute> attributes(PolicyBlock b, Set<String> allowed, String what, String hint) {
            Map<String, Attribute> out = new LinkedHashMap<>();
            for (Block nb : b.body().blocks()) {
                diags.error("Unsupported block type", "Blocks of type \"" + nb.type() + "\" are not expected in "
                        + what + ". " + hint, nb.typeRange());
            }
            for (Attribute a : b.body().attributes()) {
                if (!allowed.contains(a.name())) {
                    diags.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not expected in "
                            + what + "." + Suggestions.didYouMean(a.name(), allowed) + " " + hint, a.nameRange());
                    continue;
                }
                out.put(a.name(), a);
            }
            return out;
        }

        private Enforcement enforcement(Attribute a, Enforcement dflt) {
            String w = string(a);
            if (w == null) {
                return dflt;
            }
            Enforcement e = Enforcement.of(w);
            if (e == null) {
                diags.error("Invalid enforcement", "enforcement is \"mandatory\" (a violation blocks the plan, exit 3), "
                        + "\"advisory\" (reported only) or \"disabled\", not \"" + w + "\".", a.expr().range());
                return dflt;
            }
            return e;
        }

        private boolean known(Attribute a) {
            return a != null && value(a, Type.DYNAMIC) != null;
        }

        private String nonBlank(Attribute a) {
            String s = string(a);
            if (s != null && s.isBlank()) {
                diags.error("Invalid waiver", "\"" + a.name() + "\" must not be empty: a waiver says why it exists "
                        + "and who answers for it.", a.expr().range());
                return null;
            }
            return s;
        }

        private String string(Attribute a) {
            Value v = value(a, Type.STRING);
            return v == null || v.isNull() ? null : v.asString();
        }

        private List<String> strings(Attribute a) {
            Value v = value(a, Type.list(Type.STRING));
            List<String> out = new ArrayList<>();
            if (v != null && !v.isNull()) {
                v.elements().forEach(e -> out.add(e.asString()));
            }
            return out;
        }

        /** The argument's value of {@code type}, or null when absent, not known yet, or wrong (reported). */
        private Value value(Attribute a, Type type) {
            if (a == null) {
                return null;
            }
            Diagnostics d = new Diagnostics();
            Value v = Evaluator.evaluate(a.expr(), ctx, d);
            diags.addAll(d);
            if (d.hasErrors()) {
                return null;
            }
            if (!v.isWhollyKnown()) {
                if (!validating) {
                    diags.error("Policy argument not known", "\"" + a.name() + "\" must be known when the plan is made: "
                            + "it can use variables, locals and functions, not values known only after apply.",
                            a.expr().range());
                }
                return null;
            }
            if (v.containsSensitive()) {
                diags.error("Sensitive policy argument", "\"" + a.name() + "\" must not use sensitive values: policy "
                        + "settings are shown in plans and reports.", a.expr().range());
                return null;
            }
            try {
                Value c = Conversion.convert(v, type);
                if (c.isNull() && type != Type.DYNAMIC) {
                    diags.error("Invalid policy argument", "\"" + a.name() + "\" must not be null.", a.expr().range());
                    return null;
                }
                return c;
            } catch (ConversionException e) {
                diags.error("Invalid policy argument", "Inappropriate value for \"" + a.name() + "\": "
                        + e.getMessage() + ".", a.expr().range());
                return null;
            }
        }
    }
}
