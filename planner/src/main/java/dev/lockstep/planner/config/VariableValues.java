package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides the value of every input variable. Sources, from lowest to highest precedence:
 * the declaration's {@code default}; {@code LOCKSTEP_VAR_<name>} environment variables;
 * {@code *.auto.vars.hcl} files in the configuration directory (alphabetical); {@code --var-file}
 * files in the order given; {@code --var name=value} options in the order given. Values are
 * converted to the declared type, optional-attribute defaults filled in, nullability and
 * {@code validation} rules checked, and sensitive variables marked.
 */
public final class VariableValues {

    /** The summary of the error for a --var or --var-file value that differs from the saved plan's. */
    public static final String CONTRADICTS_SAVED_PLAN = "Variable contradicts the saved plan";

    /** Environment variable prefix for variable values. */
    public static final String ENV_PREFIX = "LOCKSTEP_VAR_";

    /**
     * Where variable values come from, as the command line gathered them; {@code fixed} are values
     * already decided (a saved plan's), which take precedence over everything.
     */
    public record Sources(Map<String, String> environment, List<Path> varFiles, List<String> cliVars,
            Map<String, Value> fixed) {

        public Sources(Map<String, String> environment, List<Path> varFiles, List<String> cliVars) {
            this(environment, varFiles, cliVars, Map.of());
        }

        public static Sources none() {
            return new Sources(Map.of(), List.of(), List.of());
        }
    }

    /** A raw value and where it was given. */
    private record Raw(Value value, SourceRange range, String origin) {
    }

    private final Config config;
    private final Diagnostics diags;
    private final EvalContext functionsOnly;

    /**
     * @param functionsOnly a context with the function library and no variables, for validation
     *     rules (which add {@code var}) — variable files themselves may not call functions
     */
    public VariableValues(Config config, Diagnostics diags, EvalContext functionsOnly) {
        this.config = config;
        this.diags = diags;
        this.functionsOnly = functionsOnly;
    }

    /**
     * Resolves every declared variable. When {@code requireAll} is false (validate), a variable
     * with no value anywhere becomes an unknown of its type instead of an error.
     */
    public Map<String, Value> resolve(Sources sources, boolean requireAll) {
        Map<String, Raw> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sources.environment().entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(ENV_PREFIX.length());
            Variable v = config.variables().get(name);
            if (v != null) {
                Value parsed = fromString(v, e.getValue(), "environment variable " + e.getKey());
                if (parsed != null) {
                    raw.put(name, new Raw(parsed, v.range(), "environment variable " + e.getKey()));
                }
            }
        }
        for (Path f : autoVarFiles(config.dir())) {
            readVarFile(f, f.getFileName().toString(), raw, false);
        }
        for (Path f : sources.varFiles()) {
            // relative to the configuration directory, as Terraform's -chdir makes them
            Path resolved = f.isAbsolute() || config.dir() == null ? f : config.dir().resolve(f);
            readVarFile(resolved, f.toString(), raw, true);
        }
        for (String kv : sources.cliVars()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                diags.error("Invalid --var option", "A --var option is not correctly specified: it must be a "
                        + "variable name and value separated by an equals sign, like --var key=value. (The option's "
                        + "text is not repeated here in case it holds a secret.)", null);
                continue;
            }
            String name = kv.substring(0, eq);
            Variable v = config.variables().get(name);
            if (v == null) {
                diags.error("Value for undeclared variable", "A variable named \"" + name + "\" was assigned on the "
                        + "command line, but the configuration does not declare a variable of that name. To use this "
                        + "value, add a \"variable\" block to the configuration."
                        + Suggestions.didYouMean(name, config.variables().keySet()), null);
                continue;
            }
            Value parsed = fromString(v, kv.substring(eq + 1), "--var " + name);
            if (parsed != null) {
                raw.put(name, new Raw(parsed, v.range(), "--var " + name));
            }
        }
        for (Map.Entry<String, Value> e : sources.fixed().entrySet()) {
            Variable v = config.variables().get(e.getKey());
            if (v == null) {
                continue;
            }
            Raw given = raw.get(e.getKey());
            if (given != null && (given.origin().startsWith("--var ") || given.origin().startsWith("--var-file "))) {
                Value now = finalValue(v, given, false);
                if (!now.isWhollyKnown() || !now.equals(e.getValue())) {
                    diags.error(CONTRADICTS_SAVED_PLAN, "The saved plan was made with " + v.name() + " = "
                            + dev.lockstep.planner.hcl.print.ConsoleFormat.format(e.getValue()) + ", and " + given.origin()
                            + " gives " + dev.lockstep.planner.hcl.print.ConsoleFormat.format(now) + ". A saved plan "
                            + "is applied with the values it was made with: drop the option, or make a new plan with "
                            + "the new value (lockstep plan -o FILE).", null);
                }
            }
            raw.put(e.getKey(), new Raw(e.getValue(), v.range(), "the saved plan"));
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Variable v : config.variables().values()) {
            out.put(v.name(), finalValue(v, raw.get(v.name()), requireAll));
        }
        for (Variable v : config.variables().values()) {
            checkValidations(v, out.get(v.name()));
            dev.lockstep.api.log.SecretScrubber.register(out.get(v.name()));
        }
        return out;
    }

    /** The {@code *.auto.vars.hcl} files of a directory, sorted. */
    public static List<Path> autoVarFiles(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".auto.vars.hcl")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void readVarFile(Path file, String display, Map<String, Raw> raw, boolean given) {
        if (!Files.isRegularFile(file)) {
            diags.error("Failed to read variables file", "Given variables file " + display + " does not exist.",
                    null);
            return;
        }
        String src = ConfigLoader.readSource(file, display, diags);
        if (src == null) {
            return;
        }
        Body body = Hcl.parseFile(src, display, diags);
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Block b) {
                diags.error("Unexpected block in variables file", "A variables file assigns values with \"name = "
                        + "value\"; blocks are not allowed.", b.typeRange());
                continue;
            }
            Attribute a = (Attribute) item;
            Variable v = config.variables().get(a.name());
            if (v == null) {
                diags.warning("Value for undeclared variable", "The variables file assigns \"" + a.name() + "\", but "
                        + "the configuration does not declare a variable of that name."
                        + Suggestions.didYouMean(a.name(), config.variables().keySet()), a.nameRange());
                continue;
            }
            Value val = constantValue(a.expr());
            if (val != null) {
                raw.put(a.name(), new Raw(val, a.expr().range(), given ? "--var-file " + display : display));
            }
        }
    }

    private Value constantValue(Expression e) {
        if (!Expressions.references(e).isEmpty()) {
            diags.error("Variables not allowed", "Variables may not be used here: values in variables files must be "
                    + "constants.", Expressions.references(e).get(0).range());
            return null;
        }
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(e, EvalContext.of(Map.of(), Map.of(), functionsOnly.functionContext()), d);
        diags.addAll(d);
        return d.hasErrors() ? null : v;
    }

    /**
     * A value given as text (environment or command line): literal text for primitive and
     * untyped variables, an HCL expression for structured types.
     */
    private Value fromString(Variable v, String text, String origin) {
        Type t = v.type().type();
        if (t.isPrimitive() || t == Type.DYNAMIC) {
            return Value.string(text);
        }
        Diagnostics d = new Diagnostics();
        Expression e = Hcl.parseExpression(text, "<value for " + origin + ">", d);
        if (d.hasErrors()) {
            diags.error("Invalid value for variable", "The value given by " + origin + " for var." + v.name() + " is "
                    + "not a valid expression: " + d.asList().get(0).summary() + ". Values of structured types are "
                    + "written in HCL syntax, such as [\"a\", \"b\"] or {key = \"value\"}.", v.range());
            return null;
        }
        return constantValue(e);
    }

    private Value finalValue(Variable v, Raw raw, boolean requireAll) {
        Type t = v.type().type();
        Value value;
        SourceRange range;
        if (raw != null) {
            value = raw.value();
            range = raw.range();
        } else if (v.defaultValue() != null) {
            Diagnostics d = new Diagnostics();
            value = Evaluator.evaluate(v.defaultValue(), functionsOnly, d);
            diags.addAll(d);
            if (d.hasErrors()) {
                return Value.unknown(t).markSensitiveIf(v.sensitive());
            }
            range = v.defaultValue().range();
        } else if (!requireAll) {
            return Value.unknown(t).markSensitiveIf(v.sensitive());
        } else {
            diags.error("No value for required variable", "The input variable \"" + v.name() + "\" is not set, and "
                    + "has no default value. Use a --var or --var-file command line argument, a *.auto.vars.hcl file "
                    + "or the " + ENV_PREFIX + v.name() + " environment variable to provide a value for this "
                    + "variable.", v.range());
            return Value.unknown(t).markSensitiveIf(v.sensitive());
        }
        if (value.isNull() && !v.nullable() && raw != null && v.defaultValue() != null) {
            // a non-nullable variable set to null takes its default, as in Terraform
            return finalValue(v, null, requireAll);
        }
        if (value.isNull()) {
            if (!v.nullable()) {
                diags.error("Required variable not set", "Unsuitable value for var." + v.name() + ": required variable "
                        + "may not be set to null.", range);
                return Value.unknown(t).markSensitiveIf(v.sensitive());
            }
            return Value.nullOf(t).markSensitiveIf(v.sensitive());
        }
        try {
            Value converted = Conversion.convert(value, t);
            converted = v.type().applyDefaults(converted);
            return converted.markSensitiveIf(v.sensitive());
        } catch (ConversionException ex) {
            diags.error("Invalid value for input variable", "The given value is not suitable for var." + v.name()
                    + " declared at " + BodyReader.where(v.range()) + ": " + ex.getMessage() + ".", range);
            return Value.unknown(t).markSensitiveIf(v.sensitive());
        }
    }

    /** Reports every reference of a validation rule to anything but the variable itself; true if there is none. */
    private boolean onlySelfReferences(Variable v, Variable.Validation rule) {
        boolean ok = true;
        for (Expression e : List.of(rule.condition(), rule.errorMessage())) {
            for (Traversal t : Expressions.references(e)) {
                boolean self = t.root().equals("var") && !t.steps().isEmpty()
                        && t.steps().get(0) instanceof Traversal.Attr a && a.name().equals(v.name());
                if (!self) {
                    diags.error("Invalid reference in variable validation", "The condition and error message of a "
                            + "validation rule for variable \"" + v.name() + "\" can refer only to the variable "
                            + "itself, as var." + v.name() + ".", t.range());
                    ok = false;
                }
            }
        }
        return ok;
    }

    private void checkValidations(Variable v, Value value) {
        if (v.validations().isEmpty()) {
            return;
        }
        EvalContext ctx = functionsOnly.child(Map.of("var", Value.object(Map.of(v.name(), value))));
        for (Variable.Validation rule : v.validations()) {
            if (!onlySelfReferences(v, rule)) {
                continue;
            }
            Diagnostics d = new Diagnostics();
            Value ok = Evaluator.evaluate(rule.condition(), ctx, d);
            diags.addAll(d);
            if (d.hasErrors() || !ok.isKnown()) {
                continue;
            }
            if (ok.isNull() || ok.type() != Type.BOOL) {
                diags.error("Invalid validation result", "The condition of a validation rule must produce true or "
                        + "false.", rule.condition().range());
                continue;
            }
            if (ok.unmark().asBool()) {
                continue;
            }
            Diagnostics md = new Diagnostics();
            Value msg = Evaluator.evaluate(rule.errorMessage(), ctx, md);
            String text;
            if (md.hasErrors() || !msg.isKnown() || msg.isNull() || msg.type() != Type.STRING) {
                text = "The validation rule's error message could not be produced.";
            } else if (msg.containsSensitive()) {
                text = "The error message includes a sensitive value, so it is not shown.";
            } else {
                text = msg.asString();
            }
            diags.error("Invalid value for variable", text + "\n\nThis was checked by the validation rule at "
                    + BodyReader.where(rule.range()) + ".", v.range());
        }
    }

}
