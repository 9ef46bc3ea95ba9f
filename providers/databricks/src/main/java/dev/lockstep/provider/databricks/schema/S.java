package dev.lockstep.provider.databricks.schema;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Shorthand for declaring schemas: attributes by how they are set (required, optional,
 * optional-and-computed for values the server defaults, computed), and nested blocks.
 */
public final class S {

    public static final Type STR = Type.STRING;
    public static final Type NUM = Type.NUMBER;
    public static final Type BOOL = Type.BOOL;
    public static final Type STR_MAP = Type.map(Type.STRING);
    public static final Type STR_LIST = Type.list(Type.STRING);
    public static final Type STR_SET = Type.set(Type.STRING);

    private S() {
    }

    public static AttributeSchema req(String name, Type t, String description) {
        return AttributeSchema.required(name, t).describedAs(description);
    }

    public static AttributeSchema opt(String name, Type t, String description) {
        return AttributeSchema.optional(name, t).describedAs(description);
    }

    /** Optional; when the configuration leaves it unset the server's value is kept (no diff). */
    public static AttributeSchema optc(String name, Type t, String description) {
        return AttributeSchema.optional(name, t).asComputed().describedAs(description);
    }

    public static AttributeSchema comp(String name, Type t, String description) {
        return AttributeSchema.computed(name, t).describedAs(description);
    }

    /** A block body from attributes, nested blocks and lists of them (flattened), in any order. */
    public static BlockSchema block(Object... items) {
        List<AttributeSchema> attrs = new ArrayList<>();
        List<NestedBlockSchema> blocks = new ArrayList<>();
        collect(List.of(items), attrs, blocks);
        return BlockSchema.of(attrs, blocks);
    }

    private static void collect(List<?> items, List<AttributeSchema> attrs, List<NestedBlockSchema> blocks) {
        for (Object o : items) {
            if (o instanceof AttributeSchema a) {
                attrs.add(a);
            } else if (o instanceof NestedBlockSchema b) {
                blocks.add(b);
            } else if (o instanceof List<?> l) {
                collect(l, attrs, blocks);
            } else {
                throw new IllegalArgumentException("not a schema element: " + o);
            }
        }
    }

    public static NestedBlockSchema single(String name, BlockSchema b) {
        return NestedBlockSchema.single(name, b, false);
    }

    public static NestedBlockSchema list(String name, BlockSchema b) {
        return NestedBlockSchema.list(name, b, 0, 0);
    }

    public static NestedBlockSchema list(String name, BlockSchema b, int min, int max) {
        return NestedBlockSchema.list(name, b, min, max);
    }

    public static NestedBlockSchema set(String name, BlockSchema b) {
        return NestedBlockSchema.set(name, b, 0, 0);
    }

    public static NestedBlockSchema set(String name, BlockSchema b, int min, int max) {
        return NestedBlockSchema.set(name, b, min, max);
    }
}
