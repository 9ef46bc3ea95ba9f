package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format} and {@code formatlist}. An argument that is unknown, or null without a type
 * (the literal {@code null}), makes the result unknown, as in Terraform; a typed null prints as
 * {@code null} with {@code %v} and is an error for the other verbs.
 */
public final class FormatFunctions {

    private FormatFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(format(), formatlist());
    }

    static Function format() {
        return Function.builder("format").param("format", Type.STRING)
                .varParam(Param.of("args", Type.DYNAMIC).nullable()).returns(Type.STRING)
                .description("Produces a string by formatting the arguments according to the format string.")
                .body(args -> {
                    List<Value> rest = args.subList(1, args.size());
                    for (Value v : rest) {
                        if (v.type() == Type.DYNAMIC) {
                            return Value.unknown(Type.STRING);
                        }
                    }
                    return Value.string(Formatter.format(args.get(0).asString(), rest));
                });
    }

    static Function formatlist() {
        return Function.builder("formatlist").param("format", Type.STRING)
                .varParam(Param.of("args", Type.DYNAMIC).nullable().unknownable()).returns(Type.list(Type.STRING))
                .description("Formats each element of the list arguments, giving a list of strings.")
                .body(args -> {
                    String fmt = args.get(0).asString();
                    List<Value> rest = args.subList(1, args.size());
                    int iterLen = -1;
                    int lenChooser = -1;
                    for (int i = 0; i < rest.size(); i++) {
                        Value a = rest.get(i);
                        if (a.type() == Type.DYNAMIC) {
                            return Value.unknown(Type.list(Type.STRING));
                        }
                        if (a.isSequence() && !a.isNull()) {
                            if (!a.isKnown()) {
                                return Value.unknown(Type.list(Type.STRING));
                            }
                            int len = a.length();
                            if (iterLen < 0) {
                                iterLen = len;
                                lenChooser = i;
                            } else if (len != iterLen) {
                                throw new FunctionException(i + 1, "argument " + (i + 1) + " has length " + len
                                        + ", which is inconsistent with argument " + (lenChooser + 1) + " of length "
                                        + iterLen + ".");
                            }
                        }
                    }
                    if (iterLen == 0) {
                        return Value.emptyList(Type.STRING);
                    }
                    if (iterLen < 0) {
                        iterLen = 1;
                    }
                    List<Value> out = new ArrayList<>(iterLen);
                    results:
                    for (int it = 0; it < iterLen; it++) {
                        List<Value> call = new ArrayList<>(rest.size());
                        for (Value a : rest) {
                            Value v = a.isSequence() && !a.isNull() ? a.elements().get(it) : a;
                            if (!v.isWhollyKnown()) {
                                out.add(Value.unknown(Type.STRING));
                                continue results;
                            }
                            call.add(v);
                        }
                        try {
                            out.add(Value.string(Formatter.format(fmt, call)));
                        } catch (FunctionException e) {
                            throw new FunctionException("error on format iteration " + it + ": " + e.getMessage());
                        }
                    }
                    return Value.list(Type.STRING, out);
                });
    }
}
