package dev.lockstep.api.value;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The type of an object: a fixed set of named attributes, each with its own type. Attributes
 * named in {@code optional} may be absent from a value being converted to this type (a type
 * constraint feature; values themselves always have every attribute).
 */
public record ObjectType(Map<String, Type> attributes, Set<String> optional) implements Type {

    /** The object type with no attributes, the type of {@code {}}. */
    public static final ObjectType EMPTY = new ObjectType(Map.of(), Set.of());

    public ObjectType {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        // most object types have no optional attributes: share the empty set rather than keep an
        // empty TreeSet (with its TreeMap and views) per type; a 10,000-resource plan holds ~340,000 types
        optional = optional.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(optional));
        for (String o : optional) {
            if (!attributes.containsKey(o)) {
                throw new IllegalArgumentException("optional attribute " + o + " is not an attribute");
            }
        }
    }

    public ObjectType(Map<String, Type> attributes) {
        this(attributes, Set.of());
    }

    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    public Type attribute(String name) {
        return attributes.get(name);
    }

    /** The same type with no optional markers, as values of the type have. */
    public ObjectType withoutOptional() {
        return optional.isEmpty() ? this : new ObjectType(attributes);
    }

    @Override
    public String friendlyName() {
        return "object";
    }

    @Override
    public String typeExpr() {
        StringBuilder sb = new StringBuilder("object({");
        boolean first = true;
        for (Map.Entry<String, Type> e : attributes.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=');
            if (optional.contains(e.getKey())) {
                sb.append("optional(").append(e.getValue().typeExpr()).append(')');
            } else {
                sb.append(e.getValue().typeExpr());
            }
        }
        return sb.append("})").toString();
    }

    @Override
    public String toString() {
        return typeExpr();
    }
}
