package dev.lockstep.api.value;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a value inside a resource's attributes, such as {@code metadata[0].labels["team"]}:
 * used for the attributes that force replacement, the sensitive attributes of a state record and
 * the changed attributes of a diff. {@link #parse} and {@link #toString} round-trip.
 */
public record AttributePath(List<Step> steps) implements Comparable<AttributePath> {

    /** The empty path: the whole object. */
    public static final AttributePath ROOT = new AttributePath(List.of());

    public AttributePath {
        steps = List.copyOf(steps);
    }

    /** One step: an attribute name, a list index or a map key. */
    public sealed interface Step permits Attr, Index, Key {
    }

    /** {@code .name} (or the first name of the path). */
    public record Attr(String name) implements Step {
    }

    /** {@code [0]} in a list or tuple. */
    public record Index(int index) implements Step {
    }

    /** {@code ["key"]} in a map. */
    public record Key(String key) implements Step {
    }

    public static AttributePath of(String attribute) {
        return new AttributePath(List.of(new Attr(attribute)));
    }

    public AttributePath attr(String name) {
        return with(new Attr(name));
    }

    public AttributePath index(int i) {
        return with(new Index(i));
    }

    public AttributePath key(String k) {
        return with(new Key(k));
    }

    private AttributePath with(Step s) {
        List<Step> l = new ArrayList<>(steps);
        l.add(s);
        return new AttributePath(l);
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    /** Whether this path equals {@code other} or lies inside it. */
    public boolean startsWith(AttributePath other) {
        return other.steps.size() <= steps.size() && steps.subList(0, other.steps.size()).equals(other.steps);
    }

    /** The value at this path inside {@code v}, or null when the path does not exist there. */
    public Value get(Value v) {
        Value cur = v;
        for (Step s : steps) {
            if (cur == null || cur.isNull() || !cur.isKnown()) {
                return null;
            }
            if (s instanceof Attr a) {
                if (!cur.isMapping()) {
                    return null;
                }
                cur = cur.get(a.name());
            } else if (s instanceof Key k) {
                if (!cur.isMapping()) {
                    return null;
                }
                cur = cur.get(k.key());
            } else {
                int i = ((Index) s).index();
                if (!cur.isSequence() || i < 0 || i >= cur.length()) {
                    return null;
                }
                cur = cur.elements().get(i);
            }
        }
        return cur;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (s instanceof Attr a) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(a.name());
            } else if (s instanceof Index i) {
                sb.append('[').append(i.index()).append(']');
            } else {
                sb.append("[\"");
                String k = ((Key) s).key();
                for (int i = 0; i < k.length(); i++) {
                    char c = k.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append("\"]");
            }
        }
        return sb.toString();
    }

    /** Parses the form {@link #toString} writes; throws IllegalArgumentException when malformed. */
    public static AttributePath parse(String s) {
        List<Step> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (c == '[') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    StringBuilder k = new StringBuilder();
                    i += 2;
                    while (i < s.length() && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                            i++;
                        }
                        k.append(s.charAt(i++));
                    }
                    if (i + 1 >= s.length() || s.charAt(i + 1) != ']') {
                        throw new IllegalArgumentException("bad attribute path: " + s);
                    }
                    i += 2;
                    out.add(new Key(k.toString()));
                } else {
                    int end = s.indexOf(']', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("bad attribute path: " + s);
                    }
                    try {
                        out.add(new Index(Integer.parseInt(s.substring(i + 1, end))));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad attribute path: " + s);
                    }
                    i = end + 1;
                }
                continue;
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != '[') {
                i++;
            }
            out.add(new Attr(s.substring(start, i)));
        }
        return new AttributePath(out);
    }

    @Override
    public int compareTo(AttributePath o) {
        return toString().compareTo(o.toString());
    }
}
