package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.Limits;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * More functions over sequences: range, coalesce, coalescelist, compact, one, chunklist, alltrue,
 * anytrue and matchkeys.
 */
public final class SequenceFunctions {

    private SequenceFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(range(), coalesce(), coalescelist(), compact(), one(), chunklist(), alltrue(), anytrue(),
                matchkeys());
    }

    static Function range() {
        return Function.builder("range").varParam(Param.of("params", Type.NUMBER)).returns(Type.list(Type.NUMBER))
                .description("Generates a list of numbers from start (inclusive) to limit (exclusive) by step.")
                .body(args -> {
                    BigDecimal start;
                    BigDecimal end;
                    BigDecimal step;
                    switch (args.size()) {
                        case 1 -> {
                            start = BigDecimal.ZERO;
                            end = args.get(0).asNumber();
                            step = BigDecimal.valueOf(end.signum() < 0 ? -1 : 1);
                        }
                        case 2 -> {
                            start = args.get(0).asNumber();
                            end = args.get(1).asNumber();
                            step = BigDecimal.valueOf(end.compareTo(start) < 0 ? -1 : 1);
                        }
                        case 3 -> {
                            start = args.get(0).asNumber();
                            end = args.get(1).asNumber();
                            step = args.get(2).asNumber();
                        }
                        default -> throw new FunctionException("must have one, two, or three arguments.");
                    }
                    boolean down = step.signum() < 0;
                    if (down && end.compareTo(start) > 0) {
                        throw new FunctionException(1, "end must be less than start when step is negative.");
                    }
                    if (!down && end.compareTo(start) < 0) {
                        throw new FunctionException(1, "end must be greater than start when step is positive.");
                    }
                    List<Value> out = new ArrayList<>();
                    BigDecimal n = start;
                    while (down ? n.compareTo(end) > 0 : n.compareTo(end) < 0) {
                        if (out.size() >= Limits.RANGE_VALUES) {
                            throw new FunctionException("more than " + Limits.RANGE_VALUES + " values were generated; "
                                    + "either decrease the "
                                    + "difference between start and end or use a smaller step.");
                        }
                        out.add(Value.number(n));
                        n = n.add(step);
                    }
                    return Value.list(Type.NUMBER, out);
                });
    }

    static Function coalesce() {
        return Function.builder("coalesce").varParam(Param.of("vals", Type.DYNAMIC).nullable().unknownable())
                .returns(SequenceFunctions::coalesceType)
                .description("Returns the first argument that is not null and not an empty string.")
                .body(args -> {
                    Type rt = coalesceType(args);
                    for (Value a : args) {
                        Value v = CollectionFunctions.convert(a, rt);
                        if (!v.isKnown()) {
                            return Value.unknown(rt);
                        }
                        if (v.isNull() || v.type() == Type.STRING && v.asString().isEmpty()) {
                            continue;
                        }
                        return v;
                    }
                    throw new FunctionException("no non-null, non-empty-string arguments.");
                });
    }

    private static Type coalesceType(List<Value> args) throws FunctionException {
        List<Type> types = new ArrayList<>();
        for (Value a : args) {
            types.add(a.type());
        }
        Type t = args.isEmpty() ? null : Conversion.unify(types);
        if (t == null) {
            throw new FunctionException("all arguments must have the same type.");
        }
        return t;
    }

    static Function coalescelist() {
        return Function.builder("coalescelist").varParam(Param.of("vals", Type.DYNAMIC).nullable().unknownable())
                .returns(args -> {
                    if (args.isEmpty()) {
                        throw new FunctionException("at least one argument is required.");
                    }
                    Type first = null;
                    boolean same = true;
                    for (Value a : args) {
                        if (!a.isKnown()) {
                            return Type.DYNAMIC;
                        }
                        if (!a.isList() && !a.isTuple()) {
                            throw new FunctionException("coalescelist arguments must be lists or tuples.");
                        }
                        if (first == null) {
                            first = a.type();
                        } else if (!first.equals(a.type())) {
                            same = false;
                        }
                    }
                    return same ? first : Type.DYNAMIC;
                })
                .description("Returns the first of the given lists or tuples that is not empty.")
                .body(args -> {
                    for (Value a : args) {
                        if (!a.isKnown()) {
                            return Value.DYNAMIC_UNKNOWN;
                        }
                        if (!a.isNull() && a.length() > 0) {
                            return a;
                        }
                    }
                    throw new FunctionException("no non-null arguments.");
                });
    }

    static Function compact() {
        return Function.builder("compact").param("list", Type.list(Type.STRING)).returns(Type.list(Type.STRING))
                .description("Removes null and empty string elements from the list.")
                .body(args -> {
                    List<Value> out = new ArrayList<>();
                    for (Value v : args.get(0).elements()) {
                        if (!v.isNull() && !v.asString().isEmpty()) {
                            out.add(v);
                        }
                    }
                    return Value.list(Type.STRING, out);
                });
    }

    static Function one() {
        return Function.builder("one").param("list", Type.DYNAMIC)
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof ListType || t instanceof SetType) {
                        return t.elementType();
                    }
                    if (t instanceof TupleType tt && tt.elements().size() <= 1) {
                        return tt.elements().isEmpty() ? Type.DYNAMIC : tt.elements().get(0);
                    }
                    if (t == Type.DYNAMIC) {
                        return Type.DYNAMIC;
                    }
                    throw new FunctionException(0, "must be a list, set, or tuple value with either zero or one elements.");
                })
                .description("Returns the single element of a list, set or tuple, or null when it is empty.")
                .body(args -> {
                    Value list = args.get(0);
                    if (list.length() == 0) {
                        Type t = list.type() instanceof TupleType ? Type.DYNAMIC : list.type().elementType();
                        return Value.nullOf(t);
                    }
                    if (list.length() > 1) {
                        throw new FunctionException(0, "must be a list, set, or tuple value with either zero or one elements.");
                    }
                    return list.elements().get(0);
                });
    }

    static Function chunklist() {
        return Function.builder("chunklist").param(Param.of("list", Type.list(Type.DYNAMIC)).unknownable().markable())
                .param(Param.of("size", Type.NUMBER).markable())
                .returns(args -> Type.list(args.get(0).type()))
                .description("Splits a list into fixed-size chunks, returning a list of lists.")
                .body(args -> {
                    Value list = args.get(0);
                    boolean mark = list.isSensitive() || args.get(1).isSensitive();
                    Type lt = list.type();
                    if (!list.isKnown()) {
                        return Value.unknown(Type.list(lt)).markSensitiveIf(mark);
                    }
                    int size;
                    try {
                        size = Args.wholeInt(args.get(1).unmark(), -1);
                    } catch (FunctionException e) {
                        throw new FunctionException("invalid size: " + e.getMessage());
                    }
                    if (size < 0) {
                        throw new FunctionException("the size argument must be positive.");
                    }
                    Value u = list.unmark();
                    List<Value> els = u.elements();
                    List<Value> out = new ArrayList<>();
                    if (els.isEmpty()) {
                        return Value.emptyList(lt).markSensitiveIf(mark);
                    }
                    if (size == 0) {
                        out.add(u);
                    } else {
                        for (int i = 0; i < els.size(); i += size) {
                            out.add(Value.list(lt.elementType(), els.subList(i, Math.min(i + size, els.size()))));
                        }
                    }
                    return Value.list(lt, out).markSensitiveIf(mark);
                });
    }

    static Function alltrue() {
        return Function.builder("alltrue").param(Param.of("list", Type.list(Type.BOOL)).unknownable())
                .returns(Type.BOOL)
                .description("Whether every element of the list is true (true for an empty list).")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isKnown()) {
                        return Value.unknown(Type.BOOL);
                    }
                    boolean unknown = false;
                    for (Value v : list.elements()) {
                        if (!v.isKnown()) {
                            unknown = true;
                            continue;
                        }
                        if (v.isNull() || !v.asBool()) {
                            return Value.FALSE;
                        }
                    }
                    return unknown ? Value.unknown(Type.BOOL) : Value.TRUE;
                });
    }

    static Function anytrue() {
        return Function.builder("anytrue").param(Param.of("list", Type.list(Type.BOOL)).unknownable())
                .returns(Type.BOOL)
                .description("Whether any element of the list is true (false for an empty list).")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isKnown()) {
                        return Value.unknown(Type.BOOL);
                    }
                    boolean unknown = false;
                    for (Value v : list.elements()) {
                        if (!v.isKnown()) {
                            unknown = true;
                            continue;
                        }
                        if (!v.isNull() && v.asBool()) {
                            return Value.TRUE;
                        }
                    }
                    return unknown ? Value.unknown(Type.BOOL) : Value.FALSE;
                });
    }

    static Function matchkeys() {
        return Function.builder("matchkeys").param("values", Type.list(Type.DYNAMIC))
                .param("keys", Type.list(Type.DYNAMIC)).param("searchset", Type.list(Type.DYNAMIC))
                .returns(args -> {
                    if (Conversion.unify(List.of(args.get(1).type(), args.get(2).type())) == null) {
                        throw new FunctionException("keys and searchset must be of the same type.");
                    }
                    return args.get(0).type();
                })
                .description("Picks the elements of values whose corresponding keys are in the search set.")
                .body(args -> {
                    Value values = args.get(0);
                    Type et = values.type().elementType();
                    if (values.length() != args.get(1).length()) {
                        throw new FunctionException("length of keys and values should be equal.");
                    }
                    Type kt = Conversion.unify(List.of(args.get(1).type(), args.get(2).type()));
                    Value keys = CollectionFunctions.convert(args.get(1), kt);
                    Value search = CollectionFunctions.convert(args.get(2), kt);
                    List<Value> out = new ArrayList<>();
                    List<Value> ks = keys.elements();
                    for (int i = 0; i < ks.size(); i++) {
                        for (Value s : search.elements()) {
                            Boolean eq = Equality.equal(ks.get(i), s);
                            if (eq == null) {
                                return Value.emptyList(et);
                            }
                            if (eq) {
                                out.add(values.elements().get(i));
                                break;
                            }
                        }
                    }
                    return Value.list(et, out);
                });
    }
}
