package dev.lockstep.api.addr;

import dev.lockstep.api.value.GoQuote;

/**
 * The key of one instance of a resource with {@code count} (an integer) or {@code for_each} (a
 * string); {@link #NONE} for a resource with neither.
 */
public sealed interface InstanceKey extends Comparable<InstanceKey> permits InstanceKey.None, InstanceKey.Int,
        InstanceKey.Str {

    InstanceKey NONE = new None();

    static InstanceKey of(int i) {
        return new Int(i);
    }

    static InstanceKey of(String s) {
        return new Str(s);
    }

    /** The key as written after the name: empty, {@code [0]} or {@code ["a"]}. */
    String suffix();

    /** No key. */
    record None() implements InstanceKey {
        @Override
        public String suffix() {
            return "";
        }
    }

    /** A {@code count} index. */
    record Int(int value) implements InstanceKey {
        @Override
        public String suffix() {
            return "[" + value + "]";
        }
    }

    /** A {@code for_each} key. */
    record Str(String value) implements InstanceKey {
        @Override
        public String suffix() {
            return "[" + GoQuote.hcl(value) + "]";
        }
    }

    @Override
    default int compareTo(InstanceKey o) {
        int k = Integer.compare(rank(this), rank(o));
        if (k != 0) {
            return k;
        }
        if (this instanceof Int a && o instanceof Int b) {
            return Integer.compare(a.value(), b.value());
        }
        if (this instanceof Str a && o instanceof Str b) {
            return a.value().compareTo(b.value());
        }
        return 0;
    }

    private static int rank(InstanceKey k) {
        return k instanceof None ? 0 : k instanceof Int ? 1 : 2;
    }
}
