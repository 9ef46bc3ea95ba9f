package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanOptions;
import java.util.Map;

/**
 * A plan file as read back and checked intact: the plan in Terraform's JSON representation and
 * everything {@code apply FILE} compares before it changes anything (docs/plan-json.md).
 *
 * @param json the plan JSON, as {@code show --format json} prints it
 * @param digest {@code sha256:...} over the plan JSON, recorded in the state version the apply writes
 * @param options the options the plan was made with
 * @param variables the non-sensitive variable values the plan was made with
 * @param sensitiveVariableHashes keyed hashes of the sensitive variable values
 * @param stateLineage the lineage of the state the plan was made against
 * @param stateSerial the serial of that state
 * @param configDigest the digest of the configuration the plan was made from
 * @param fingerprints keyed fingerprints of every live object read, by address
 * @param changeHashes keyed hashes of every planned change, by address
 */
public record SavedPlan(ObjectNode json, String digest, PlanOptions options, Map<String, Value> variables,
        Map<String, String> sensitiveVariableHashes, String stateLineage, long stateSerial, String configDigest,
        Map<String, String> fingerprints, Map<String, String> changeHashes) {

    /** The plan itself, decoded from its JSON (for rendering). */
    public Plan plan() {
        return PlanJsonReader.read(json);
    }
}
