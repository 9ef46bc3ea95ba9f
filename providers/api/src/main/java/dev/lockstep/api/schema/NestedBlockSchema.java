package dev.lockstep.api.schema;

import java.util.Objects;

/**
 * A nested block type inside a block, such as {@code metadata} in a Kubernetes resource or
 * {@code access_control} in {@code databricks_permissions}, with how many may appear.
 *
 * @param name the block type name
 * @param nesting how repeated blocks become a value
 * @param block the schema of each block's body
 * @param minItems fewest blocks allowed (1 makes a single block required)
 * @param maxItems most blocks allowed; 0 means no limit
 * @param forceNew a change inside replaces the object
 */
public record NestedBlockSchema(String name, Nesting nesting, BlockSchema block, int minItems, int maxItems,
        boolean forceNew) {

    /** How the blocks of one type turn into a value. */
    public enum Nesting {
        /** At most one block; an object or null. */
        SINGLE,
        /** An ordered list of objects. */
        LIST,
        /** An unordered set of objects. */
        SET
    }

    public NestedBlockSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nesting, "nesting");
        Objects.requireNonNull(block, "block");
        if (nesting == Nesting.SINGLE) {
            maxItems = 1;
        }
    }

    public static NestedBlockSchema single(String name, BlockSchema block, boolean required) {
        return new NestedBlockSchema(name, Nesting.SINGLE, block, required ? 1 : 0, 1, false);
    }

    public static NestedBlockSchema list(String name, BlockSchema block, int min, int max) {
        return new NestedBlockSchema(name, Nesting.LIST, block, min, max, false);
    }

    public static NestedBlockSchema set(String name, BlockSchema block, int min, int max) {
        return new NestedBlockSchema(name, Nesting.SET, block, min, max, false);
    }

    public NestedBlockSchema asForceNew() {
        return new NestedBlockSchema(name, nesting, block, minItems, maxItems, true);
    }
}
