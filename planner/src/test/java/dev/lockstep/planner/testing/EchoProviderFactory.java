package dev.lockstep.planner.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider for engine tests of data sources, registered in test scope: {@code echo_value}
 * reads back its {@code input} as {@code output} and counts its reads. No system behind it.
 */
public final class EchoProviderFactory implements ProviderFactory {

    /** Reads of {@code echo_value} since the class was loaded, so tests can tell when a read happened. */
    public static final AtomicInteger READS = new AtomicInteger();

    static final ResourceSchema ECHO_VALUE = new ResourceSchema("echo_value", 0, BlockSchema.of(List.of(
            AttributeSchema.required("input", Type.STRING),
            AttributeSchema.computed("output", Type.STRING)), List.of()), "Reads back its input.");

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public ProviderSchema schema() {
        return new ProviderSchema("echo", BlockSchema.EMPTY, Map.of(), Map.of("echo_value", ECHO_VALUE));
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        DataSourceHandler echo = new DataSourceHandler() {
            @Override
            public ResourceSchema schema() {
                return ECHO_VALUE;
            }

            @Override
            public DataResponse read(Value config) {
                READS.incrementAndGet();
                Map<String, Value> m = new LinkedHashMap<>(config.attributes());
                m.put("output", config.get("input"));
                return new DataResponse(Value.object(m), new Diagnostics());
            }
        };
        return OpenResult.of(new Provider() {
            @Override
            public ResourceHandler resource(String type) {
                return null;
            }

            @Override
            public DataSourceHandler dataSource(String type) {
                return type.equals("echo_value") ? echo : null;
            }
        });
    }
}
