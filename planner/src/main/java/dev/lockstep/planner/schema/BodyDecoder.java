package dev.lockstep.planner.schema;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a resource, data source or provider body into an object value as its schema describes
 * it: attributes evaluated and converted to their types, nested blocks (including {@code dynamic}
 * ones) into objects, lists or sets, sensitive attributes marked. Every mismatch with the schema is
 * a diagnostic: unknown arguments and blocks (with "did you mean"), read-only attributes, missing
 * required ones, wrong types, and block counts outside their limits.
 */
public final class BodyDecoder {

    private final Diagnostics diags;

    public BodyDecoder(Diagnostics diags) {
        this.diags = diags;
    }

    /** Decodes {@code body}; the result is an object with one attribute per schema attribute and block type. */
    public Value decode(Body body, BlockSchema schema, EvalContext ctx, SourceRange owner) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        Map<String, List<Block>> blocks = new LinkedHashMap<>();
        List<Block> dynamics = new ArrayList<>();
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Attribute a) {
                AttributeSchema as = schema.attributes().get(a.name());
                if (as == null) {
                    String hint = schema.blocks().containsKey(a.name()) ? " \"" + a.name() + "\" is a block; write it "
                            + "as \"" + a.name() + " { ... }\"." : Suggestions.didYouMean(a.name(),
                            settableNames(schema));
                    diags.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not expected here."
                            + hint, a.nameRange());
                    continue;
                }
                if (!as.settable()) {
                    diags.error("Invalid configuration for read-only attribute", "Cannot set a value for \"" + a.name()
                            + "\": the provider sets this attribute. Remove the line setting it.", a.nameRange());
                    continue;
                }
                Attribute prev = attrs.putIfAbsent(a.name(), a);
                if (prev != null) {
                    diags.error("Duplicate argument", "The argument \"" + a.name() + "\" was already set at "
                            + prev.nameRange().file() + ":" + prev.nameRange().start().line() + ","
                            + prev.nameRange().start().column() + ". Each argument may be set only once.",
                            a.nameRange());
                }
            } else {
                Block b = (Block) item;
                if (b.type().equals("dynamic")) {
                    dynamics.add(b);
                    continue;
                }
                NestedBlockSchema nb = schema.blocks().get(b.type());
                if (nb == null) {
                    String hint = schema.attributes().containsKey(b.type()) ? " \"" + b.type() + "\" is an argument; "
                            + "write it as \"" + b.type() + " = value\"." : Suggestions.didYouMean(b.type(),
                            schema.blocks().keySet());
                    diags.error("Unsupported block type", "Blocks of type \"" + b.type() + "\" are not expected here."
                            + hint, b.typeRange());
                    continue;
                }
                if (!b.labels().isEmpty()) {
                    diags.error("Extraneous label for " + b.type(), "No labels are expected for " + b.type()
                            + " blocks.", b.labels().get(0).range());
                    continue;
                }
                blocks.computeIfAbsent(b.type(), k -> new ArrayList<>()).add(b);
            }
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (AttributeSchema as : schema.attributes().values()) {
            Attribute a = attrs.get(as.name());
            if (a == null) {
                if (as.required()) {
                    diags.error("Missing required argument", "The argument \"" + as.name() + "\" is required, but no "
                            + "definition was found.", owner);
                }
                out.put(as.name(), Value.nullOf(as.type()));
                continue;
            }
            out.put(as.name(), attribute(a, as, ctx));
        }
        Map<String, List<Value>> blockValues = new LinkedHashMap<>();
        Set<String> unknownCount = new LinkedHashSet<>();
        for (Map.Entry<String, List<Block>> e : blocks.entrySet()) {
            NestedBlockSchema nb = schema.blocks().get(e.getKey());
            List<Value> vs = new ArrayList<>();
            for (Block b : e.getValue()) {
                vs.add(decode(b.body(), nb.block(), ctx, b.typeRange()));
            }
            blockValues.put(e.getKey(), vs);
        }
        for (Block d : dynamics) {
            expandDynamic(d, schema, ctx, blockValues, unknownCount);
        }
        for (NestedBlockSchema nb : schema.blocks().values()) {
            out.put(nb.name(), blockValue(nb, blockValues.getOrDefault(nb.name(), List.of()),
                    unknownCount.contains(nb.name()), blocks.get(nb.name()), owner));
        }
        return Value.object(out);
    }

    private static Set<String> settableNames(BlockSchema schema) {
        Set<String> out = new LinkedHashSet<>();
        schema.attributes().forEach((n, a) -> {
            if (a.settable()) {
                out.add(n);
            }
        });
        return out;
    }

    private Value attribute(Attribute a, AttributeSchema as, EvalContext ctx) {
        Value v = Evaluator.evaluate(a.expr(), ctx, diags);
        try {
            v = Conversion.convert(v, as.type());
        } catch (ConversionException ex) {
            diags.error("Incorrect attribute value type", "Inappropriate value for attribute \"" + as.name() + "\": "
                    + ex.getMessage() + ".", a.expr().range());
            v = Value.unknown(as.type());
        }
        if (as.identifying() && v.containsSensitive()) {
            diags.error("Sensitive value in an identifying attribute", "The value of \"" + as.name() + "\" is "
                    + "sensitive, but \"" + as.name() + "\" names the object: it becomes part of the object's id, "
                    + "which plans and state show in clear, and anyone who can list these objects can read it. "
                    + "Use a value that is not secret. If this one is not really secret, say so with nonsensitive(), "
                    + "as in " + as.name() + " = nonsensitive(var.example).", a.expr().range());
            return Value.unknown(as.type());
        }
        AllowedValuesCheck.check(as, v, a.expr().range(), diags);
        return v.markSensitiveIf(as.sensitive());
    }

    private Value blockValue(NestedBlockSchema nb, List<Value> values, boolean countUnknown, List<Block> written,
            SourceRange owner) {
        ObjectType t = nb.block().impliedType();
        if (!countUnknown) {
            SourceRange at = written != null && !written.isEmpty() ? written.get(written.size() - 1).typeRange()
                    : owner;
            if (values.size() < nb.minItems()) {
                diags.error("Insufficient " + nb.name() + " blocks", "At least " + nb.minItems() + " \"" + nb.name()
                        + "\" block" + (nb.minItems() == 1 ? " is" : "s are") + " required.", owner);
            } else if (nb.maxItems() > 0 && values.size() > nb.maxItems()) {
                diags.error("Too many " + nb.name() + " blocks", "No more than " + nb.maxItems() + " \"" + nb.name()
                        + "\" block" + (nb.maxItems() == 1 ? " is" : "s are") + " allowed.", at);
            }
        }
        switch (nb.nesting()) {
            case SINGLE:
                if (countUnknown) {
                    return Value.unknown(t);
                }
                return values.isEmpty() ? Value.nullOf(t) : values.get(0);
            case LIST:
                if (countUnknown) {
                    return Value.unknown(new ListType(t));
                }
                return values.isEmpty() ? Value.emptyList(t) : collection(values, false);
            case SET:
                if (countUnknown) {
                    return Value.unknown(new SetType(t));
                }
                return values.isEmpty() ? Value.set(t, List.of()) : collection(values, true);
            default:
                throw new IllegalStateException();
        }
    }

    /**
     * A list or set of decoded blocks. They normally share the implied type; blocks with dynamic
     * attributes may differ, and are unified (or, failing that, kept as a tuple).
     */
    private static Value collection(List<Value> values, boolean set) {
        try {
            List<Value> u = Conversion.unifyValues(values);
            if (u != null) {
                Type et = u.get(0).type();
                return set ? Value.set(et, u) : Value.list(et, u);
            }
        } catch (ConversionException ex) {
            // fall through
        }
        return Value.tuple(values);
    }

    private void expandDynamic(Block d, BlockSchema schema, EvalContext ctx, Map<String, List<Value>> into,
            Set<String> unknownCount) {
        if (d.labels().size() != 1) {
            diags.error("Invalid dynamic block", "A dynamic block has one label: the type of the blocks it generates, "
                    + "as in dynamic \"rule\" { ... }.", d.headerRange());
            return;
        }
        String type = d.label(0);
        NestedBlockSchema nb = schema.blocks().get(type);
        if (nb == null) {
            diags.error("Unsupported block type", "Blocks of type \"" + type + "\" are not expected here, so a dynamic "
                    + "block cannot generate them." + Suggestions.didYouMean(type, schema.blocks().keySet()),
                    d.labels().get(0).range());
            return;
        }
        Attribute forEach = null;
        String iterator = type;
        Block content = null;
        for (Body.BodyItem item : d.body().items()) {
            if (item instanceof Attribute a) {
                switch (a.name()) {
                    case "for_each":
                        forEach = a;
                        break;
                    case "iterator":
                        if (a.expr() instanceof ScopeTraversalExpr s && s.traversal().steps().isEmpty()) {
                            iterator = s.traversal().root();
                        } else {
                            diags.error("Invalid dynamic iterator name", "The iterator is a bare name, such as "
                                    + "iterator = rule.", a.expr().range());
                        }
                        break;
                    case "labels":
                        break;
                    default:
                        diags.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not expected in "
                                + "a dynamic block; it takes for_each, iterator, labels and a content block.",
                                a.nameRange());
                }
            } else {
                Block b = (Block) item;
                if (b.type().equals("content") && content == null) {
                    content = b;
                } else {
                    diags.error("Unsupported block type", b.type().equals("content") ? "A dynamic block has only one "
                            + "content block." : "Blocks of type \"" + b.type() + "\" are not expected in a dynamic "
                            + "block; put the generated block's content in content { ... }.", b.typeRange());
                }
            }
        }
        if (forEach == null || content == null) {
            diags.error("Invalid dynamic block", "A dynamic block needs a for_each argument and a content block.",
                    d.headerRange());
            return;
        }
        Value coll = Evaluator.evaluate(forEach.expr(), ctx, diags);
        boolean mark = coll.isSensitive();
        coll = coll.unmark();
        List<Value> out = into.computeIfAbsent(type, k -> new ArrayList<>());
        if (!coll.isKnown()) {
            unknownCount.add(type);
            // still check the content against the schema, with an unknown iterator
            Map<String, Value> it = Map.of("key", Value.DYNAMIC_UNKNOWN, "value", Value.DYNAMIC_UNKNOWN);
            decode(content.body(), nb.block(), ctx.child(Map.of(iterator, Value.object(it))), content.typeRange());
            return;
        }
        if (coll.isNull() || !(coll.isSequence() || coll.isMapping())) {
            diags.error("Invalid dynamic for_each value", "Cannot use a " + (coll.isNull() ? "null value" : "value of "
                    + "type " + coll.type().friendlyName()) + " in for_each. An iterable collection is required.",
                    forEach.expr().range());
            return;
        }
        List<Value[]> entries = new ArrayList<>();
        if (coll.isSequence()) {
            List<Value> els = coll.elements();
            for (int i = 0; i < els.size(); i++) {
                entries.add(new Value[] {coll.isSet() ? els.get(i) : Value.number(i), els.get(i)});
            }
        } else {
            coll.attributes().forEach((k, v) -> entries.add(new Value[] {Value.string(k), v}));
        }
        for (Value[] kv : entries) {
            Map<String, Value> it = new LinkedHashMap<>();
            it.put("key", kv[0].markSensitiveIf(mark));
            it.put("value", kv[1].markSensitiveIf(mark));
            out.add(decode(content.body(), nb.block(), ctx.child(Map.of(iterator, Value.object(it))),
                    content.typeRange()));
        }
    }
}
