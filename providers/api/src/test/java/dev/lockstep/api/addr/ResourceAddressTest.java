package dev.lockstep.api.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.AttributePath;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceAddressTest {

    @Test
    void parseAndPrintRoundTrip() {
        for (String s : List.of("kubernetes_role.reader", "kubernetes_role.reader[0]", "kubernetes_role.reader[\"a\"]",
                "data.vault_kv_secret.db", "module.team.databricks_job.etl[3]",
                "module.a[\"x\"].module.b.terraform_data.t[\"with \\\"quotes\\\" and \\\\\"]")) {
            assertEquals(s, ResourceAddress.parse(s).toString());
        }
        ResourceAddress a = ResourceAddress.parse("module.team.databricks_job.etl[3]");
        assertEquals(ResourceMode.MANAGED, a.mode());
        assertEquals("databricks_job", a.type());
        assertEquals(InstanceKey.of(3), a.key());
        assertEquals(1, a.modulePath().size());
        assertTrue(ResourceAddress.parse("data.x_y.z").isData());
    }

    @Test
    void badAddressesSayWhatIsWrong() {
        for (String s : List.of("", "kubernetes_role", "kubernetes_role.", "a.b[", "a.b[x]", "a.b[0", "a.b c",
                "1a.b", "a.b[\"x]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceAddress.parse(s));
            assertTrue(e.getMessage().startsWith("Invalid resource address"), e.getMessage());
        }
    }

    @Test
    void keysOrderNoneThenIntsThenStrings() {
        assertTrue(InstanceKey.NONE.compareTo(InstanceKey.of(0)) < 0);
        assertTrue(InstanceKey.of(2).compareTo(InstanceKey.of(10)) < 0);
        assertTrue(InstanceKey.of(99).compareTo(InstanceKey.of("a")) < 0);
    }

    @Test
    void attributePathsRoundTrip() {
        for (String s : List.of("metadata[0].labels[\"team\"]", "data", "spec[1].rule[0].verbs[2]",
                "tags[\"a.b\"]")) {
            assertEquals(s, AttributePath.parse(s).toString());
        }
    }
}
