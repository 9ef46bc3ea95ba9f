package dev.lockstep.provider.kubernetes.schema;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.Type;
import java.util.ArrayList;
import java.util.List;

/** The {@code timeouts} block: durations such as "30s" or "5m" for the named operations. */
public final class Timeouts {

    private Timeouts() {
    }

    public static NestedBlockSchema block(String... operations) {
        List<AttributeSchema> attrs = new ArrayList<>();
        for (String op : operations) {
            attrs.add(AttributeSchema.optional(op, Type.STRING).describedAs("How long " + op + " may wait, such as "
                    + "\"5m\"."));
        }
        return NestedBlockSchema.single("timeouts", dev.lockstep.api.schema.BlockSchema.of(attrs, List.of()), false);
    }
}
