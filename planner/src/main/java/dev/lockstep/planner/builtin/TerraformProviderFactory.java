package dev.lockstep.planner.builtin;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code terraform} provider: {@code terraform_data} with Terraform's semantics,
 * needing no configuration and no external system. Ported configurations use it, and it lets the
 * engine be tested and measured side by side with Terraform on identical files.
 */
public final class TerraformProviderFactory implements ProviderFactory {

    static final ResourceSchema TERRAFORM_DATA = new ResourceSchema("terraform_data", 0, BlockSchema.of(List.of(
            AttributeSchema.computed("id", Type.STRING).describedAs("A unique identifier, set at creation."),
            AttributeSchema.optional("input", Type.DYNAMIC).describedAs("A value to store; a change is an update."),
            AttributeSchema.computed("output", Type.DYNAMIC).describedAs("The stored value of input."),
            AttributeSchema.optional("triggers_replace", Type.DYNAMIC).asForceNew()
                    .describedAs("A value whose change replaces the resource.")), List.of()),
            "Stores a value; Terraform's built-in terraform_data.");

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public ProviderSchema schema() {
        return new ProviderSchema("terraform", BlockSchema.EMPTY, Map.of("terraform_data", TERRAFORM_DATA), Map.of());
    }

    @Override
    public OpenResult open(ProviderConfig config) {
        return OpenResult.of(new TerraformProvider());
    }
}
