package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Applier;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.SecretHasher;
import java.util.List;

/**
 * Evaluates a sensitive root output afresh (they are never recorded): a refresh-only plan re-reads
 * the secret sources, and the value is given only when it matches the keyed hash the last apply
 * recorded, so that {@code output --raw} never prints something other than what was applied.
 */
final class OutputEvaluation {

    private OutputEvaluation() {
    }

    /** Evaluates output {@code name}, recorded as {@code recorded}, in an open session. */
    static Outcome<Value> evaluate(Session session, String name, OutputValue recorded) {
        PlanOptions opts = new PlanOptions(PlanMode.REFRESH_ONLY, false, List.of(), List.of(), 10);
        Planner.Result r = session.plan(opts);
        Diagnostics diags = new Diagnostics().addAll(r.diagnostics());
        Value v = Applier.outputs(session.planRequest(opts), r, diags).get(name);
        if (diags.hasErrors() || v == null || !v.isWhollyKnown()) {
            return Outcome.failed(diags.error("Output cannot be evaluated", "The output \"" + name
                    + "\" cannot be evaluated now.", null));
        }
        if (dev.lockstep.planner.engine.OutputViews.needingUnkeptSecrets(session.planRequest(opts), r.scope(),
                r.values()).contains(name)) {
            return Outcome.failed(diags.error("Output cannot be given", "The output \"" + name + "\" includes a "
                    + "secret lockstep does not keep (state holds only its keyed hash), so its value cannot be given "
                    + "after the apply.", null));
        }
        SecretHasher hasher = new SecretHasher(session.state().hashKey());
        Value view = dev.lockstep.planner.engine.OutputViews.planned(session.planRequest(opts), r.scope(), r.values(),
                session.state(), hasher).getOrDefault(name, v);
        if (recorded.secretHash() != null && !hasher.hash(view).equals(recorded.secretHash())) {
            return Outcome.failed(diags.error("Output changed since the last apply", "The output \"" + name
                    + "\" evaluates to a different value than the last apply recorded (a secret source changed, or "
                    + "the value existed only at apply time, like a new token). Run `lockstep plan` to see why.", null));
        }
        return Outcome.succeeded(v, diags);
    }
}
