package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.EditPolicy;
import com.databricks.sdk.service.compute.ListClusterPoliciesRequest;
import com.databricks.sdk.service.compute.Policy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.client.SdkModels;
import dev.lockstep.provider.databricks.json.CanonicalJson;
import dev.lockstep.provider.databricks.json.JsonValues;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.ClusterSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks_cluster_policy}: definitions compared as canonical JSON; names are unique, so
 * an interrupted create is adopted by name. A batch is read with one list request.
 */
public final class ClusterPolicyHandler extends BaseHandler implements ResourceUpdater {

    private static final JsonValues.Names NAMES = new JsonValues.Names(Map.of("library", "libraries"));

    public ClusterPolicyHandler(ProviderContext ctx) {
        super(ctx, ClusterSchemas.CLUSTER_POLICY);
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        if (objects.size() < 2) {
            return super.readBatch(objects, d);
        }
        Map<String, Policy> all = new LinkedHashMap<>();
        for (Policy p : c.policies.list(new ListClusterPoliciesRequest())) {
            all.put(p.getPolicyId(), p);
        }
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            Policy p = all.get(o.id());
            if (p == null && c.recentlyCreated("policy:" + o.id())) {
                p = c.consistent("policy:" + o.id(), () -> c.policies.get(o.id()));
            }
            out.put(o, p == null ? null : state(p));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        return state(c.consistent("policy:" + id, () -> c.policies.get(id)));
    }

    @Override
    protected Found adopt(ReadObject o) {
        String name = Values.str(o.prior(), "name");
        return name == null ? null : byName(name).map(p -> new Found(p.getPolicyId(), state(p))).orElse(null);
    }

    private Optional<Policy> byName(String name) {
        for (Policy p : c.policies.list(new ListClusterPoliciesRequest())) {
            if (name.equalsIgnoreCase(p.getName())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Value state(Policy p) {
        Value v = JsonValues.read(c.json(p), block(), NAMES);
        v = Values.with(v, "id", Value.string(p.getPolicyId()));
        String def = CanonicalJson.canonical(p.getDefinition());
        return Values.with(v, "definition", Values.string(def != null ? def : p.getDefinition()));
    }

    @Override
    protected void customize(Planning p) {
        if (p.configured("definition") && p.get("definition").isKnown()) {
            String def = CanonicalJson.canonical(p.str("definition"));
            if (def == null) {
                p.diagnostics().error("Invalid policy definition", "definition must be a JSON object of policy rules, "
                        + "as jsonencode({...}) writes it.", null);
            } else {
                p.set("definition", Value.string(def));
            }
        }
    }

    private ObjectNode body(Value planned) {
        return JsonValues.write(planned, block(), NAMES);
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        CreatePolicy req = SdkModels.build(c, body(r.planned()), CreatePolicy.class);
        String name = req.getName();
        String id = CreateGuard.create(c, r.address().toString(), scrubber(r), () -> c.policies.create(req).getPolicyId(),
                () -> byName(name).map(Policy::getPolicyId));
        c.created("policy:" + id);
        try {
            return ApplyResponse.ok(id, finish(readOne(id, r.planned()), r.planned()));
        } catch (RuntimeException e) {
            return createdButFailed(r, id, Values.with(r.planned(), "id", Value.string(id)), e);
        }
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            ObjectNode body = body(r.planned());
            body.put("policy_id", r.id());
            c.policies.edit(SdkModels.build(c, body, EditPolicy.class));
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.policies.delete(r.id());
        c.deleted("policy:" + r.id());
    }
}
