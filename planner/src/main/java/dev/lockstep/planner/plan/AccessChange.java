package dev.lockstep.planner.plan;

import java.util.Comparator;
import java.util.Locale;

/**
 * A change of effective access a plan makes: a principal gains or loses actions on an object.
 *
 * @param direction gained or lost
 * @param grant the actions gained or lost, with the resources that cause the change (for a loss,
 *     the resources that granted the access before)
 */
public record AccessChange(Direction direction, Grant grant) implements Comparable<AccessChange> {

    private static final Comparator<AccessChange> ORDER = Comparator.comparing((AccessChange c) -> c.grant().key())
            .thenComparing(AccessChange::direction);

    /** Whether access is gained or lost. */
    public enum Direction {
        LOST,
        GAINED;

        /** {@code gained} or {@code lost}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The direction a word names. */
        public static Direction of(String word) {
            for (Direction d : values()) {
                if (d.word().equals(word)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown access change \"" + word + "\"");
        }
    }

    /** {@code + group data-eng gains CAN_RESTART on cluster shared (databricks_permissions.shared)}. */
    public String line() {
        return (direction == Direction.GAINED ? "+ " : "- ") + grant.principal().shown()
                + (direction == Direction.GAINED ? " gains " : " loses ") + grant.describe()
                + " (" + String.join(", ", grant.causes()) + ")";
    }

    @Override
    public int compareTo(AccessChange o) {
        return ORDER.compare(this, o);
    }
}
