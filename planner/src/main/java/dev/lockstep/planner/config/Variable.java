package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Expression;
import java.util.List;

/**
 * A {@code variable "name" { ... }} declaration.
 *
 * @param defaultValue the {@code default} expression, or null when the variable is required
 * @param nullable whether null is an acceptable value (default true, as in Terraform)
 * @param range the block header, for diagnostics
 */
public record Variable(String name, TypeConstraint type, boolean typeGiven, Expression defaultValue,
        String description, boolean sensitive, boolean nullable, List<Validation> validations, SourceRange range) {

    public Variable {
        validations = List.copyOf(validations);
    }

    /** One {@code validation { condition error_message }} block. */
    public record Validation(Expression condition, Expression errorMessage, SourceRange range) {
    }
}
