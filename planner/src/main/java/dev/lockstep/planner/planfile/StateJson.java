package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.util.Map;

/**
 * The state in Terraform's {@code show -json} shape ({@code format_version}, {@code values} with
 * {@code outputs} and {@code root_module.resources[]}), for {@code lockstep show --format json}.
 * As in saved plans, sensitive values are null (lockstep never records them); {@code sensitive_values}
 * marks the top-level attribute that holds one. See docs/plan-json.md.
 */
public final class StateJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StateJson() {
    }

    public static ObjectNode render(State state) {
        ObjectNode root = F.objectNode();
        root.put("format_version", "1.0");
        root.put("terraform_version", "lockstep-" + BuildVersion.get());
        if (state.resources().isEmpty() && state.outputs().isEmpty()) {
            return root; // Terraform prints only the format version for an empty state
        }
        ObjectNode values = root.putObject("values");
        ObjectNode outputs = values.putObject("outputs");
        for (Map.Entry<String, OutputValue> e : state.outputs().entrySet()) {
            ObjectNode o = outputs.putObject(e.getKey());
            o.put("sensitive", e.getValue().sensitive());
            o.set("value", e.getValue().sensitive() ? F.nullNode() : PlanJson.value(e.getValue().value()));
        }
        ArrayNode resources = values.putObject("root_module").putArray("resources");
        for (ResourceInstance r : state.resources().values()) {
            ObjectNode o = resources.addObject();
            PlanJson.address(o, r.address(), r.provider());
            o.put("schema_version", r.schemaVersion());
            JsonNode v = PlanJson.value(r.attributes());
            o.set("values", v.isObject() ? v : F.objectNode());
            ObjectNode sensitive = F.objectNode();
            for (AttributePath p : r.secretHashes().keySet()) {
                if (!p.isRoot() && p.steps().get(0) instanceof AttributePath.Attr a) {
                    sensitive.set(a.name(), BooleanNode.TRUE);
                }
            }
            o.set("sensitive_values", sensitive);
        }
        root.put("lockstep_state_serial", state.serial());
        root.put("lockstep_state_lineage", state.lineage());
        return root;
    }
}
