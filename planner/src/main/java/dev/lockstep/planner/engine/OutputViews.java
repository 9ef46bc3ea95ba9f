package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Output;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.RootScope;
import dev.lockstep.planner.scope.ConfigScope;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.State;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The value a sensitive root output's keyed hash is taken of: the output evaluated with every
 * secret of a managed resource that the state records only as a hash replaced by the redacted
 * placeholder the state holds.
 *
 * <p>Why: state keeps no secret of a resource, so a later plan sees a placeholder where the apply
 * saw the secret (a {@code terraform_data} output, a token's value). Hashing the output as the
 * apply saw it would make every later plan report the output changed. Hashing this view instead
 * makes both sides agree: after an apply every resource secret is in the state, so the apply
 * redacts them all ({@link #afterApply}); a plan redacts only the secrets whose value still has
 * the recorded hash ({@link #planned}), so a changed secret, like any other changed value,
 * changes the hash. Variables and data sources are taken as they are (their secrets are hashed
 * whole, every time).
 */
public final class OutputViews {

    private OutputViews() {
    }

    /** The views of the sensitive outputs after the apply of {@code planned}: every resource secret redacted. */
    public static Map<String, Value> afterApply(Planner.Request req, Planner.Result planned, SecretHasher hasher) {
        return views(req, planned.scope(), planned.values(), (addr, v) -> Marks.redact(v, hasher).value());
    }

    /**
     * The views of the sensitive outputs in a plan against {@code prior}: the resource secrets that still
     * have the hash {@code prior} records redacted, the others (changed, new, unknown) kept.
     */
    public static Map<String, Value> planned(Planner.Request req, ConfigScope scope, ResourceValues values,
            State prior, SecretHasher hasher) {
        return views(req, scope, values, (addr, v) -> unchangedRedacted(v, prior.resource(addr), hasher));
    }

    /**
     * The sensitive outputs that need a secret lockstep does not keep: evaluated with every
     * redacted placeholder of a resource taken as unknown, they are not wholly known. Such an
     * output's value existed only during the apply.
     */
    public static Set<String> needingUnkeptSecrets(Planner.Request req, ConfigScope scope, ResourceValues values) {
        Set<String> out = new TreeSet<>();
        views(req, scope, values, (addr, v) -> placeholdersUnknown(v)).forEach((name, v) -> {
            if (!v.isWhollyKnown()) {
                out.add(name);
            }
        });
        return out;
    }

    private static Value placeholdersUnknown(Value v) {
        Value out = v;
        for (AttributePath p : Marks.paths(v)) {
            Value x = p.get(v);
            if (Placeholders.isPlaceholder(x)) {
                out = Marks.replace(out, p, Value.unknown(x.type()).markSensitive());
            }
        }
        return out;
    }

    private static Map<String, Value> views(Planner.Request req, ConfigScope scope, ResourceValues values,
            BiFunction<ResourceAddress, Value, Value> redact) {
        Map<String, Value> out = new TreeMap<>();
        RootScope view = new RootScope() {
            @Override
            public Resolution resolve(Traversal t, Diagnostics diags) {
                String root = t.root();
                if (!scope.rootNames().contains(root) && !t.steps().isEmpty()
                        && t.steps().get(0) instanceof Traversal.Attr a) {
                    Value v = values.assembled(root, a.name(), redact);
                    if (v != null) {
                        return new Resolution(v, 1);
                    }
                }
                return scope.resolve(t, diags);
            }

            @Override
            public Set<String> rootNames() {
                return scope.rootNames();
            }
        };
        EvalContext ctx = EvalContext.of(view, req.functions(), req.functionContext());
        for (Output o : req.config().outputs().values()) {
            if (o.sensitive()) {
                // diagnostics were reported when the output itself was evaluated
                out.put(o.name(), Evaluator.evaluate(o.value(), ctx, new Diagnostics()));
            }
        }
        return out;
    }

    /** {@code v} with each secret that still has the hash {@code recorded} keeps for it replaced by a placeholder. */
    private static Value unchangedRedacted(Value v, ResourceInstance recorded, SecretHasher hasher) {
        if (recorded == null || recorded.secretHashes().isEmpty() || v == null) {
            return v;
        }
        Value out = v;
        for (AttributePath p : Marks.paths(v)) {
            Value secret = p.get(v);
            String hash = recorded.secretHashes().get(p);
            if (hash != null && secret != null && secret.isWhollyKnown() && !secret.isNull()
                    && hash.equals(hasher.hash(secret))) {
                out = Marks.replace(out, p, Value.nullOf(secret.type()).markSensitive());
            }
        }
        return out;
    }
}
