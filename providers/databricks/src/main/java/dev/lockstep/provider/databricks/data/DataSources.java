package dev.lockstep.provider.databricks.data;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.client.Errors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of the data sources: a schema, a query answered from the API, and failures as
 * scrubbed diagnostics.
 */
abstract class DataSources implements DataSourceHandler {

    protected final DatabricksClient c;
    private final ResourceSchema schema;

    DataSources(DatabricksClient c, ResourceSchema schema) {
        this.c = c;
        this.schema = schema;
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    @Override
    public DataResponse read(Value config) {
        Diagnostics d = new Diagnostics();
        try {
            Value v = query(config, d);
            return new DataResponse(d.hasErrors() ? null : v, d);
        } catch (RuntimeException e) {
            d.add(Errors.readDiagnostic("Failed to read data." + schema.type(), "Querying the workspace", e,
                    c.scrubber()));
            return new DataResponse(null, d);
        }
    }

    /** The data source's value, or null after adding an error to {@code d}. */
    protected abstract Value query(Value config, Diagnostics d);

    /** A value with every schema attribute: the configuration's, overridden by {@code computed}. */
    protected Value result(Value config, Map<String, Value> computed) {
        Map<String, Value> m = new LinkedHashMap<>();
        schema.block().attributes().forEach((n, a) -> {
            Value cfg = config == null ? null : config.get(n);
            m.put(n, cfg != null ? cfg : Value.nullOf(a.type()));
        });
        m.putAll(computed);
        return Value.object(m);
    }
}
