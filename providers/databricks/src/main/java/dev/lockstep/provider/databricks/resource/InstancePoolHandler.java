package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.client.SdkModels;
import dev.lockstep.provider.databricks.json.JsonValues;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.ClusterSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks_instance_pool}: tagged with its address, edited in place for the fields the
 * edit API takes (the rest force a replacement), read in batches with one list request.
 */
public final class InstancePoolHandler extends BaseHandler implements ResourceUpdater {

    /** What {@code instance-pools/edit} accepts. */
    private static final List<String> EDITABLE = List.of("instance_pool_name", "node_type_id", "min_idle_instances",
            "max_capacity", "idle_instance_autotermination_minutes", "custom_tags");

    private static final JsonValues.Names NAMES = new JsonValues.Names(Map.of("preloaded_docker_image",
            "preloaded_docker_images"));

    public InstancePoolHandler(ProviderContext ctx) {
        super(ctx, ClusterSchemas.INSTANCE_POOL);
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        if (objects.size() < 2) {
            return super.readBatch(objects, d);
        }
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (InstancePoolAndStats p : c.pools.list()) {
            all.put(p.getInstancePoolId(), c.json(p));
        }
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            JsonNode p = all.get(o.id());
            if (p == null && c.recentlyCreated("pool:" + o.id())) {
                p = c.json(c.consistent("pool:" + o.id(), () -> c.pools.get(o.id())));
            }
            out.put(o, p == null ? null : state(p, o.id()));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        return state(c.json(c.consistent("pool:" + id, () -> c.pools.get(id))), id);
    }

    @Override
    protected Found adopt(ReadObject o) {
        return byTag(o.address().toString()).map(p -> new Found(p.getInstancePoolId(),
                state(c.json(p), p.getInstancePoolId()))).orElse(null);
    }

    private Optional<InstancePoolAndStats> byTag(String address) {
        for (InstancePoolAndStats p : c.pools.list()) {
            if (address.equals(Tags.of(c.json(p), "custom_tags"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Value state(JsonNode json, String id) {
        Value v = Tags.strip(JsonValues.read(json, block(), NAMES), "custom_tags");
        v = Values.with(v, "instance_pool_id", Value.string(id));
        return Values.with(v, "id", Value.string(id));
    }

    @Override
    protected void customize(Planning p) {
        for (String b : List.of("aws_attributes", "azure_attributes", "gcp_attributes")) {
            p.keepServerBlock(b);
        }
    }

    private ObjectNode body(ApplyRequest r) {
        ObjectNode body = JsonValues.write(r.planned(), block(), NAMES);
        Tags.add(body, "custom_tags", r.address());
        return body;
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        CreateInstancePool req = SdkModels.build(c, body(r), CreateInstancePool.class);
        String address = r.address().toString();
        String id = CreateGuard.create(c, address, scrubber(r), () -> c.pools.create(req).getInstancePoolId(),
                () -> byTag(address).map(InstancePoolAndStats::getInstancePoolId));
        c.created("pool:" + id);
        try {
            return ApplyResponse.ok(id, finish(readOne(id, r.planned()), r.planned()));
        } catch (RuntimeException e) {
            return createdButFailed(r, id, Values.with(r.planned(), "id", Value.string(id)), e);
        }
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            ObjectNode all = body(r);
            ObjectNode body = all.objectNode();
            for (String f : EDITABLE) {
                if (all.has(f)) {
                    body.set(f, all.get(f));
                }
            }
            body.put("instance_pool_id", r.id());
            c.consistentWrite("pool:" + r.id(), () -> {
                c.pools.edit(SdkModels.build(c, body, EditInstancePool.class));
                return null;
            });
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.pools.delete(r.id());
        c.deleted("pool:" + r.id());
    }
}
