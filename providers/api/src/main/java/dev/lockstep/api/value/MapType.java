package dev.lockstep.api.value;

import java.util.Objects;

/** The type of a map whose elements all have the type {@code element}. */
public record MapType(Type element) implements Type {

    public MapType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return element == Type.DYNAMIC ? "map of dynamic" : "map of " + element.friendlyName();
    }

    @Override
    public String typeExpr() {
        return "map(" + element.typeExpr() + ")";
    }

    @Override
    public String toString() {
        return typeExpr();
    }
}
