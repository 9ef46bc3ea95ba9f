package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.List;

/** An {@code output "name" { value ... }} declaration. */
public record Output(String name, Expression value, String description, boolean sensitive,
        List<Traversal> dependsOn, SourceRange range) {

    public Output {
        dependsOn = List.copyOf(dependsOn);
    }
}
