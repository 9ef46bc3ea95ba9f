package dev.lockstep.cli.testprovider;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A test-scope provider, {@code slowtest}, whose objects live in a JSON file (its "remote
 * system") and whose every call can be slowed down, for the crash-safety, interruption and lock
 * tests. Objects are identified by name, so an interrupted create is found again, not duplicated.
 * Its {@code slowtest_block} objects have nested blocks, for the tests of how plans show them.
 */
public final class SlowProviderFactory implements ProviderFactory {

    static final ResourceSchema OBJECT = new ResourceSchema("slowtest_object", 0, BlockSchema.of(List.of(
            AttributeSchema.computed("id", Type.STRING),
            AttributeSchema.required("name", Type.STRING).asForceNew(),
            AttributeSchema.optional("value", Type.STRING),
            AttributeSchema.optional("secret", Type.STRING).asSensitive(),
            AttributeSchema.optional("fail", Type.BOOL)), List.of()), "A test object.");

    @Override
    public String name() {
        return "slowtest";
    }

    @Override
    public ProviderSchema schema() {
        BlockSchema config = BlockSchema.of(AttributeSchema.required("store", Type.STRING),
                AttributeSchema.optional("delay_ms", Type.NUMBER),
                AttributeSchema.optional("gate", Type.STRING));
        return new ProviderSchema("slowtest", config, Map.of("slowtest_object", OBJECT, "slowtest_block",
                SlowBlock.SCHEMA), Map.of());
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        Value store = config.settings().get("store");
        Value delay = config.settings().get("delay_ms");
        Path file = config.configDir().resolve(store.asString());
        long ms = delay == null || delay.isNull() ? 0 : delay.asNumber().longValue();
        Value gate = config.settings().get("gate");
        if (gate != null && !gate.isNull()) {
            // hold here (after the state lock is taken) until the test opens the gate
            Path g = config.configDir().resolve(gate.asString());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (!java.nio.file.Files.exists(g) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        ObjectStore objects = new ObjectStore(file);
        SlowObject handler = new SlowObject(objects, ms);
        SlowBlock blocks = new SlowBlock(objects);
        return OpenResult.of(new Provider() {
            @Override
            public ResourceHandler resource(String type) {
                return type.equals("slowtest_object") ? handler : type.equals("slowtest_block") ? blocks : null;
            }

            @Override
            public DataSourceHandler dataSource(String type) {
                return null;
            }

            @Override
            public Map<String, Long> requestCounts() {
                return handler.counts();
            }
        });
    }

}
