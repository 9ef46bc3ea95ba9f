package dev.lockstep.api.schema;

import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short forms every provider writes its schemas with (statically imported): attributes with
 * their description, nested blocks, block bodies and object types.
 */
public final class SchemaBuilder {

    public static final Type STRING = Type.STRING;
    public static final Type NUMBER = Type.NUMBER;
    public static final Type BOOL = Type.BOOL;
    /** A list of strings. */
    public static final Type STRING_LIST = Type.list(Type.STRING);
    /** A set of strings. */
    public static final Type STRING_SET = Type.set(Type.STRING);
    /** A map of strings. */
    public static final Type STRING_MAP = Type.map(Type.STRING);

    private SchemaBuilder() {
    }

    public static AttributeSchema required(String name, Type type, String doc) {
        return AttributeSchema.required(name, type).describedAs(doc);
    }

    public static AttributeSchema optional(String name, Type type, String doc) {
        return AttributeSchema.optional(name, type).describedAs(doc);
    }

    /** Optional; when the configuration leaves it out, the provider or the server fills it (no diff). */
    public static AttributeSchema optionalComputed(String name, Type type, String doc) {
        return AttributeSchema.optional(name, type).asComputed().describedAs(doc);
    }

    public static AttributeSchema computed(String name, Type type, String doc) {
        return AttributeSchema.computed(name, type).describedAs(doc);
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

    /** At most one block, written without brackets. */
    public static NestedBlockSchema single(String name, BlockSchema body) {
        return NestedBlockSchema.single(name, body, false);
    }

    /** At most one block written as a list of one, as Terraform's Kubernetes provider does ({@code metadata[0]}). */
    public static NestedBlockSchema one(String name, BlockSchema body, boolean required) {
        return NestedBlockSchema.list(name, body, required ? 1 : 0, 1);
    }

    /** A repeated block, kept in order. */
    public static NestedBlockSchema list(String name, BlockSchema body) {
        return NestedBlockSchema.list(name, body, 0, 0);
    }

    /** A repeated block, kept in order, with bounds (0: none). */
    public static NestedBlockSchema list(String name, BlockSchema body, int min, int max) {
        return NestedBlockSchema.list(name, body, min, max);
    }

    /** An unordered repeated block. */
    public static NestedBlockSchema set(String name, BlockSchema body) {
        return NestedBlockSchema.set(name, body, 0, 0);
    }

    /** An unordered repeated block with bounds (0: none). */
    public static NestedBlockSchema set(String name, BlockSchema body, int min, int max) {
        return NestedBlockSchema.set(name, body, min, max);
    }

    /** An object type from alternating names and types. */
    public static ObjectType object(Object... namesAndTypes) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            m.put((String) namesAndTypes[i], (Type) namesAndTypes[i + 1]);
        }
        return new ObjectType(m);
    }

    public static Body body() {
        return new Body();
    }

    /** Collects attributes and blocks, in the order written. */
    public static final class Body {
        private final List<AttributeSchema> attributes = new ArrayList<>();
        private final List<NestedBlockSchema> blocks = new ArrayList<>();

        public Body add(AttributeSchema a) {
            attributes.add(a);
            return this;
        }

        public Body add(NestedBlockSchema b) {
            blocks.add(b);
            return this;
        }

        public BlockSchema build() {
            return BlockSchema.of(attributes, blocks);
        }
    }
}
