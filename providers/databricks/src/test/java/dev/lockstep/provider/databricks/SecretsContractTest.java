package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.PutAcl;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.SecretsAPI;
import com.databricks.sdk.service.settings.TokensAPI;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import org.junit.jupiter.api.Test;

/** Contract tests of secret scopes, secrets, secret ACLs and tokens; secret values never reach state. */
class SecretsContractTest extends EmulatorTest {

    @Test
    void secretScope() {
        new Contract("databricks_secret_scope", "name = \"terraform-demo-scope\"\n", "name = \"other\"\n", null,
                "name = \"renamed\"\ninitial_manage_principal = \"users\"\n",
                i -> new SecretsAPI(admin).deleteScope(i.id()),
                null).run(spi);
    }

    @Test
    void secret() {
        new SecretsAPI(admin).createScope(new com.databricks.sdk.service.workspace.CreateScope().setScope("app"));
        new Contract("databricks_secret",
                "scope = \"app\"\nkey = \"publishing_api\"\nstring_value = \"s3cr3t-one\"\n",
                "scope = \"app\"\nkey = \"other\"\nstring_value = \"s3cr3t-two\"\n",
                "scope = \"app\"\nkey = \"publishing_api\"\nstring_value = \"s3cr3t-rotated\"\n",
                "scope = \"app\"\nkey = \"renamed\"\nstring_value = \"s3cr3t-rotated\"\n",
                i -> new SecretsAPI(admin).putSecret(new PutSecret().setScope("app").setKey("renamed")
                        .setStringValue("changed-in-the-ui")),
                "string_value").run(spi);
    }

    @Test
    void secretValuesStayOutOfStateAndSameValueWritesAreNotDrift() {
        new SecretsAPI(admin).createScope(new com.databricks.sdk.service.workspace.CreateScope().setScope("hidden"));
        String body = "scope = \"hidden\"\nkey = \"k\"\nstring_value = \"very-secret-value\"\n";
        Spi.Instance i = spi.converge(Spi.addr("databricks_secret", "s"), null, spi.config("databricks_secret", body));
        Value recorded = i.state().get("string_value");
        assertTrue(recorded.isNull() && recorded.isSensitive(), "state keeps a marked placeholder, not the value");
        assertTrue(i.secrets().containsKey(AttributePath.of("string_value")), "and a keyed hash");
        assertFalse(i.state().toString().contains("very-secret-value"));
        Spi.Instance r = spi.refresh(i);
        Contract.assertNoOp(spi, i.address(), r, body, "unchanged secret");
        new SecretsAPI(admin).putSecret(new PutSecret().setScope("hidden").setKey("k")
                .setStringValue("very-secret-value"));
        Contract.assertNoOp(spi, i.address(), spi.refresh(i), body, "rewritten with the same value");
        assertEquals("{{secrets/hidden/k}}", i.str("config_reference"));
    }

    @Test
    void secretAcl() {
        SecretsAPI secrets = new SecretsAPI(admin);
        secrets.createScope(new com.databricks.sdk.service.workspace.CreateScope().setScope("acl-scope"));
        secrets.createScope(new com.databricks.sdk.service.workspace.CreateScope().setScope("acl-scope-2"));
        new Contract("databricks_secret_acl",
                "scope = \"acl-scope\"\nprincipal = \"users\"\npermission = \"READ\"\n",
                "scope = \"acl-scope\"\nprincipal = \"admins\"\npermission = \"MANAGE\"\n",
                null,
                "scope = \"acl-scope-2\"\nprincipal = \"users\"\npermission = \"read\"\n",
                i -> secrets.putAcl(new PutAcl().setScope("acl-scope-2").setPrincipal("users")
                        .setPermission(AclPermission.WRITE)),
                "permission").run(spi);
    }

    @Test
    void token() {
        new Contract("databricks_token", "comment = \"ci\"\nlifetime_seconds = 3600\n",
                "comment = \"other\"\nlifetime_seconds = 600\n", null,
                "comment = \"ci rotated\"\nlifetime_seconds = 3600\n",
                i -> new TokensAPI(admin).delete(i.id()),
                null).run(spi);
    }

    @Test
    void tokenValueExistsOnlyAtCreationAndWorks() {
        Spi.Planned p = spi.plan(Spi.addr("databricks_token", "t"), null, spi.config("databricks_token",
                "comment = \"works\"\nlifetime_seconds = 600\n"));
        assertFalse(p.planned().get("token_value").isKnown(), "known after apply");
        dev.lockstep.api.provider.ApplyResponse r = ((dev.lockstep.api.provider.ResourceCreator) spi.handler(
                "databricks_token")).create(new dev.lockstep.api.provider.ApplyRequest(p.address(), null, null,
                        p.planned(), p.config()));
        Value token = r.newState().get("token_value");
        assertTrue(token.isSensitive(), "the value is marked sensitive");
        new ClustersAPI(sdkClient(token.unmark().asString())).listNodeTypes();
        Spi.Instance recorded = new Spi.Instance(p.address(), r.id(), dev.lockstep.planner.engine.Marks.redact(
                r.newState(), spi.hasher).value(), java.util.Map.of());
        Spi.Instance read = spi.refresh(recorded);
        assertNull(read.state().get("token_value").isNull() ? null : "value", "reads never return the value");
        assertFalse(spi.delete(read).hasErrors());
        PermissionDenied gone = org.junit.jupiter.api.Assertions.assertThrows(PermissionDenied.class,
                () -> new ClustersAPI(sdkClient(token.unmark().asString())).listNodeTypes());
        assertNotEquals(null, gone);
    }

    @Test
    void rotateAfterPlansAReplacementWhenDue() {
        Spi.Instance t = spi.converge(Spi.addr("databricks_token", "rot"), null, spi.config("databricks_token",
                "comment = \"rot\"\nrotate_after = \"30d\"\n"));
        Spi.Instance r = spi.refresh(t);
        Contract.assertNoOp(spi, t.address(), r, "comment = \"rot\"\nrotate_after = \"30d\"\n", "not yet due");
        Spi.Planned due = spi.plan(t.address(), r, spi.config("databricks_token", "comment = \"rot\"\n"
                + "rotate_after = \"0s\"\n"));
        assertEquals(Spi.Action.REPLACE, due.action());
        assertEquals(java.util.List.of(AttributePath.of("rotate_after")), due.replace(), "rotate_after is the reason");
        Spi.Planned bad = spi.plan(t.address(), r, spi.config("databricks_token", "comment = \"rot\"\n"
                + "rotate_after = \"soon\"\n"));
        assertTrue(bad.diagnostics().hasErrors());
        assertFalse(spi.delete(r).hasErrors());
    }
}
