package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.value.JsonCodec;
import dev.lockstep.provider.kubernetes.value.Ownership;
import java.util.Set;

/**
 * One typed resource kind: its lockstep type name, where it lives in the API, its schema, how its
 * value maps to JSON, which attributes exist only in lockstep, and its kind-specific rules.
 *
 * @param type the canonical type name ({@code kubernetes_role}); the {@code _v1} alias maps here too
 * @param api the API coordinates
 * @param schema the resource body's schema
 * @param codec value-JSON mapping
 * @param ownership projection of live objects onto owned fields
 * @param local root attributes and blocks never sent to the API
 * @param hooks defaults, immutable fields, encoding quirks and waits
 */
public record Kind(String type, ResourceType api, BlockSchema schema, JsonCodec codec, Ownership ownership,
        Set<String> local, KindHooks hooks) {

    /** {@code namespace/name}, or {@code name} for cluster-scoped kinds. */
    public String id(String namespace, String name) {
        return api.namespaced() ? namespace + "/" + name : name;
    }
}
