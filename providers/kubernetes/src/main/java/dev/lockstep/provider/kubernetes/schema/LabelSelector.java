package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_SET;
import static dev.lockstep.api.schema.SchemaBuilder.list;
import static dev.lockstep.api.schema.SchemaBuilder.optional;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.value.Type;

/** The label selector body ({@code match_labels} and {@code match_expressions}) used by several types. */
public final class LabelSelector {

    private LabelSelector() {
    }

    public static BlockSchema body() {
        BlockSchema expression = SchemaBuilder.body()
                .add(optional("key", Type.STRING, "The label key the selector applies to."))
                .add(optional("operator", Type.STRING, "In, NotIn, Exists or DoesNotExist."))
                .add(optional("values", STRING_SET, "Values for In and NotIn."))
                .build();
        return SchemaBuilder.body()
                .add(optional("match_labels", STRING_MAP, "Labels that must all match."))
                .add(list("match_expressions", expression, 0, 0))
                .build();
    }
}
