package dev.lockstep.state.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.testing.SampleStates;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateEditsTest {

    private static ResourceAddress a(String text) {
        return ResourceAddress.parse(text);
    }

    private static State state(String... addresses) {
        State s = SampleStates.empty();
        for (String text : addresses) {
            ResourceInstance r = SampleStates.instance("x", text);
            s = s.withResource(r.withAddress(a(text)));
        }
        return s;
    }

    @Test
    void removeOneInstanceOrAWholeResource() {
        State s = state("terraform_data.a[0]", "terraform_data.a[1]", "terraform_data.b");
        var one = assertInstanceOf(StateEdits.Edited.class, StateEdits.remove(s, List.of(a("terraform_data.a[1]"))));
        assertEquals(List.of("terraform_data.a[1]"), one.changes());
        assertEquals(s.serial() + 1, one.state().serial());
        assertEquals(2, one.state().resources().size());

        var all = assertInstanceOf(StateEdits.Edited.class, StateEdits.remove(s, List.of(a("terraform_data.a"))));
        assertEquals(List.of("terraform_data.a[0]", "terraform_data.a[1]"), all.changes());
        assertEquals(List.of(a("terraform_data.b")), List.copyOf(all.state().resources().keySet()));
    }

    @Test
    void removeOfSomethingNotRecordedIsRefusedAndChangesNothing() {
        State s = state("terraform_data.a");
        var r = assertInstanceOf(StateEdits.Refused.class,
                StateEdits.remove(s, List.of(a("terraform_data.a"), a("terraform_data.zz"))));
        assertTrue(r.reason().contains("terraform_data.zz"), r.reason());
        assertEquals(1, s.resources().size());
    }

    @Test
    void moveAWholeResourceKeepsTheKeys() {
        State s = state("terraform_data.a[\"x\"]", "terraform_data.a[\"y\"]");
        var e = assertInstanceOf(StateEdits.Edited.class,
                StateEdits.move(s, a("terraform_data.a"), a("terraform_data.b")));
        assertEquals(List.of(a("terraform_data.b[\"x\"]"), a("terraform_data.b[\"y\"]")),
                List.copyOf(e.state().resources().keySet()));
        assertEquals("terraform_data.a[\"x\"] -> terraform_data.b[\"x\"]", e.changes().get(0));
        assertEquals("id-x", e.state().resource(a("terraform_data.b[\"x\"]")).id());
    }

    @Test
    void moveOneInstanceToAnotherKey() {
        State s = state("terraform_data.a[0]", "terraform_data.a[1]");
        var e = assertInstanceOf(StateEdits.Edited.class,
                StateEdits.move(s, a("terraform_data.a[1]"), a("terraform_data.a[\"second\"]")));
        assertNull(e.state().resource(a("terraform_data.a[1]")));
        assertEquals(2, e.state().resources().size());
    }

    @Test
    void moveIsRefusedOntoAnOccupiedAddressAcrossTypesOrManyToOne() {
        State s = state("terraform_data.a[0]", "terraform_data.a[1]", "terraform_data.b");
        assertInstanceOf(StateEdits.Refused.class, StateEdits.move(s, a("terraform_data.a[0]"), a("terraform_data.b")));
        assertInstanceOf(StateEdits.Refused.class,
                StateEdits.move(s, a("terraform_data.b"), a("kubernetes_namespace.b")));
        assertInstanceOf(StateEdits.Refused.class,
                StateEdits.move(s, a("terraform_data.b"), a("data.terraform_data.b")));
        assertInstanceOf(StateEdits.Refused.class,
                StateEdits.move(s, a("terraform_data.a"), a("terraform_data.c[0]")));
        assertInstanceOf(StateEdits.Refused.class,
                StateEdits.move(s, a("terraform_data.nothing"), a("terraform_data.c")));
        assertNull(s.resource(a("terraform_data.c")));
    }
}
