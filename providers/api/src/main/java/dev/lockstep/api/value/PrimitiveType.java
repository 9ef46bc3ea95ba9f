package dev.lockstep.api.value;

/** The three primitive types: string, number (arbitrary precision) and bool. */
public enum PrimitiveType implements Type {
    STRING("string"),
    NUMBER("number"),
    BOOL("bool");

    private final String word;

    PrimitiveType(String word) {
        this.word = word;
    }

    @Override
    public String friendlyName() {
        return word;
    }

    @Override
    public String typeExpr() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
