package dev.lockstep.api.value;

/**
 * The type of a {@link Value}, following HCL's type system: three primitives, three collection
 * kinds (list, set, map) with a single element type, two structural kinds (object, tuple) and the
 * dynamic pseudo-type ({@code any}) that stands for "not yet decided".
 */
public sealed interface Type permits PrimitiveType, ListType, SetType, MapType, ObjectType, TupleType, DynamicType {

    Type STRING = PrimitiveType.STRING;
    Type NUMBER = PrimitiveType.NUMBER;
    Type BOOL = PrimitiveType.BOOL;
    Type DYNAMIC = DynamicType.INSTANCE;

    /** A short English name for messages: "string", "list of number", "object", "tuple". */
    String friendlyName();

    /** The HCL type-constraint expression that denotes this type, such as {@code list(string)}. */
    String typeExpr();

    default boolean isPrimitive() {
        return this instanceof PrimitiveType;
    }

    /** List, set or map: every element has the same type. */
    default boolean isCollection() {
        return this instanceof ListType || this instanceof SetType || this instanceof MapType;
    }

    /** Object or tuple: each attribute or element has its own type. */
    default boolean isStructural() {
        return this instanceof ObjectType || this instanceof TupleType;
    }

    /** Whether the type contains the dynamic pseudo-type anywhere. */
    default boolean hasDynamic() {
        if (this == DYNAMIC) {
            return true;
        }
        if (this instanceof ListType l) {
            return l.element().hasDynamic();
        }
        if (this instanceof SetType s) {
            return s.element().hasDynamic();
        }
        if (this instanceof MapType m) {
            return m.element().hasDynamic();
        }
        if (this instanceof ObjectType o) {
            return o.attributes().values().stream().anyMatch(Type::hasDynamic);
        }
        if (this instanceof TupleType t) {
            return t.elements().stream().anyMatch(Type::hasDynamic);
        }
        return false;
    }

    /** The element type of a collection type, or null for any other type. */
    default Type elementType() {
        if (this instanceof ListType l) {
            return l.element();
        }
        if (this instanceof SetType s) {
            return s.element();
        }
        if (this instanceof MapType m) {
            return m.element();
        }
        return null;
    }

    static ListType list(Type element) {
        return new ListType(element);
    }

    static SetType set(Type element) {
        return new SetType(element);
    }

    static MapType map(Type element) {
        return new MapType(element);
    }
}
