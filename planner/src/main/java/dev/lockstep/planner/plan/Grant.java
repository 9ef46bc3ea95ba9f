package dev.lockstep.planner.plan;

import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one principal may do on one object: the actions ({@code get}, {@code list},
 * {@code CAN_RESTART}), the object as people name it ({@code secrets in namespace team-a},
 * {@code cluster shared}), how the principal gets it when not directly, and the resources whose
 * values cause it.
 *
 * @param principal who
 * @param actions the actions, sorted
 * @param object the object
 * @param via how the principal gets the access when not directly ({@code via group data-eng},
 *     {@code inherited from directory /Shared/team}), or empty
 * @param causes the addresses of the resources that cause the grant, sorted
 */
public record Grant(Principal principal, SortedSet<String> actions, String object, String via,
        SortedSet<String> causes) implements Comparable<Grant> {

    private static final Comparator<Grant> ORDER = Comparator.comparing(Grant::principal)
            .thenComparing(Grant::object).thenComparing(Grant::via);

    public Grant {
        actions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(actions));
        causes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(causes));
        via = via == null ? "" : via;
    }

    /** A grant of some actions caused by some resources. */
    public static Grant of(Principal principal, List<String> actions, String object, String via, List<String> causes) {
        return new Grant(principal, new TreeSet<>(actions), object, via, new TreeSet<>(causes));
    }

    /** The grant's identity, without actions and causes: grants with the same key merge. */
    public Key key() {
        return new Key(principal, object, via);
    }

    /** {@code get,list on secrets in namespace team-a via group x}. */
    public String describe() {
        return String.join(",", actions) + " on " + object + (via.isEmpty() ? "" : " " + via);
    }

    @Override
    public int compareTo(Grant o) {
        return ORDER.compare(this, o);
    }

    /**
     * Who on what, how.
     *
     * @param principal who
     * @param object on what
     * @param via how, or empty
     */
    public record Key(Principal principal, String object, String via) implements Comparable<Key> {

        private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::principal)
                .thenComparing(Key::object).thenComparing(Key::via);

        @Override
        public int compareTo(Key o) {
            return KEY_ORDER.compare(this, o);
        }
    }
}
