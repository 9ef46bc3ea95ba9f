package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.value.Type;

/**
 * The {@code metadata} block shared by every typed resource, as the Terraform Kubernetes provider
 * writes it: a list of exactly one block, so that configurations reference
 * {@code kubernetes_namespace.x.metadata[0].name}.
 */
public final class Metadata {

    private Metadata() {
    }

    /** Metadata of a namespaced object: adds {@code namespace} (default {@code "default"}). */
    public static NestedBlockSchema namespaced(String objectName) {
        return SchemaBuilder.one("metadata", body(objectName, true), true);
    }

    /** Metadata of a cluster-scoped object. */
    public static NestedBlockSchema clusterScoped(String objectName) {
        return SchemaBuilder.one("metadata", body(objectName, false), true);
    }

    /** The body of a metadata block. */
    public static BlockSchema body(String objectName, boolean namespaced) {
        SchemaBuilder.Body b = SchemaBuilder.body()
                .add(optional("annotations", STRING_MAP, "An unstructured key value map stored with the " + objectName
                        + "; keys lockstep does not set are left alone."))
                .add(optional("generate_name", Type.STRING, "Prefix the server uses to generate a unique name when "
                        + "name is not set.").asForceNew().asIdentifying())
                .add(computed("generation", Type.NUMBER, "A sequence number of the desired state."))
                .add(optional("labels", STRING_MAP, "Labels of the " + objectName
                        + "; keys lockstep does not set are left alone."))
                .add(optionalComputed("name", Type.STRING, "Name of the " + objectName + ", unique; cannot be "
                        + "updated.").asForceNew().asIdentifying());
        if (namespaced) {
            b.add(optionalComputed("namespace", Type.STRING, "Namespace of the " + objectName + "; defaults to "
                    + "\"default\".").asForceNew().asIdentifying());
        }
        return b.add(computed("resource_version", Type.STRING, "The server's version of the object."))
                .add(computed("uid", Type.STRING, "The unique id the server gave the object."))
                .build();
    }

    /** The metadata block of a data source: name required, the rest read from the server. */
    public static NestedBlockSchema dataSource(String objectName, boolean namespaced) {
        SchemaBuilder.Body b = SchemaBuilder.body()
                .add(optionalComputed("annotations", STRING_MAP, "Annotations of the " + objectName + "."))
                .add(computed("generation", Type.NUMBER, "A sequence number of the desired state."))
                .add(optionalComputed("labels", STRING_MAP, "Labels of the " + objectName + "."))
                .add(SchemaBuilder.required("name", Type.STRING, "Name of the " + objectName + " to read."));
        if (namespaced) {
            b.add(optionalComputed("namespace", Type.STRING, "Namespace of the " + objectName
                    + "; defaults to \"default\"."));
        }
        b.add(computed("resource_version", Type.STRING, "The server's version of the object."))
                .add(computed("uid", Type.STRING, "The unique id the server gave the object."));
        return SchemaBuilder.one("metadata", b.build(), true);
    }
}
