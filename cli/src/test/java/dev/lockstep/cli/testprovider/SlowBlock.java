package dev.lockstep.cli.testprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.codec.FormatException;
import dev.lockstep.state.codec.Json;
import dev.lockstep.state.codec.ValueJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The handler of {@code slowtest_block}, a test object with nested blocks of every nesting (a
 * single {@code settings} block holding a single {@code limits} block, a force-new single
 * {@code placement} block, a list of {@code rule}
 * blocks, sets of {@code member} and {@code credential} blocks), for the golden tests of how
 * plans show blocks. The whole object is kept in the object file under {@code "block:NAME"}, as
 * the JSON of its value under {@code "body"}, which a test may edit to make drift.
 */
final class SlowBlock implements ResourceHandler, ResourceCreator, ResourceUpdater, ResourceDeleter {

    static final ResourceSchema SCHEMA = new ResourceSchema("slowtest_block", 0, BlockSchema.of(List.of(
            AttributeSchema.computed("id", Type.STRING),
            AttributeSchema.required("name", Type.STRING).asForceNew(),
            AttributeSchema.optional("note", Type.STRING)), List.of(
            NestedBlockSchema.single("settings", BlockSchema.of(List.of(
                    AttributeSchema.optional("mode", Type.STRING),
                    AttributeSchema.optional("size", Type.NUMBER),
                    AttributeSchema.optional("labels", Type.map(Type.STRING)),
                    AttributeSchema.optional("password", Type.STRING).asSensitive()), List.of(
                    NestedBlockSchema.single("limits", BlockSchema.of(
                            AttributeSchema.optional("cpu", Type.STRING),
                            AttributeSchema.optional("memory", Type.STRING)), false))), false),
            NestedBlockSchema.single("placement", BlockSchema.of(AttributeSchema.optional("zone", Type.STRING)), false)
                    .asForceNew(),
            NestedBlockSchema.list("rule", BlockSchema.of(
                    AttributeSchema.required("name", Type.STRING),
                    AttributeSchema.optional("verbs", Type.list(Type.STRING)),
                    AttributeSchema.optional("protocol", Type.STRING).asForceNew()), 0, 0),
            NestedBlockSchema.set("member", BlockSchema.of(
                    AttributeSchema.required("user", Type.STRING),
                    AttributeSchema.optional("role", Type.STRING)), 0, 0),
            NestedBlockSchema.set("credential", BlockSchema.of(
                    AttributeSchema.required("user", Type.STRING),
                    AttributeSchema.optional("secret", Type.STRING).asSensitive()), 0, 0))),
            "A test object with nested blocks.");

    private final ObjectStore store;

    SlowBlock(ObjectStore store) {
        this.store = store;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    private static String key(Value v) {
        return "block:" + v.get("name").unmarkDeep().asString();
    }

    private static Value decode(ObjectNode o) {
        try {
            return ValueJson.read(o.get("body"), SCHEMA.block().impliedType());
        } catch (FormatException e) {
            throw new IllegalStateException("a malformed test object: " + e.getMessage(), e);
        }
    }

    @Override
    public ReadResponse read(List<ReadObject> objects) {
        Map<String, ObjectNode> all = store.read();
        List<ReadResult> out = new ArrayList<>();
        for (ReadObject o : objects) {
            ObjectNode found = all.get(key(o.prior()));
            out.add(new ReadResult(o.address(), found == null ? null : found.get("id").asText(),
                    found == null ? null : decode(found)));
        }
        return new ReadResponse(out, new Diagnostics());
    }

    /** Stores the planned value with its id, and returns what was stored. */
    private ApplyResponse save(Value planned, String id) {
        Map<String, Value> attrs = new LinkedHashMap<>(planned.unmarkDeep().attributes());
        attrs.put("id", Value.string(id));
        Value stored = Value.object(attrs);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        try {
            JsonNode body = Json.MAPPER.readTree(ValueJson.toJson(stored));
            o.set("body", body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.update(m -> {
            m.put(key(planned), o);
            return m;
        });
        return ApplyResponse.ok(id, decode(o));
    }

    @Override
    public ApplyResponse create(ApplyRequest r) {
        return save(r.planned(), UUID.randomUUID().toString());
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return save(r.planned(), r.id());
    }

    @Override
    public Diagnostics delete(ApplyRequest r) {
        store.update(m -> {
            m.remove(key(r.prior()));
            return m;
        });
        return new Diagnostics();
    }
}
