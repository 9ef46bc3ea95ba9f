package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.KeyOrder;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Functions over lists, sets and tuples: concat, contains, distinct, element, flatten, index,
 * length, reverse, slice and sort. Where Terraform keeps the sensitive marks of individual
 * elements (concat, element, flatten, reverse, slice, length) so does lockstep; elsewhere any
 * mark makes the whole result sensitive.
 */
public final class CollectionFunctions {

    private CollectionFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(concat(), contains(), distinct(), element(), flatten(), index(), length(), reverse(),
                slice(), sort());
    }

    static Function concat() {
        return Function.builder("concat")
                .varParam(Param.of("seqs", Type.DYNAMIC).unknownable().markable())
                .returns(CollectionFunctions::concatType)
                .description("Combines two or more lists into a single list.")
                .body(args -> {
                    for (Value a : args) {
                        if (!a.isKnown()) {
                            return Value.DYNAMIC_UNKNOWN;
                        }
                    }
                    Type rt = concatType(args);
                    boolean mark = false;
                    List<Value> vals = new ArrayList<>();
                    for (Value a : args) {
                        mark |= a.isSensitive();
                        Value u = a.unmark();
                        if (rt instanceof ListType) {
                            u = convert(u, rt);
                        }
                        vals.addAll(u.elements());
                    }
                    Value out = rt instanceof ListType lt ? Value.list(lt.element(), vals) : Value.tuple(vals);
                    return out.markSensitiveIf(mark);
                });
    }

    private static Type concatType(List<Value> args) throws FunctionException {
        if (args.isEmpty()) {
            throw new FunctionException("at least one argument is required.");
        }
        if (args.stream().allMatch(Value::isList)) {
            List<Type> types = new ArrayList<>();
            for (Value a : args) {
                types.add(a.type());
            }
            Type common = Conversion.unify(types);
            if (common != null) {
                return common;
            }
        }
        List<Type> etys = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            if (a.type() instanceof TupleType t) {
                etys.addAll(t.elements());
            } else if (a.type() instanceof ListType l) {
                if (!a.isKnown()) {
                    return Type.DYNAMIC;
                }
                etys.addAll(Collections.nCopies(a.length(), l.element()));
            } else {
                throw new FunctionException(i, "all arguments must be lists or tuples; got "
                        + a.type().friendlyName() + ".");
            }
        }
        return new TupleType(etys);
    }

    static Value convert(Value v, Type t) throws FunctionException {
        try {
            return Conversion.convert(v, t);
        } catch (ConversionException e) {
            throw new FunctionException(e.getMessage() + ".");
        }
    }

    static Function contains() {
        return Function.builder("contains").param(Param.of("list", Type.DYNAMIC).unknownable())
                .param(Param.of("value", Type.DYNAMIC).unknownable()).returns(Type.BOOL)
                .description("Whether the given list or set contains the given value.")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.type().equals(Type.DYNAMIC) && !list.isSequence()) {
                        throw new FunctionException("argument must be list, tuple, or set.");
                    }
                    if (!list.isKnown()) {
                        return Value.unknown(Type.BOOL);
                    }
                    if (list.length() == 0) {
                        return Value.FALSE;
                    }
                    if (!args.get(1).isKnown()) {
                        return Value.unknown(Type.BOOL);
                    }
                    boolean unknown = false;
                    for (Value v : list.elements()) {
                        Boolean eq = Equality.equal(args.get(1), v);
                        if (eq == null) {
                            unknown = true;
                        } else if (eq) {
                            return Value.TRUE;
                        }
                    }
                    return unknown ? Value.unknown(Type.BOOL) : Value.FALSE;
                });
    }

    static Function distinct() {
        return Function.builder("distinct").param("list", Type.list(Type.DYNAMIC))
                .returns(args -> args.get(0).type())
                .description("Removes duplicate elements from the list, keeping the first occurrence.")
                .body(args -> {
                    Value list = args.get(0);
                    List<Value> out = new ArrayList<>();
                    for (Value v : list.elements()) {
                        boolean seen = false;
                        for (Value o : out) {
                            if (Boolean.TRUE.equals(Equality.equal(o, v))) {
                                seen = true;
                                break;
                            }
                        }
                        if (!seen) {
                            out.add(v);
                        }
                    }
                    return Value.list(list.type().elementType(), out);
                });
    }

    static Function element() {
        return Function.builder("element").param(Param.of("list", Type.DYNAMIC).unknownable().markable())
                .param("index", Type.NUMBER)
                .returns(args -> {
                    Value list = args.get(0);
                    Type t = list.type();
                    if (t instanceof ListType l) {
                        return l.element();
                    }
                    if (t instanceof TupleType tt) {
                        if (!args.get(1).isKnown()) {
                            return Type.DYNAMIC;
                        }
                        int i = elementIndex(args.get(1));
                        if (tt.elements().isEmpty()) {
                            throw new FunctionException("cannot use element function with an empty list.");
                        }
                        return tt.elements().get(i % tt.elements().size());
                    }
                    if (t == Type.DYNAMIC) {
                        return Type.DYNAMIC;
                    }
                    throw new FunctionException("cannot read elements from " + t.friendlyName() + ".");
                })
                .description("Returns the element at the index, wrapping around past the end of the list.")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isKnown()) {
                        return Value.DYNAMIC_UNKNOWN.markSensitiveIf(list.isSensitive());
                    }
                    int i = elementIndex(args.get(1));
                    int n = list.length();
                    if (n == 0) {
                        throw new FunctionException("cannot use element function with an empty list.");
                    }
                    return list.elements().get(i % n).markSensitiveIf(list.isSensitive());
                });
    }

    private static int elementIndex(Value v) throws FunctionException {
        int i;
        try {
            i = Args.wholeInt(v, -1);
        } catch (FunctionException e) {
            throw new FunctionException("invalid index: " + e.getMessage());
        }
        if (i < 0) {
            throw new FunctionException("cannot use element function with a negative index.");
        }
        return i;
    }

    static Function flatten() {
        return Function.builder("flatten").param(Param.of("list", Type.DYNAMIC).markable())
                .returns(args -> {
                    Value v = args.get(0);
                    if (!v.isSequence() && v.type() != Type.DYNAMIC) {
                        throw new FunctionException("can only flatten lists, sets and tuples.");
                    }
                    return Type.DYNAMIC;
                })
                .description("Replaces any nested lists, sets and tuples with their elements, recursively.")
                .body(args -> {
                    List<Value> out = new ArrayList<>();
                    boolean mark = flattenInto(args.get(0), out);
                    return Value.tuple(out).markSensitiveIf(mark);
                });
    }

    private static boolean flattenInto(Value seq, List<Value> out) {
        boolean mark = seq.isSensitive();
        for (Value v : seq.unmark().elements()) {
            if (v.isSequence() && !v.isNull()) {
                mark |= flattenInto(v, out);
            } else {
                out.add(v);
            }
        }
        return mark;
    }

    static Function index() {
        return Function.builder("index").param("list", Type.DYNAMIC).param("value", Type.DYNAMIC)
                .returns(Type.NUMBER)
                .description("Returns the index of the first element equal to the value.")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isList() && !list.isTuple()) {
                        throw new FunctionException("argument must be a list or tuple.");
                    }
                    if (list.length() == 0) {
                        throw new FunctionException("cannot search an empty list.");
                    }
                    List<Value> els = list.elements();
                    for (int i = 0; i < els.size(); i++) {
                        Boolean eq = Equality.equal(els.get(i), args.get(1));
                        if (eq == null) {
                            return Value.unknown(Type.NUMBER);
                        }
                        if (eq) {
                            return Value.number(i);
                        }
                    }
                    throw new FunctionException("item not found.");
                });
    }

    static Function length() {
        return Function.builder("length").param(Param.of("value", Type.DYNAMIC).unknownable().markable())
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t == Type.DYNAMIC || t == Type.STRING || t.isCollection() || t.isStructural()) {
                        return Type.NUMBER;
                    }
                    throw new FunctionException("argument must be a string, a collection type, or a structural type.");
                })
                .description("Returns the number of elements, attributes or characters of the value.")
                .body(args -> {
                    Value v = args.get(0);
                    boolean mark = v.isSensitive();
                    if (!v.isKnown()) {
                        return Value.unknown(Type.NUMBER).markSensitiveIf(mark);
                    }
                    if (v.type() == Type.STRING) {
                        return Value.number(Text.graphemes(v.unmark().asString()).size()).markSensitiveIf(mark);
                    }
                    return Value.number(v.length()).markSensitiveIf(mark);
                });
    }

    static Function reverse() {
        return Function.builder("reverse").param(Param.of("list", Type.DYNAMIC).unknownable().markable())
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof ListType || t == Type.DYNAMIC) {
                        return t;
                    }
                    if (t.elementType() != null && args.get(0).isSet()) {
                        return Type.list(t.elementType());
                    }
                    if (t instanceof TupleType tt) {
                        List<Type> r = new ArrayList<>(tt.elements());
                        Collections.reverse(r);
                        return new TupleType(r);
                    }
                    throw new FunctionException(0, "can only reverse list or tuple values, not " + t.friendlyName() + ".");
                })
                .description("Reverses the order of the elements of a list or tuple.")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isKnown()) {
                        return Value.unknown(list.isSet() ? Type.list(list.type().elementType()) : list.type())
                                .markSensitiveIf(list.isSensitive());
                    }
                    List<Value> r = new ArrayList<>(list.elements());
                    Collections.reverse(r);
                    Value out = list.isTuple() ? Value.tuple(r) : Value.list(list.type().elementType(), r);
                    return out.markSensitiveIf(list.isSensitive());
                });
    }

    static Function slice() {
        return Function.builder("slice").param(Param.of("list", Type.DYNAMIC).unknownable().markable())
                .param("start_index", Type.NUMBER).param("end_index", Type.NUMBER)
                .returns(args -> {
                    Value list = args.get(0);
                    Type t = list.type();
                    if (t == Type.DYNAMIC || t instanceof ListType) {
                        return t;
                    }
                    if (list.isSet()) {
                        throw new FunctionException(0, "cannot slice a set, because its elements do not have indices; "
                                + "explicitly convert to a list if needed.");
                    }
                    if (!(t instanceof TupleType tt)) {
                        throw new FunctionException(0, "must be a list or tuple value.");
                    }
                    if (!args.get(1).isKnown() || !args.get(2).isKnown()) {
                        return Type.DYNAMIC;
                    }
                    int[] r = sliceRange(args, tt.elements().size());
                    return new TupleType(tt.elements().subList(r[0], r[1]));
                })
                .description("Extracts the elements from the start index up to but not including the end index.")
                .body(args -> {
                    Value list = args.get(0);
                    boolean mark = list.isSensitive();
                    if (!list.isKnown()) {
                        return Value.unknown(list.type()).markSensitiveIf(mark);
                    }
                    int[] r = sliceRange(args, list.length());
                    List<Value> els = list.elements().subList(r[0], r[1]);
                    Value out = list.isTuple() ? Value.tuple(els) : Value.list(list.type().elementType(), els);
                    return out.markSensitiveIf(mark);
                });
    }

    private static int[] sliceRange(List<Value> args, int length) throws FunctionException {
        int start = sliceIndex(args.get(1), 1, "start");
        if (start > length) {
            throw new FunctionException(1, "start index must not be greater than the length of the list.");
        }
        int end = sliceIndex(args.get(2), 2, "end");
        if (end > length) {
            throw new FunctionException(2, "end index must not be greater than the length of the list.");
        }
        if (start > end) {
            throw new FunctionException(1, "start index must not be greater than end index.");
        }
        return new int[] {start, end};
    }

    private static int sliceIndex(Value v, int arg, String which) throws FunctionException {
        int i;
        try {
            i = Args.wholeInt(v, arg);
        } catch (FunctionException e) {
            throw new FunctionException(arg, "invalid " + which + " index: " + e.getMessage());
        }
        if (i < 0) {
            throw new FunctionException(arg, which + " index must not be less than zero.");
        }
        return i;
    }

    static Function sort() {
        return Function.builder("sort").param(Param.of("list", Type.list(Type.STRING)).unknownable())
                .returns(Type.list(Type.STRING))
                .description("Sorts a list of strings lexicographically.")
                .body(args -> {
                    Value list = args.get(0);
                    if (!list.isKnown()) {
                        return Value.unknown(Type.list(Type.STRING));
                    }
                    List<Value> els = list.elements();
                    if (!list.isWhollyKnown()) {
                        // the order cannot be known yet, but the length can
                        return Value.list(Type.STRING, Collections.nCopies(els.size(), Value.unknown(Type.STRING)));
                    }
                    List<String> strs = new ArrayList<>(els.size());
                    for (int i = 0; i < els.size(); i++) {
                        if (els.get(i).isNull()) {
                            throw new FunctionException("given list element " + i + " is null; a null string cannot be sorted.");
                        }
                        strs.add(els.get(i).asString());
                    }
                    strs.sort(KeyOrder.INSTANCE);
                    List<Value> out = new ArrayList<>(strs.size());
                    for (String s : strs) {
                        out.add(Value.string(s));
                    }
                    return Value.list(Type.STRING, out);
                });
    }
}
