package dev.lockstep.planner.testing;

import dev.lockstep.api.schema.AllowedValues;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.value.Type;
import java.util.List;
import java.util.Map;

/**
 * A provider registered through {@code META-INF/services} in test scope, proving that provider
 * modules can register schemas that validation then enforces. It cannot be opened.
 */
public final class TestProviderSchema implements ProviderFactory {

    @Override
    public OpenResult open(ProviderConfig config) {
        return OpenResult.failed(new Diagnostics().error("Test provider", "The schema-only test provider cannot be "
                + "opened.", null));
    }

    @Override
    public String name() {
        return "testprov";
    }

    @Override
    public ProviderSchema schema() {
        BlockSchema rule = BlockSchema.of(List.of(
                AttributeSchema.required("verbs", Type.list(Type.STRING)),
                AttributeSchema.optional("resources", Type.list(Type.STRING))), List.of());
        BlockSchema metadata = BlockSchema.of(List.of(
                AttributeSchema.required("name", Type.STRING),
                AttributeSchema.optional("labels", Type.map(Type.STRING))), List.of());
        BlockSchema role = BlockSchema.of(List.of(
                AttributeSchema.computed("id", Type.STRING),
                AttributeSchema.optional("description", Type.STRING),
                AttributeSchema.optional("replicas", Type.NUMBER),
                AttributeSchema.optional("token", Type.STRING).asSensitive(),
                AttributeSchema.optional("tier", Type.STRING).allowing(AllowedValues.of("STANDARD", "PREMIUM")),
                AttributeSchema.optional("grants", Type.set(Type.STRING))
                        .allowing(AllowedValues.ignoringCase("READ", "WRITE", "MANAGE"))),
                List.of(NestedBlockSchema.single("metadata", metadata, true),
                        NestedBlockSchema.list("rule", rule, 0, 3)));
        BlockSchema config = BlockSchema.of(AttributeSchema.optional("endpoint", Type.STRING));
        BlockSchema lookup = BlockSchema.of(AttributeSchema.required("name", Type.STRING),
                AttributeSchema.computed("value", Type.STRING));
        return new ProviderSchema("testprov", config,
                Map.of("testprov_role", new ResourceSchema("testprov_role", 0, role, "A test role.")),
                Map.of("testprov_lookup", new ResourceSchema("testprov_lookup", 0, lookup, "A test lookup.")));
    }
}
