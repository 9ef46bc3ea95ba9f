package dev.lockstep.planner.hcl.ast;

/** HCL's operators, with their source symbol and binding strength (higher binds tighter). */
public enum Operator {
    OR("||", 1),
    AND("&&", 2),
    EQUAL("==", 3),
    NOT_EQUAL("!=", 3),
    LESS("<", 4),
    GREATER(">", 4),
    LESS_EQUAL("<=", 4),
    GREATER_EQUAL(">=", 4),
    ADD("+", 5),
    SUBTRACT("-", 5),
    MULTIPLY("*", 6),
    DIVIDE("/", 6),
    MODULO("%", 6),
    NEGATE("-", 7),
    NOT("!", 7);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }
}
