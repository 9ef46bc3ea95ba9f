package dev.lockstep.planner.hcl.library;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code templatefile(path, vars)}: renders a template file (relative to the configuration
 * directory) with only {@code vars} in scope, as Terraform does. The template may call any
 * function except {@code templatefile} itself.
 */
public final class TemplateFile {

    private TemplateFile() {
    }

    /** The function, calling {@code functions} (looked up at call time) from inside templates. */
    public static Function create(FunctionContext ctx, Map<String, Function> functions) {
        return Function.builder("templatefile")
                .param("path", Type.STRING)
                .param(Param.of("vars", Type.DYNAMIC).unknownable())
                .returns(Type.DYNAMIC)
                .description("Renders a template file with the given variables.")
                .body(args -> render(ctx, functions, args.get(0).asString(), args.get(1)));
    }

    private static Value render(FunctionContext ctx, Map<String, Function> functions, String path, Value vars)
            throws FunctionException {
        if (!vars.isMapping()) {
            throw new FunctionException(1, "Invalid value for \"vars\" parameter: vars must be a map or an object.");
        }
        String src;
        try {
            Path file = ctx.baseDir().resolve(path);
            if (!Files.isRegularFile(file)) {
                throw new FunctionException(0, "Invalid value for \"path\" parameter: no file exists at the given "
                        + "path; this function works only with files that are distributed as part of the configuration.");
            }
            src = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.InvalidPathException e) {
            throw new FunctionException(0, "Invalid value for \"path\" parameter: the path is not a valid file name.");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new FunctionException(0, "Invalid value for \"path\" parameter: the file is not valid UTF-8 text.");
        } catch (IOException e) {
            throw new FunctionException(0, "Invalid value for \"path\" parameter: the file could not be read ("
                    + e.getClass().getSimpleName() + ").");
        }
        Diagnostics d = new Diagnostics();
        Expression tmpl = Hcl.parseTemplate(src, path, d);
        if (d.hasErrors()) {
            throw new FunctionException(-1, "failed to parse template " + first(d));
        }
        Map<String, Value> scope = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : vars.attributes().entrySet()) {
            scope.put(e.getKey(), e.getValue());
        }
        for (Traversal t : Expressions.references(tmpl)) {
            if (!scope.containsKey(t.root())) {
                throw new FunctionException(1, "Invalid value for \"vars\" parameter: vars map does not contain key \""
                        + t.root() + "\", referenced at " + t.rootRange().file() + ":" + t.rootRange().start().line()
                        + "," + t.rootRange().start().column() + ".");
            }
        }
        Map<String, Function> inner = new LinkedHashMap<>(functions);
        inner.remove("templatefile");
        EvalContext ectx = EvalContext.of(scope, inner, ctx);
        Value v = Evaluator.evaluate(tmpl, ectx, d);
        if (d.hasErrors()) {
            throw new FunctionException(-1, "failed to render template " + first(d));
        }
        if (!v.isKnown()) {
            return v;
        }
        try {
            return Conversion.convert(v, Type.STRING);
        } catch (ConversionException e) {
            return v;
        }
    }

    private static String first(Diagnostics d) {
        for (Diagnostic x : d) {
            if (x.isError()) {
                String where = x.subject() == null ? "" : " at " + x.subject().file() + ":"
                        + x.subject().start().line() + "," + x.subject().start().column();
                return where + ": " + x.summary() + (x.detail().isEmpty() ? "" : "; " + x.detail());
            }
        }
        return "";
    }
}
