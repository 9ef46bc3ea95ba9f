package dev.lockstep.planner.hcl;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.parser.Parser;

/**
 * Entry points of the HCL front end. Parsing never throws for bad input: it returns the best tree
 * it could build and reports every problem in {@code diags} with its source range.
 */
public final class Hcl {

    private Hcl() {
    }

    /** Parses a configuration file in HCL native syntax. */
    public static Body parseFile(String source, String file, Diagnostics diags) {
        return new Parser(source, file, diags).parseFile();
    }

    /** Parses a single expression, such as console input or a {@code --var} value. */
    public static Expression parseExpression(String source, String file, Diagnostics diags) {
        return new Parser(source, file, diags).parseExpressionOnly();
    }

    /** Parses a template file, as {@code templatefile} reads it. */
    public static Expression parseTemplate(String source, String file, Diagnostics diags) {
        return Parser.parseTemplate(source, file, diags);
    }
}
