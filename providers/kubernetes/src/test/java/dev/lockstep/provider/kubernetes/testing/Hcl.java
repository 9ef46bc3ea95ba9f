package dev.lockstep.provider.kubernetes.testing;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.RootScope;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.Param;
import dev.lockstep.planner.schema.BodyDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes HCL against the provider's schemas with the planner's own parser and decoder, as the
 * engine will. References ({@code var.x}, {@code kubernetes_service_account.example.metadata.0.name})
 * are unknown, as they are while planning; a few standard functions used by the Terraform
 * documentation's examples return unknown values here (their own tests live in the planner).
 */
public final class Hcl {

    private Hcl() {
    }

    /** Decodes the body text of one block. */
    public static Value body(BlockSchema schema, String text, Diagnostics diags) {
        Body body = dev.lockstep.planner.hcl.Hcl.parseFile(text, "test.hcl", diags);
        return new BodyDecoder(diags).decode(body, schema, context(), body.range());
    }

    /** Decodes one block found in a file. */
    public static Value block(Block b, BlockSchema schema, Diagnostics diags) {
        return new BodyDecoder(diags).decode(b.body(), schema, context(), b.typeRange());
    }

    public static Body parse(String text, String file, Diagnostics diags) {
        return dev.lockstep.planner.hcl.Hcl.parseFile(text, file, diags);
    }

    static EvalContext context() {
        RootScope unknownScope = new RootScope() {
            @Override
            public Resolution resolve(Traversal t, Diagnostics diags) {
                return new Resolution(Value.DYNAMIC_UNKNOWN, t.steps().size());
            }

            @Override
            public Set<String> rootNames() {
                return Set.of();
            }
        };
        Map<String, Function> functions = new LinkedHashMap<>();
        for (String f : List.of("file", "filebase64", "base64encode", "base64decode", "jsonencode", "yamldecode", "format")) {
            functions.put(f, Function.builder(f).varParam(Param.of("args", Type.DYNAMIC).unknownable().nullable())
                    .returns(Type.DYNAMIC).body(args -> Value.DYNAMIC_UNKNOWN));
        }
        return EvalContext.of(unknownScope, functions, FunctionContext.defaults());
    }

    /** A range for messages about the whole text. */
    static SourceRange range(Body body) {
        return body.range();
    }
}
