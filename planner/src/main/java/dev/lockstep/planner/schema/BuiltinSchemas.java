package dev.lockstep.planner.schema;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.schema.SchemaSource;
import dev.lockstep.api.value.Type;
import java.util.List;
import java.util.Map;

/**
 * The resources lockstep provides without any provider module: {@code terraform_data}, with
 * Terraform's schema, for ported configurations and for measuring the engine.
 */
final class BuiltinSchemas implements SchemaSource {

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public ProviderSchema schema() {
        BlockSchema data = BlockSchema.of(List.of(
                AttributeSchema.computed("id", Type.STRING).describedAs("A unique identifier, set at creation."),
                AttributeSchema.optional("input", Type.DYNAMIC).describedAs("A value to store; changes are updates."),
                AttributeSchema.computed("output", Type.DYNAMIC).describedAs("The stored value of input."),
                AttributeSchema.optional("triggers_replace", Type.DYNAMIC)
                        .describedAs("A value whose change replaces the resource.")), List.of());
        return new ProviderSchema("terraform", BlockSchema.EMPTY,
                Map.of("terraform_data", new ResourceSchema("terraform_data", 0, data, "Stores a value; "
                        + "Terraform's built-in terraform_data.")), Map.of());
    }
}
