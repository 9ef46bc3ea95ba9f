package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import java.util.List;
import java.util.function.Consumer;

/**
 * The shared contract every resource type passes, driven through the SPI as the engine drives it:
 * create two objects, read both in one batched read, plan the same configuration (no-op), update
 * in place, replace (where a field forces it), detect an out-of-band change and converge again,
 * import, delete (twice: the second is a no-op).
 *
 * @param type the resource type
 * @param create body of the first object
 * @param second body of a second object (for the batched read)
 * @param update body that changes the first object in place (null when the type has no updates)
 * @param replace body that forces a replacement (null when nothing does)
 * @param drift an out-of-band change made with the SDK to the given object
 * @param driftPath the attribute the drift shows up in; null when the change deletes the object
 */
record Contract(String type, String create, String second, String update, String replace,
        Consumer<Spi.Instance> drift, String driftPath) {

    void run(Spi spi) {
        ResourceAddress a = Spi.addr(type, "a");
        ResourceAddress b = Spi.addr(type, "b");
        Spi.Instance ia = spi.converge(a, null, spi.config(type, create));
        Spi.Instance ib = spi.converge(b, null, spi.config(type, second));
        assertNotNull(ia.id(), "create returns the id");
        assertNotEquals(ia.id(), ib.id());

        List<Spi.Instance> read = spi.refresh(List.of(ia, ib));
        assertNotNull(read.get(0), "object a is read");
        assertNotNull(read.get(1), "object b is read");
        assertEquals(ia.id(), read.get(0).id());
        assertEquals(ib.id(), read.get(1).id());
        assertNoOp(spi, a, read.get(0), create, "plan after create");
        assertNoOp(spi, b, read.get(1), second, "plan after create (b)");

        Spi.Instance current = read.get(0);
        String body = create;
        if (update != null) {
            Spi.Planned up = spi.plan(a, current, spi.config(type, update));
            assertEquals(Spi.Action.UPDATE, up.action(), () -> "update plans an in-place change: " + up.changed()
                    + " replace=" + up.replace() + " " + up.diagnostics());
            Spi.Instance updated = spi.apply(up, current);
            assertEquals(current.id(), updated.id(), "an update keeps the id");
            current = spi.refresh(updated);
            body = update;
            assertNoOp(spi, a, current, body, "plan after update");
        }
        if (replace != null) {
            Spi.Planned rp = spi.plan(a, current, spi.config(type, replace));
            assertEquals(Spi.Action.REPLACE, rp.action(), () -> "replace: changed " + rp.changed());
            assertFalse(rp.replace().isEmpty(), "the plan names what forces the replacement");
            Spi.Instance old = current;
            Spi.Instance replaced = spi.apply(rp, current);
            if (!replaced.id().equals(old.id())) {
                assertNull(spi.refresh(old), "the replaced object is gone");
            }
            current = spi.refresh(replaced);
            body = replace;
            assertNoOp(spi, a, current, body, "plan after replace");
        }

        drift.accept(current);
        Spi.Instance drifted = spi.refresh(current);
        if (driftPath == null) {
            assertNull(drifted, "the object deleted out of band reads as gone");
            Spi.Planned again = spi.plan(a, null, spi.config(type, body));
            assertEquals(Spi.Action.CREATE, again.action());
            current = spi.refresh(spi.apply(again, null));
        } else {
            assertNotNull(drifted, "object still exists after the out-of-band change");
            Spi.Planned dp = spi.plan(a, drifted, spi.config(type, body));
            assertNotEquals(Spi.Action.NO_OP, dp.action(), "out-of-band change is detected");
            assertTrue(dp.changed().stream().anyMatch(p -> p.startsWith(AttributePath.parse(driftPath))),
                    () -> "drift shows in " + driftPath + ": " + dp.changed());
            Spi.Instance back = spi.apply(dp, drifted);
            current = spi.refresh(back);
        }
        assertNoOp(spi, a, current, body, "plan after correcting drift");

        Spi.Instance imported = spi.importObject(a, current.id());
        assertEquals(current.id(), imported.id());
        assertNoOp(spi, a, imported, body, "plan after import");

        Diagnostics d = spi.delete(current);
        assertFalse(d.hasErrors(), d::toString);
        assertNull(spi.refresh(current), "deleted");
        assertFalse(spi.delete(current).hasErrors(), "deleting what is gone succeeds");
        assertFalse(spi.delete(read.get(1)).hasErrors());
    }

    static void assertNoOp(Spi spi, ResourceAddress a, Spi.Instance current, String body, String what) {
        Spi.Planned p = spi.plan(a, current, spi.config(current.address().type(), body));
        assertFalse(p.diagnostics().hasErrors(), () -> what + ": " + p.diagnostics());
        assertEquals(Spi.Action.NO_OP, p.action(), () -> what + ": expected no changes, got " + p.action() + " of "
                + p.changed() + "\nprior:   " + p.prior() + "\nplanned: " + p.planned());
    }
}
