package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_LIST;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.object;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;

/** Schemas of the data sources kubernetes_namespace, kubernetes_secret and kubernetes_service_account. */
public final class DataSourceSchemas {

    private DataSourceSchemas() {
    }

    public static BlockSchema namespace() {
        return body()
                .add(computed("id", Type.STRING, "name"))
                .add(Metadata.dataSource("namespace", false))
                .add(computed("spec", Type.list(object("finalizers", STRING_LIST)), "The namespace's finalizers."))
                .build();
    }

    public static BlockSchema secret() {
        return body()
                .add(optionalComputed("binary_data", STRING_MAP, "Values as base64; name keys here (with \"\" "
                        + "values) to read them base64-encoded instead of as text.").asSensitive())
                .add(computed("data", STRING_MAP, "The secret's values as text.").asSensitive())
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(computed("immutable", Type.BOOL, "Whether the data can change."))
                .add(Metadata.dataSource("secret", true))
                .add(computed("type", Type.STRING, "The secret type."))
                .build();
    }

    public static BlockSchema serviceAccount() {
        Type refs = Type.list(object("name", Type.STRING));
        return body()
                .add(computed("automount_service_account_token", Type.BOOL, "Whether pods mount the token."))
                .add(computed("default_secret_name", Type.STRING, "The token secret the server created, if "
                        + "exactly one exists."))
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(computed("image_pull_secret", refs, "Image pull secrets of the service account."))
                .add(Metadata.dataSource("service account", true))
                .add(computed("secret", refs, "Secrets of the service account."))
                .build();
    }
}
