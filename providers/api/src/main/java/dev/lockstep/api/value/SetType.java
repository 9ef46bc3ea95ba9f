package dev.lockstep.api.value;

import java.util.Objects;

/** The type of a set whose elements all have the type {@code element}. */
public record SetType(Type element) implements Type {

    public SetType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return element == Type.DYNAMIC ? "set of dynamic" : "set of " + element.friendlyName();
    }

    @Override
    public String typeExpr() {
        return "set(" + element.typeExpr() + ")";
    }

    @Override
    public String toString() {
        return typeExpr();
    }
}
