package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Applier;
import dev.lockstep.planner.engine.PlanOptions;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.SecretHasher;
import java.util.List;

/**
 * Evaluates a sensitive root output afresh (they are never recorded): a refresh-only plan re-reads
 * the secret sources, and the value is given only when it matches the keyed hash the last apply
 * recorded, so that {@code output --raw} never prints something other than what was applied.
 */
public final class OutputEvaluation {

    /** What the evaluation came to. */
    public sealed interface Result permits Evaluated, Failed {
    }

    /** The output's value as the last apply saw it. */
    public record Evaluated(Value value) implements Result {
    }

    /** Why the value cannot be given, with any diagnostics of the evaluation. */
    public record Failed(String reason, Diagnostics diagnostics) implements Result {
    }

    private OutputEvaluation() {
    }

    /** Evaluates output {@code name}, recorded as {@code recorded}, in an open session. */
    public static Result evaluate(Session session, String name, OutputValue recorded) {
        PlanOptions opts = new PlanOptions(PlanMode.REFRESH_ONLY, false, List.of(), List.of(), 10);
        Planner.Result r = session.plan(opts);
        Diagnostics diags = new Diagnostics().addAll(r.diagnostics());
        Value v = Applier.outputs(session.planRequest(opts), r, diags).get(name);
        if (diags.hasErrors() || v == null || !v.isWhollyKnown()) {
            return new Failed("The output \"" + name + "\" cannot be evaluated now.", diags);
        }
        if (dev.lockstep.planner.engine.OutputViews.needingUnkeptSecrets(session.planRequest(opts), r.scope(),
                r.values()).contains(name)) {
            return new Failed("The output \"" + name + "\" includes a secret lockstep does not keep (state holds "
                    + "only its keyed hash), so its value cannot be given after the apply.", diags);
        }
        SecretHasher hasher = new SecretHasher(session.state().hashKey());
        Value view = dev.lockstep.planner.engine.OutputViews.planned(session.planRequest(opts), r.scope(), r.values(),
                session.state(), hasher).getOrDefault(name, v);
        if (recorded.secretHash() != null && !hasher.hash(view).equals(recorded.secretHash())) {
            return new Failed("The output \"" + name + "\" evaluates to a different value than the last apply "
                    + "recorded (a secret source changed, or the value existed only at apply time, like a new "
                    + "token). Run `lockstep plan` to see why.", diags);
        }
        return new Evaluated(v);
    }
}
