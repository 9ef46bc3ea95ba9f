package dev.lockstep.api.provider;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;

/** Reads one data-source type: configuration in, the data source's full value out. */
public interface DataSourceHandler {

    /** The data source's value (an object of its schema) or diagnostics. */
    record DataResponse(Value state, Diagnostics diagnostics) {
    }

    ResourceSchema schema();

    DataResponse read(Value config);
}
