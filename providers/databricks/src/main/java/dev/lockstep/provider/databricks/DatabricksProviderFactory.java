package dev.lockstep.provider.databricks;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.provider.databricks.client.Sleeper;
import dev.lockstep.provider.databricks.schema.DatabricksSchema;

/**
 * The {@code databricks} provider's entry point, found by {@link java.util.ServiceLoader}. Its
 * name and schema load no SDK class; {@link #open} is where databricks-sdk-java is first touched.
 */
public final class DatabricksProviderFactory implements ProviderFactory {

    private final Sleeper sleeper;

    public DatabricksProviderFactory() {
        this(Sleeper.SYSTEM);
    }

    /** A factory whose providers wait through {@code sleeper} (tests scale waits down with it). */
    public DatabricksProviderFactory(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return "databricks";
    }

    @Override
    public ProviderSchema schema() {
        return DatabricksSchema.build();
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        return DatabricksProvider.open(config, sleeper);
    }
}
