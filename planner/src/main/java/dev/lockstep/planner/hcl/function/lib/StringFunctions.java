package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * String functions: join, split, lower, upper, title, replace, substr, trim, trimprefix,
 * trimsuffix, trimspace, startswith, endswith, strrev, chomp, indent and strcontains. Characters
 * are grapheme clusters where Terraform counts them (substr, strrev) and code points where Go
 * works on runes (split, trim, case mapping).
 */
public final class StringFunctions {

    private StringFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(join(), split(), mapping("lower", "Converts all cased letters to lowercase.", Text::lower),
                mapping("upper", "Converts all cased letters to uppercase.", Text::upper),
                mapping("title", "Converts the first letter of each word to uppercase.", Text::title),
                mapping("trimspace", "Removes whitespace from the start and end of the string.", Text::trimSpace),
                mapping("strrev", "Reverses the characters (grapheme clusters) of the string.", StringFunctions::reverse),
                mapping("chomp", "Removes newline characters at the end of the string.", StringFunctions::chomp),
                replace(), substr(), trim(), trimprefix(), trimsuffix(), startswith(), endswith(), indent(),
                strcontains());
    }

    private static Function mapping(String name, String description, UnaryOperator<String> op) {
        return Function.builder(name).param("str", Type.STRING).returns(Type.STRING).description(description)
                .body(args -> Value.string(op.apply(args.get(0).asString())));
    }

    static Function join() {
        return Function.builder("join").param("separator", Type.STRING)
                .varParam(Param.of("lists", Type.list(Type.STRING))).returns(Type.STRING)
                .description("Concatenates the elements of the given lists with the separator between them.")
                .body(args -> {
                    if (args.size() < 2) {
                        throw new FunctionException("at least one list is required.");
                    }
                    String sep = args.get(0).asString();
                    StringBuilder sb = new StringBuilder();
                    int count = 0;
                    for (int l = 1; l < args.size(); l++) {
                        List<Value> els = args.get(l).elements();
                        for (int i = 0; i < els.size(); i++) {
                            Value v = els.get(i);
                            if (v.isNull()) {
                                throw new FunctionException(l, args.size() > 2
                                        ? "element " + i + " of list " + l + " is null; cannot concatenate null values."
                                        : "element " + i + " is null; cannot concatenate null values.");
                            }
                            if (count++ > 0) {
                                sb.append(sep);
                            }
                            sb.append(v.asString());
                        }
                    }
                    return Value.string(sb.toString());
                });
    }

    static Function split() {
        return Function.builder("split").param("separator", Type.STRING).param("str", Type.STRING)
                .returns(Type.list(Type.STRING))
                .description("Divides the string into a list at each occurrence of the separator.")
                .body(args -> {
                    String sep = args.get(0).asString();
                    String s = args.get(1).asString();
                    List<Value> parts = new ArrayList<>();
                    if (sep.isEmpty()) {
                        s.codePoints().forEach(cp -> parts.add(Value.string(new String(Character.toChars(cp)))));
                    } else {
                        int from = 0;
                        while (true) {
                            int at = s.indexOf(sep, from);
                            if (at < 0) {
                                parts.add(Value.string(s.substring(from)));
                                break;
                            }
                            parts.add(Value.string(s.substring(from, at)));
                            from = at + sep.length();
                        }
                    }
                    return Value.list(Type.STRING, parts);
                });
    }

    static Function replace() {
        return Function.builder("replace").param("str", Type.STRING).param("substr", Type.STRING)
                .param("replace", Type.STRING).returns(Type.STRING)
                .description("Replaces each occurrence of the substring (or of the /regex/) with the replacement.")
                .body(args -> {
                    String s = args.get(0).asString();
                    String search = args.get(1).asString();
                    String with = args.get(2).asString();
                    if (search.length() > 1 && search.startsWith("/") && search.endsWith("/")) {
                        GoRegex re;
                        try {
                            re = GoRegex.compile(search.substring(1, search.length() - 1));
                        } catch (GoRegex.SyntaxError e) {
                            throw new FunctionException("error parsing regexp: " + e.getMessage() + ".");
                        }
                        return Value.string(re.replaceAll(s, with));
                    }
                    if (search.isEmpty()) {
                        StringBuilder sb = new StringBuilder(with);
                        s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(with));
                        return Value.string(sb.toString());
                    }
                    return Value.string(s.replace(search, with));
                });
    }

    static Function substr() {
        return Function.builder("substr").param("str", Type.STRING).param("offset", Type.NUMBER)
                .param("length", Type.NUMBER).returns(Type.STRING)
                .description("Extracts a substring by offset and length, counted in characters.")
                .body(args -> {
                    List<String> chars = Text.graphemes(args.get(0).asString());
                    int offset = callLevelInt(args.get(1));
                    int length = callLevelInt(args.get(2));
                    int n = chars.size();
                    if (offset < 0) {
                        offset = Math.max(n + offset, 0);
                    }
                    if (offset >= n || length == 0) {
                        return Value.EMPTY_STRING;
                    }
                    int end = length < 0 ? n : (int) Math.min((long) offset + length, n);
                    return Value.string(String.join("", chars.subList(offset, end)));
                });
    }

    private static int callLevelInt(Value v) throws FunctionException {
        try {
            return Args.wholeInt(v, -1);
        } catch (FunctionException e) {
            throw new FunctionException(e.getMessage());
        }
    }

    static Function trim() {
        return Function.builder("trim").param("str", Type.STRING).param("cutset", Type.STRING).returns(Type.STRING)
                .description("Removes the given characters from the start and end of the string.")
                .body(args -> {
                    String s = args.get(0).asString();
                    String cut = args.get(1).asString();
                    int start = 0;
                    int end = s.length();
                    while (start < end && cut.indexOf(s.codePointAt(start)) >= 0) {
                        start += Character.charCount(s.codePointAt(start));
                    }
                    while (end > start && cut.indexOf(s.codePointBefore(end)) >= 0) {
                        end -= Character.charCount(s.codePointBefore(end));
                    }
                    return Value.string(s.substring(start, end));
                });
    }

    static Function trimprefix() {
        return Function.builder("trimprefix").param("str", Type.STRING).param("prefix", Type.STRING)
                .returns(Type.STRING).description("Removes the prefix from the start of the string, once.")
                .body(args -> {
                    String s = args.get(0).asString();
                    String p = args.get(1).asString();
                    return Value.string(s.startsWith(p) ? s.substring(p.length()) : s);
                });
    }

    static Function trimsuffix() {
        return Function.builder("trimsuffix").param("str", Type.STRING).param("suffix", Type.STRING)
                .returns(Type.STRING).description("Removes the suffix from the end of the string, once.")
                .body(args -> {
                    String s = args.get(0).asString();
                    String p = args.get(1).asString();
                    return Value.string(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
                });
    }

    static Function startswith() {
        return Function.builder("startswith").param(Param.of("str", Type.STRING).unknownable())
                .param("prefix", Type.STRING).returns(Type.BOOL)
                .description("Whether the string begins with the prefix.")
                .body(args -> {
                    String prefix = args.get(1).asString();
                    if (!args.get(0).isKnown()) {
                        // the empty string is a prefix of any string, even an unknown one
                        return prefix.isEmpty() ? Value.TRUE : Value.unknown(Type.BOOL);
                    }
                    return Value.bool(args.get(0).asString().startsWith(prefix));
                });
    }

    static Function endswith() {
        return Function.builder("endswith").param("str", Type.STRING).param("suffix", Type.STRING)
                .returns(Type.BOOL).description("Whether the string ends with the suffix.")
                .body(args -> Value.bool(args.get(0).asString().endsWith(args.get(1).asString())));
    }

    static Function strcontains() {
        return Function.builder("strcontains").param("str", Type.STRING).param("substr", Type.STRING)
                .returns(Type.BOOL).description("Whether the string contains the substring.")
                .body(args -> Value.bool(args.get(0).asString().contains(args.get(1).asString())));
    }

    static Function indent() {
        return Function.builder("indent").param("spaces", Type.NUMBER).param("str", Type.STRING).returns(Type.STRING)
                .description("Adds the number of spaces to the start of every line but the first.")
                .body(args -> {
                    int spaces = callLevelInt(args.get(0));
                    if (spaces < 0) {
                        throw new FunctionException("the number of spaces must not be negative.");
                    }
                    return Value.string(args.get(1).asString().replace("\n", "\n" + " ".repeat(spaces)));
                });
    }

    private static String reverse(String s) {
        List<String> gs = Text.graphemes(s);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = gs.size() - 1; i >= 0; i--) {
            sb.append(gs.get(i));
        }
        return sb.toString();
    }

    private static String chomp(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
