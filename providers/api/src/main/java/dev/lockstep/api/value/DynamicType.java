package dev.lockstep.api.value;

/** The dynamic pseudo-type, written {@code any}: a type not yet decided. */
public enum DynamicType implements Type {
    INSTANCE;

    @Override
    public String friendlyName() {
        return "dynamic";
    }

    @Override
    public String typeExpr() {
        return "any";
    }

    @Override
    public String toString() {
        return "any";
    }
}
