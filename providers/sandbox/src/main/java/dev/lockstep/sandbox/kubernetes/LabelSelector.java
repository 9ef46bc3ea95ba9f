package dev.lockstep.sandbox.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector with every operator the API server accepts: {@code k}, {@code !k},
 * {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, joined by
 * commas. As in Kubernetes, {@code !=} and {@code notin} also match objects without the label.
 * The fabric8 mock ignores set-based requirements (and so returns too much), so the sandbox filters
 * lists itself.
 */
final class LabelSelector {
    private static final String KEY = "((?:[A-Za-z0-9][-A-Za-z0-9_.]*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)";
    private static final String VALUE = "((?:[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)";
    private static final Pattern EXISTS = Pattern.compile(KEY);
    private static final Pattern NOT_EXISTS = Pattern.compile("!\\s*" + KEY);
    private static final Pattern EQUALITY = Pattern.compile(KEY + "\\s*(==|=|!=)\\s*" + VALUE);
    private static final Pattern SET = Pattern.compile(KEY + "\\s+(in|notin)\\s*\\(([^)]*)\\)");

    private record Requirement(String key, String op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case "exists" -> v != null;
                case "!exists" -> v == null;
                case "=", "==", "in" -> v != null && values.contains(v);
                default -> v == null || !values.contains(v);
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** Parses a selector; throws IllegalArgumentException with the API server's wording when invalid. */
    static LabelSelector parse(String selector) {
        List<Requirement> out = new ArrayList<>();
        for (String part : split(selector)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("unable to parse requirement: found '', expected: identifier");
            }
            Matcher m;
            if ((m = SET.matcher(p)).matches()) {
                List<String> values = new ArrayList<>();
                for (String v : m.group(4).split(",")) {
                    values.add(v.trim());
                }
                out.add(new Requirement(m.group(1), m.group(3), Set.copyOf(values)));
            } else if ((m = EQUALITY.matcher(p)).matches()) {
                out.add(new Requirement(m.group(1), m.group(3), Set.of(m.group(4))));
            } else if ((m = NOT_EXISTS.matcher(p)).matches()) {
                out.add(new Requirement(m.group(1), "!exists", Set.of()));
            } else if ((m = EXISTS.matcher(p)).matches()) {
                out.add(new Requirement(m.group(1), "exists", Set.of()));
            } else {
                throw new IllegalArgumentException("unable to parse requirement: " + p);
            }
        }
        return new LabelSelector(out);
    }

    /** Splits on commas outside parentheses. */
    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /** True when the labels satisfy every requirement. */
    boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }
}
