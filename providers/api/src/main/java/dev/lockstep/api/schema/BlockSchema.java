package dev.lockstep.api.schema;

import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The attributes and nested block types allowed in a block body. */
public record BlockSchema(Map<String, AttributeSchema> attributes, Map<String, NestedBlockSchema> blocks) {

    public static final BlockSchema EMPTY = new BlockSchema(Map.of(), Map.of());

    public BlockSchema {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
        for (String n : blocks.keySet()) {
            if (attributes.containsKey(n)) {
                throw new IllegalArgumentException(n + " is both an attribute and a block");
            }
        }
    }

    public static BlockSchema of(List<AttributeSchema> attributes, List<NestedBlockSchema> blocks) {
        Map<String, AttributeSchema> a = new LinkedHashMap<>();
        for (AttributeSchema s : attributes) {
            a.put(s.name(), s);
        }
        Map<String, NestedBlockSchema> b = new LinkedHashMap<>();
        for (NestedBlockSchema s : blocks) {
            b.put(s.name(), s);
        }
        return new BlockSchema(a, b);
    }

    public static BlockSchema of(AttributeSchema... attributes) {
        return of(List.of(attributes), List.of());
    }

    /** The object type of a decoded body: attributes by their types, blocks by their nesting. */
    public ObjectType impliedType() {
        Map<String, Type> t = new LinkedHashMap<>();
        attributes.forEach((n, a) -> t.put(n, a.type()));
        blocks.forEach((n, b) -> {
            ObjectType inner = b.block().impliedType();
            switch (b.nesting()) {
                case SINGLE:
                    t.put(n, inner);
                    break;
                case LIST:
                    t.put(n, new ListType(inner));
                    break;
                case SET:
                    t.put(n, new SetType(inner));
                    break;
                default:
                    throw new IllegalStateException();
            }
        });
        return new ObjectType(t);
    }
}
