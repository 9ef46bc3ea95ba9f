package dev.lockstep.planner.ops;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.planfile.PlanFileCodec;
import dev.lockstep.planner.planfile.SavedPlan;
import dev.lockstep.state.SecretHasher;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code apply FILE} checks before changing anything (ADR 0005): the saved plan must have been
 * made against this state (lineage and serial), this configuration, the same sensitive variable
 * values, the same live objects, and planning again now must give exactly the same changes.
 */
final class SavedPlanCheck {

    private SavedPlanCheck() {
    }

    /** Why the saved plan must not be applied, or null when the fresh plan matches it exactly. */
    static String verify(SavedPlan saved, Session s, Planner.Result fresh) {
        if (!saved.stateLineage().equals(s.state().lineage())) {
            return "The plan was made for another state (lineage " + saved.stateLineage()
                    + "); this configuration's state has lineage " + s.state().lineage() + ".";
        }
        if (saved.stateSerial() != s.state().serial()) {
            return "The state changed since the plan was made: it was at serial " + saved.stateSerial()
                    + " and is now at serial " + s.state().serial() + ".";
        }
        if (!saved.configDigest().equals(s.configDigest())) {
            return "The configuration changed since the plan was made.";
        }
        SecretHasher hasher = new SecretHasher(s.state().hashKey());
        for (Map.Entry<String, String> e : saved.sensitiveVariableHashes().entrySet()) {
            Value v = s.variables().get(e.getKey());
            if (v == null || !v.isWhollyKnown() || !hasher.hash(v).equals(e.getValue())) {
                return "The sensitive variable \"" + e.getKey() + "\" has a different value than when the plan was made "
                        + "(give it the same way, for example with the same LOCKSTEP_VAR_" + e.getKey()
                        + " environment variable).";
            }
        }
        Map<String, String> now = new TreeMap<>();
        fresh.plan().fingerprints().forEach((a, h) -> now.put(a.toString(), h));
        for (Map.Entry<String, String> e : saved.fingerprints().entrySet()) {
            if (!e.getValue().equals(now.get(e.getKey()))) {
                return "The live object " + e.getKey() + " changed since the plan was made.";
            }
        }
        Map<String, String> freshHashes = PlanFileCodec.changeHashes(fresh.plan(), hasher);
        if (!saved.changeHashes().equals(freshHashes)) {
            for (Map.Entry<String, String> e : saved.changeHashes().entrySet()) {
                if (!e.getValue().equals(freshHashes.get(e.getKey()))) {
                    return "Planning again gives a different change for " + e.getKey() + " (a value read at plan time, "
                            + "such as a secret, changed since).";
                }
            }
            return "Planning again gives changes the saved plan does not have.";
        }
        return null;
    }
}
