package dev.lockstep.state.edit;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.util.ArrayList;
import java.util.List;

/**
 * The edits {@code state rm} and {@code state mv} make, as pure functions from a state to the next
 * version (serial one higher) or a reason they cannot be made. As in Terraform, an address with
 * an instance key names that instance; an address without one names the resource: its unkeyed
 * instance, or else every instance of it ({@code count} and {@code for_each} keys, and objects
 * waiting to be deleted after a create-before-destroy replacement).
 */
public final class StateEdits {

    /** What an edit came to. */
    public sealed interface Result permits Edited, Refused {
    }

    /**
     * The next state and, for each instance touched, a line such as {@code a.b["x"]} (removed) or
     * {@code a.b -> a.c} (moved), in address order.
     */
    public record Edited(State state, List<String> changes) implements Result {
        public Edited {
            changes = List.copyOf(changes);
        }
    }

    /** The edit was not made; {@code reason} says why, for the user. */
    public record Refused(String reason) implements Result {
    }

    private StateEdits() {
    }

    /** Forgets the instances {@code addresses} name; the live objects are not touched. */
    public static Result remove(State state, List<ResourceAddress> addresses) {
        State next = state;
        List<String> changes = new ArrayList<>();
        for (ResourceAddress a : addresses) {
            List<ResourceInstance> matched = matching(next, a);
            if (matched.isEmpty()) {
                return notFound(a);
            }
            for (ResourceInstance r : matched) {
                next = next.withoutResource(r.address());
                changes.add(r.address().toString());
            }
        }
        return new Edited(next.withSerial(state.serial() + 1), changes);
    }

    /**
     * Moves the instances {@code source} names to {@code destination}: one instance to another
     * instance address, or a whole resource to another resource name, its instances keeping
     * their keys. The type and mode must be the same and nothing may be recorded at the destination.
     */
    public static Result move(State state, ResourceAddress source, ResourceAddress destination) {
        List<ResourceInstance> matched = matching(state, source);
        if (matched.isEmpty()) {
            return notFound(source);
        }
        if (!source.type().equals(destination.type()) || source.mode() != destination.mode()) {
            return new Refused("Cannot move " + source + " to " + destination + ": a state entry keeps its "
                    + "resource type and mode; to change the type, remove it and import the object at the new address.");
        }
        boolean whole = matched.size() > 1 || !matched.get(0).address().equals(source);
        if (whole && !(destination.key() instanceof InstanceKey.None)) {
            return new Refused("Cannot move every instance of " + source + " to the single instance " + destination
                    + "; give the destination without an instance key, or move one instance at a time.");
        }
        State next = state;
        for (ResourceInstance r : matched) {
            next = next.withoutResource(r.address());
        }
        List<String> changes = new ArrayList<>();
        for (ResourceInstance r : matched) {
            ResourceAddress to = whole ? destination.withKey(r.address().key()) : destination;
            if (next.resource(to) != null || (!whole && !matching(next, to).isEmpty())) {
                return new Refused("Cannot move " + r.address() + " to " + to + ": that address is already in the "
                        + "state.");
            }
            next = next.withResource(r.withAddress(to));
            changes.add(r.address() + " -> " + to);
        }
        return new Edited(next.withSerial(state.serial() + 1), changes);
    }

    /** The instances an address names (see the class comment), in address order. */
    public static List<ResourceInstance> matching(State state, ResourceAddress a) {
        ResourceInstance exact = state.resource(a);
        if (exact != null) {
            return List.of(exact);
        }
        List<ResourceInstance> out = new ArrayList<>();
        if (a.key() instanceof InstanceKey.None) {
            for (ResourceInstance r : state.resources().values()) {
                if (r.address().withoutKey().equals(a)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static Refused notFound(ResourceAddress a) {
        return new Refused("No instance " + a + " in the state; `lockstep state list` shows what is there.");
    }
}
