package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.ArrayList;
import java.util.List;

/** Set functions: setunion, setintersection, setsubtract and setproduct. */
public final class SetFunctions {

    private SetFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(setunion(), setintersection(), setsubtract(), setproduct());
    }

    private interface SetOp {
        Value apply(List<Value> sets, Type elementType) throws FunctionException;
    }

    private static Function setOperation(String name, String first, String rest, boolean variadic,
            boolean allowPartial, String description, SetOp op) {
        Param firstParam = Param.of(first, Type.set(Type.DYNAMIC));
        Param restParam = Param.of(rest, Type.set(Type.DYNAMIC));
        if (allowPartial) {
            firstParam = firstParam.unknownable();
            restParam = restParam.unknownable();
        }
        Function.Builder b = Function.builder(name).param(firstParam);
        b = variadic ? b.varParam(restParam) : b.param(restParam);
        return b.returns(SetFunctions::commonSetType).description(description)
                .body(args -> {
                    Type st = commonSetType(args);
                    List<Value> sets = new ArrayList<>();
                    for (Value a : args) {
                        if (!a.isKnown()) {
                            return Value.unknown(st);
                        }
                        sets.add(CollectionFunctions.convert(a, st));
                    }
                    return op.apply(sets, st.elementType());
                });
    }

    private static Type commonSetType(List<Value> args) throws FunctionException {
        List<Type> types = new ArrayList<>();
        for (Value a : args) {
            types.add(a.type());
        }
        Type t = Conversion.unify(types);
        if (!(t instanceof SetType)) {
            throw new FunctionException("given sets must all have compatible element types.");
        }
        return t;
    }

    static Function setunion() {
        return setOperation("setunion", "first_set", "other_sets", true, true,
                "Returns the set of all elements in any of the given sets.", (sets, et) -> {
                    List<Value> all = new ArrayList<>();
                    for (Value s : sets) {
                        all.addAll(s.elements());
                    }
                    return Value.set(et, all);
                });
    }

    static Function setintersection() {
        return setOperation("setintersection", "first_set", "other_sets", true, false,
                "Returns the set of elements that are in all of the given sets.", (sets, et) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value v : sets.get(0).elements()) {
                        boolean everywhere = true;
                        for (Value s : sets.subList(1, sets.size())) {
                            if (!s.elements().contains(v)) {
                                everywhere = false;
                                break;
                            }
                        }
                        if (everywhere) {
                            out.add(v);
                        }
                    }
                    return Value.set(et, out);
                });
    }

    static Function setsubtract() {
        return setOperation("setsubtract", "a", "b", false, false,
                "Returns the elements of the first set that are not in the second.", (sets, et) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value v : sets.get(0).elements()) {
                        if (!sets.get(1).elements().contains(v)) {
                            out.add(v);
                        }
                    }
                    return Value.set(et, out);
                });
    }

    static Function setproduct() {
        return Function.builder("setproduct").varParam(Param.of("sets", Type.DYNAMIC).unknownable().markable())
                .returns(SetFunctions::productType)
                .description("Returns every combination of one element from each of the given sets or lists.")
                .body(args -> {
                    Type rt = productType(args);
                    TupleType et = (TupleType) rt.elementType();
                    boolean mark = false;
                    boolean unknown = false;
                    long total = 1;
                    for (Value a : args) {
                        mark |= a.isSensitive();
                        if (!a.isKnown()) {
                            unknown = true;
                            continue;
                        }
                        total *= a.length();
                    }
                    if (unknown) {
                        return Value.unknown(rt).markSensitiveIf(mark);
                    }
                    if (total > 1_000_000) {
                        throw new FunctionException("the product would have more than 1000000 elements.");
                    }
                    List<List<Value>> argVals = new ArrayList<>();
                    for (Value a : args) {
                        argVals.add(a.unmark().elements());
                    }
                    List<Value> product = new ArrayList<>();
                    int[] idx = new int[args.size()];
                    for (long i = 0; i < total; i++) {
                        List<Value> tuple = new ArrayList<>(args.size());
                        for (int j = 0; j < idx.length; j++) {
                            tuple.add(CollectionFunctions.convert(argVals.get(j).get(idx[j]), et.elements().get(j)));
                        }
                        product.add(Value.tuple(tuple));
                        for (int j = idx.length - 1; j >= 0; j--) {
                            idx[j]++;
                            if (idx[j] < argVals.get(j).size()) {
                                break;
                            }
                            idx[j] = 0;
                        }
                    }
                    Value out = rt instanceof ListType ? Value.list(et, product) : Value.set(et, product);
                    return out.markSensitiveIf(mark);
                });
    }

    private static Type productType(List<Value> args) throws FunctionException {
        if (args.size() < 2) {
            throw new FunctionException("at least two arguments are required.");
        }
        int lists = 0;
        List<Type> etys = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Type t = args.get(i).type();
            if (t instanceof SetType s) {
                etys.add(s.element());
            } else if (t instanceof ListType l) {
                etys.add(l.element());
                lists++;
            } else if (t instanceof TupleType tt) {
                Type u = tt.elements().isEmpty() ? Type.DYNAMIC : Conversion.unify(tt.elements());
                if (u == null) {
                    throw new FunctionException(i, "a set or a list is required.");
                }
                etys.add(u);
                lists++;
            } else {
                throw new FunctionException(i, "a set or a list is required.");
            }
        }
        TupleType et = new TupleType(etys);
        return lists == args.size() ? Type.list(et) : Type.set(et);
    }
}
