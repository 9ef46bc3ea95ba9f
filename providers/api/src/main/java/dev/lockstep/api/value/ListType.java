package dev.lockstep.api.value;

import java.util.Objects;

/** The type of a list whose elements all have the type {@code element}. */
public record ListType(Type element) implements Type {

    public ListType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return element == Type.DYNAMIC ? "list of dynamic" : "list of " + element.friendlyName();
    }

    @Override
    public String typeExpr() {
        return "list(" + element.typeExpr() + ")";
    }

    @Override
    public String toString() {
        return typeExpr();
    }
}
