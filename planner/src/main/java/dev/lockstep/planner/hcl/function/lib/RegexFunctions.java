package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code regex} and {@code regexall}. The result shape follows the pattern: a string when it has
 * no capture groups, a tuple of strings for unnamed groups, an object for named groups (mixing
 * both is an error), with null strings for groups that did not participate.
 */
public final class RegexFunctions {

    private RegexFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(regex(), regexall());
    }

    static Function regex() {
        return Function.builder("regex").param("pattern", Type.STRING).param("string", Type.STRING)
                .returns(args -> matchType(args.get(0)))
                .description("Applies the regular expression to the string and returns the first match.")
                .body(args -> {
                    GoRegex re = compile(args.get(0).asString());
                    String s = args.get(1).asString();
                    int[] m = re.find(s);
                    if (m == null) {
                        throw new FunctionException("pattern did not match any part of the given string.");
                    }
                    return matchValue(re, s, m);
                });
    }

    static Function regexall() {
        return Function.builder("regexall").param("pattern", Type.STRING).param("string", Type.STRING)
                .returns(args -> new ListType(matchType(args.get(0))))
                .description("Applies the regular expression to the string and returns a list of all matches.")
                .body(args -> {
                    GoRegex re = compile(args.get(0).asString());
                    String s = args.get(1).asString();
                    List<Value> out = new ArrayList<>();
                    for (int[] m : re.findAll(s)) {
                        out.add(matchValue(re, s, m));
                    }
                    return Value.list(resultType(re), out);
                });
    }

    /** Compiles a pattern, failing as an argument error on the pattern parameter. */
    static GoRegex compile(String pattern) throws FunctionException {
        try {
            GoRegex re = GoRegex.compile(pattern);
            resultType(re);
            return re;
        } catch (GoRegex.SyntaxError e) {
            throw new FunctionException(0, "invalid regexp pattern: " + e.getMessage() + ".");
        }
    }

    private static Type matchType(Value pattern) throws FunctionException {
        if (!pattern.isKnown()) {
            return Type.DYNAMIC;
        }
        return resultType(compile(pattern.asString()));
    }

    private static Type resultType(GoRegex re) throws FunctionException {
        int groups = re.groupCount();
        if (groups == 0) {
            return Type.STRING;
        }
        List<String> names = re.groupNames().subList(1, groups + 1);
        long named = names.stream().filter(n -> n != null).count();
        if (named == 0) {
            return new TupleType(Collections.nCopies(groups, Type.STRING));
        }
        if (named != groups) {
            throw new FunctionException(0, "invalid regexp pattern: cannot mix both named and unnamed capture groups.");
        }
        Map<String, Type> attrs = new LinkedHashMap<>();
        for (String n : names) {
            attrs.put(n, Type.STRING);
        }
        return new ObjectType(attrs);
    }

    private static Value matchValue(GoRegex re, String s, int[] m) {
        int groups = re.groupCount();
        if (groups == 0) {
            return Value.string(s.substring(m[0], m[1]));
        }
        List<Value> vals = new ArrayList<>(groups);
        for (int g = 1; g <= groups; g++) {
            vals.add(m[2 * g] < 0 ? Value.nullOf(Type.STRING) : Value.string(s.substring(m[2 * g], m[2 * g + 1])));
        }
        String first = re.groupNames().get(1);
        if (first == null) {
            return Value.tuple(vals);
        }
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (int g = 1; g <= groups; g++) {
            attrs.put(re.groupNames().get(g), vals.get(g - 1));
        }
        return Value.object(attrs);
    }
}
