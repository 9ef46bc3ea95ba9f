package dev.lockstep.planner.testing;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test provider, {@code throwtest}, that throws where a careless provider would: each
 * {@code throwtest_object} throws from the call its {@code fail_in} names ("plan", "create",
 * "update", "delete"; "read" when the stored object says so), with a message that repeats its
 * sensitive {@code secret}; the
 * {@code throwtest_lookup} data source throws "Name must be provided." for an empty name, as the
 * fabric8 client does. Objects live in memory, keyed by name, for as long as the factory.
 */
public final class ThrowingProvider implements ProviderFactory {

    static final ResourceSchema OBJECT = new ResourceSchema("throwtest_object", 0, BlockSchema.of(List.of(
            AttributeSchema.computed("id", Type.STRING),
            AttributeSchema.required("name", Type.STRING).asForceNew(),
            AttributeSchema.optional("value", Type.STRING),
            AttributeSchema.optional("secret", Type.STRING).asSensitive(),
            AttributeSchema.optional("fail_in", Type.STRING)), List.of()), "An object that may throw.");

    static final ResourceSchema LOOKUP = new ResourceSchema("throwtest_lookup", 0, BlockSchema.of(
            AttributeSchema.required("name", Type.STRING), AttributeSchema.computed("value", Type.STRING)),
            "Looks an object up by name.");

    /** The objects "in the remote system", by name. */
    public final Map<String, Value> objects = new ConcurrentHashMap<>();

    /** Makes the stored object {@code name} throw when it is read. */
    public void failReads(String name) {
        Map<String, Value> attrs = new LinkedHashMap<>(objects.get(name).attributes());
        attrs.put("fail_in", Value.string("read"));
        objects.put(name, Value.object(attrs));
    }

    @Override
    public String name() {
        return "throwtest";
    }

    @Override
    public ProviderSchema schema() {
        return new ProviderSchema("throwtest", BlockSchema.of(List.of(), List.of()),
                Map.of("throwtest_object", OBJECT), Map.of("throwtest_lookup", LOOKUP));
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        return OpenResult.of(new Provider() {
            @Override
            public ResourceHandler resource(String type) {
                return type.equals("throwtest_object") ? new Objects() : null;
            }

            @Override
            public DataSourceHandler dataSource(String type) {
                return type.equals("throwtest_lookup") ? new Lookup() : null;
            }
        });
    }

    private static void failIf(Value v, String call) {
        Value fail = v == null ? null : v.get("fail_in");
        if (fail != null && fail.isKnown() && !fail.isNull() && fail.asString().equals(call)) {
            Value secret = v.get("secret");
            throw new IllegalStateException(call + " exploded holding " + (secret == null || secret.isNull() ? "nothing"
                    : secret.unmark().asString()));
        }
    }

    /** The handler of {@code throwtest_object}. */
    private final class Objects implements ResourceHandler, PlanCustomizer, ResourceCreator, ResourceUpdater,
            ResourceDeleter {

        @Override
        public ResourceSchema schema() {
            return OBJECT;
        }

        @Override
        public PlanResponse plan(PlanRequest request) {
            failIf(request.config(), "plan");
            return new PlanResponse(request.proposed(), List.of(), List.of(), new Diagnostics());
        }

        @Override
        public ReadResponse read(List<ReadObject> objectsToRead) {
            List<ReadResult> out = new ArrayList<>();
            for (ReadObject o : objectsToRead) {
                Value live = o.id() == null ? null : objects.get(o.id());
                failIf(live, "read");
                out.add(new ReadResult(o.address(), o.id(), live));
            }
            return new ReadResponse(out, new Diagnostics());
        }

        @Override
        public ApplyResponse create(ApplyRequest request) {
            failIf(request.planned(), "create");
            return store(request.planned());
        }

        @Override
        public ApplyResponse update(ApplyRequest request) {
            failIf(request.planned(), "update");
            return store(request.planned());
        }

        private ApplyResponse store(Value planned) {
            String name = planned.get("name").asString();
            Map<String, Value> attrs = new LinkedHashMap<>(planned.attributes());
            attrs.put("id", Value.string(name));
            Value state = Value.object(attrs);
            objects.put(name, state);
            return ApplyResponse.ok(name, state);
        }

        @Override
        public Diagnostics delete(ApplyRequest request) {
            failIf(request.prior(), "delete");
            objects.remove(request.id());
            return new Diagnostics();
        }
    }

    /** The handler of {@code throwtest_lookup}. */
    private final class Lookup implements DataSourceHandler {

        @Override
        public ResourceSchema schema() {
            return LOOKUP;
        }

        @Override
        public DataResponse read(Value config) {
            String name = config.get("name").unmark().asString();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Name must be provided.");
            }
            Value found = objects.get(name);
            if (found == null) {
                return new DataResponse(null, new Diagnostics().error("No such object", "There is no object \""
                        + name + "\".", null));
            }
            return new DataResponse(Value.object(Map.of("name", Value.string(name), "value",
                    found.get("value"))), new Diagnostics());
        }
    }
}
