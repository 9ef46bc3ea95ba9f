package dev.lockstep.api.schema;

import java.util.Objects;

/**
 * The schema of one resource or data-source type.
 *
 * @param type type name as written in configuration, such as {@code kubernetes_role}
 * @param version schema version, stored in state so providers can upgrade old objects
 * @param block the body's attributes and nested blocks
 * @param description one sentence for documentation
 */
public record ResourceSchema(String type, int version, BlockSchema block, String description) {

    public ResourceSchema {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(block, "block");
        description = description == null ? "" : description;
    }
}
