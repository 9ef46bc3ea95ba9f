package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;

/**
 * Deposed objects: during a create-before-destroy replacement the old object's record moves to a
 * side address ({@code type.name["~deposed-<id>"]}) before the new object is created, so that a
 * crash or failure before the old object is deleted leaves it recorded — the next plan deletes
 * it — instead of forgotten (a leaked token, say).
 */
public final class Deposed {

    private static final String MARK = "~deposed-";

    private Deposed() {
    }

    /** The side address for the object {@code id} previously at {@code a}. */
    public static ResourceAddress address(ResourceAddress a, String id) {
        String original = a.key() instanceof InstanceKey.Int i ? Integer.toString(i.value())
                : a.key() instanceof InstanceKey.Str s ? s.value() : "";
        String suffix = id == null ? Long.toHexString(System.nanoTime()) : id.length() > 12 ? id.substring(0, 12) : id;
        return a.withKey(InstanceKey.of(original + MARK + suffix));
    }

    public static boolean isDeposed(ResourceAddress a) {
        return a.key() instanceof InstanceKey.Str s && s.value().contains(MARK);
    }
}
