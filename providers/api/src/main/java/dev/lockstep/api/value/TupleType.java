package dev.lockstep.api.value;

import java.util.List;

/** The type of a tuple: a fixed-length sequence whose elements each have their own type. */
public record TupleType(List<Type> elements) implements Type {

    /** The tuple type with no elements, the type of {@code []}. */
    public static final TupleType EMPTY = new TupleType(List.of());

    public TupleType {
        elements = List.copyOf(elements);
    }

    @Override
    public String friendlyName() {
        return "tuple";
    }

    @Override
    public String typeExpr() {
        StringBuilder sb = new StringBuilder("tuple([");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(elements.get(i).typeExpr());
        }
        return sb.append("])").toString();
    }

    @Override
    public String toString() {
        return typeExpr();
    }
}
