package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.Suggestions;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.lexer.Lexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a body against a fixed set of argument and block names (for lockstep's own block types
 * such as {@code variable} and {@code lifecycle}), reporting unsupported, duplicate and missing
 * arguments the way Terraform does, and reads constant arguments.
 */
final class BodyReader {

    private static final EvalContext CONSTANTS = EvalContext.of(Map.of(), Map.of(), FunctionContext.defaults());

    private BodyReader() {
    }

    /** The attributes and blocks of a body that passed the name checks. */
    record Content(Map<String, Attribute> attributes, List<Block> blocks) {
        Attribute attr(String name) {
            return attributes.get(name);
        }
    }

    static Content read(Body body, Set<String> attributes, Set<String> blockTypes, Set<String> required,
            SourceRange owner, Diagnostics diags) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Attribute a) {
                if (!attributes.contains(a.name())) {
                    String hint = blockTypes.contains(a.name()) ? " \"" + a.name() + "\" is a block type; write it as "
                            + "a block, \"" + a.name() + " { ... }\"." : Suggestions.didYouMean(a.name(), attributes);
                    diags.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not expected here."
                            + hint, a.nameRange());
                    continue;
                }
                Attribute prev = attrs.get(a.name());
                if (prev != null) {
                    diags.error("Duplicate argument", "The argument \"" + a.name() + "\" was already set at "
                            + where(prev.nameRange()) + ". Each argument may be set only once.", a.nameRange());
                    continue;
                }
                attrs.put(a.name(), a);
            } else {
                Block b = (Block) item;
                if (!blockTypes.contains(b.type())) {
                    String hint = attributes.contains(b.type()) ? " \"" + b.type() + "\" is an argument; write it as \""
                            + b.type() + " = value\"." : Suggestions.didYouMean(b.type(), blockTypes);
                    diags.error("Unsupported block type", "Blocks of type \"" + b.type() + "\" are not expected here."
                            + hint, b.typeRange());
                    continue;
                }
                blocks.add(b);
            }
        }
        for (String r : required) {
            if (!attrs.containsKey(r)) {
                diags.error("Missing required argument", "The argument \"" + r + "\" is required, but no definition "
                        + "was found.", owner);
            }
        }
        return new Content(attrs, blocks);
    }

    static String where(SourceRange r) {
        return r.file() + ":" + r.start().line() + "," + r.start().column();
    }

    /** Evaluates a constant argument (no references allowed) and converts it; null after an error. */
    static Value constant(Attribute a, Type type, Diagnostics diags) {
        if (a == null) {
            return null;
        }
        Expression e = a.expr();
        if (!Expressions.references(e).isEmpty()) {
            diags.error("Invalid value", "The argument \"" + a.name() + "\" must be a constant; it cannot refer to "
                    + "variables, resources or other values.", e.range());
            return null;
        }
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(e, CONSTANTS, d);
        diags.addAll(d);
        if (d.hasErrors()) {
            return null;
        }
        if (v.isNull()) {
            diags.error("Invalid value", "The argument \"" + a.name() + "\" must not be null.", e.range());
            return null;
        }
        try {
            return Conversion.convert(v, type);
        } catch (ConversionException ex) {
            diags.error("Invalid value", "Invalid value for \"" + a.name() + "\": " + ex.getMessage() + ".",
                    e.range());
            return null;
        }
    }

    static boolean bool(Attribute a, boolean dflt, Diagnostics diags) {
        Value v = constant(a, Type.BOOL, diags);
        return v == null ? dflt : v.asBool();
    }

    static String string(Attribute a, Diagnostics diags) {
        Value v = constant(a, Type.STRING, diags);
        return v == null ? "" : v.asString();
    }

    /** Checks that a block has exactly {@code n} labels ({@code names}), each a valid identifier. */
    static boolean labels(Block b, int n, String names, Diagnostics diags) {
        if (b.labels().size() < n) {
            diags.error("Missing name for " + b.type(), "All " + b.type() + " blocks must have " + n + " label"
                    + (n == 1 ? "" : "s") + " (" + names + ").", b.headerRange());
            return false;
        }
        if (b.labels().size() > n) {
            Block.Label extra = b.labels().get(n);
            diags.error("Extraneous label for " + b.type(), n == 0 ? "No labels are expected for " + b.type()
                    + " blocks." : "Only " + n + " label" + (n == 1 ? "" : "s") + " (" + names + ") "
                    + (n == 1 ? "is" : "are") + " expected for " + b.type() + " blocks.", extra.range());
            return false;
        }
        for (Block.Label l : b.labels()) {
            if (!Lexer.isIdentifier(l.value())) {
                diags.error("Invalid " + b.type() + " name", "The name \"" + l.value() + "\" is not valid: a name must "
                        + "start with a letter or underscore and may contain only letters, digits, underscores, and "
                        + "dashes.", l.range());
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the shape of the condition blocks of type {@code type} among {@code blocks} (a
     * condition and an error message, no labels) and returns those that have both.
     */
    static List<Condition> conditions(List<Block> blocks, String type, Diagnostics diags) {
        List<Condition> out = new ArrayList<>();
        for (Block v : blocks) {
            if (!v.type().equals(type)) {
                continue;
            }
            boolean labelsOk = labels(v, 0, "", diags);
            Content c = BodyReader.read(v.body(), Set.of("condition", "error_message"), Set.of(), Set.of("condition",
                    "error_message"), v.typeRange(), diags);
            if (labelsOk && c.attr("condition") != null && c.attr("error_message") != null) {
                out.add(new Condition(c.attr("condition").expr(), c.attr("error_message").expr(), v.typeRange()));
            }
        }
        return out;
    }
}
