package dev.lockstep.planner.builtin;

import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceHandler;

/** The opened built-in provider: one resource type, {@code terraform_data}, and no data sources. */
final class TerraformProvider implements Provider {

    private final TerraformData data = new TerraformData();

    @Override
    public ResourceHandler resource(String type) {
        return type.equals("terraform_data") ? data : null;
    }

    @Override
    public DataSourceHandler dataSource(String type) {
        return null;
    }
}
