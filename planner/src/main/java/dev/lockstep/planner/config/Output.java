package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.List;

/**
 * An {@code output "name" { value ... }} declaration.
 *
 * @param preconditions the {@code precondition} blocks, checked whenever the value is evaluated
 */
public record Output(String name, Expression value, String description, boolean sensitive,
        List<Traversal> dependsOn, List<Condition> preconditions, SourceRange range) {

    public Output {
        dependsOn = List.copyOf(dependsOn);
        preconditions = List.copyOf(preconditions);
    }
}
