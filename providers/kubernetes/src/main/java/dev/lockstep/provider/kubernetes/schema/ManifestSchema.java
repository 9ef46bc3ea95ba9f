package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_LIST;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.list;
import static dev.lockstep.api.schema.SchemaBuilder.one;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;

/** Schema of {@code kubernetes_manifest}: any object, CRDs and custom resources included, given as an HCL object. */
public final class ManifestSchema {

    private ManifestSchema() {
    }

    public static BlockSchema manifest() {
        BlockSchema condition = body()
                .add(optional("status", Type.STRING, "The condition status to wait for, such as \"True\"."))
                .add(optional("type", Type.STRING, "The condition type, such as \"Ready\"."))
                .build();
        BlockSchema waitBlock = body()
                .add(list("condition", condition, 0, 0))
                .add(optional("fields", STRING_MAP, "Field paths (status.phase) and regular expressions their "
                        + "values must match; * matches any value."))
                .add(optional("rollout", Type.BOOL, "Wait for a Deployment, StatefulSet or DaemonSet to roll out."))
                .build();
        BlockSchema fieldManager = body()
                .add(optional("force_conflicts", Type.BOOL, "Accepted for compatibility; lockstep writes with "
                        + "merge patches, which have no field-manager conflicts."))
                .add(optional("name", Type.STRING, "Field manager name sent with every write (default lockstep)."))
                .build();
        return body()
                .add(optional("computed_fields", STRING_LIST, "Paths (metadata.labels) whose values the server may "
                        + "change after apply without a diff."))
                .add(required("manifest", Type.DYNAMIC, "The object, as it would be written in YAML."))
                .add(optionalComputed("object", Type.DYNAMIC, "The object as the server returned it."))
                .add(one("field_manager", fieldManager, false))
                .add(Timeouts.block("create", "update", "delete"))
                .add(one("wait", waitBlock, false))
                .build();
    }
}
