package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.DeleteAcl;
import com.databricks.sdk.service.workspace.DeleteSecret;
import com.databricks.sdk.service.workspace.PutAcl;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.ScopeBackendType;
import com.databricks.sdk.service.workspace.SecretMetadata;
import com.databricks.sdk.service.workspace.SecretsAPI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsApiTest extends SdkHarness {
    @Test
    void scopesSecretsAndValues() {
        SecretsAPI secrets = new SecretsAPI(admin);
        secrets.createScope(new CreateScope().setScope("app"));
        ResourceAlreadyExists dup = assertThrows(ResourceAlreadyExists.class, () -> secrets.createScope(new CreateScope().setScope("app")));
        assertEquals("Scope app already exists!", dup.getMessage());
        assertThrows(InvalidParameterValue.class, () -> secrets.createScope(new CreateScope().setScope("bad scope!")));
        secrets.putSecret(new PutSecret().setScope("app").setKey("db-password").setStringValue("s3cr3t"));
        secrets.putSecret(new PutSecret().setScope("app").setKey("blob").setBytesValue(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})));
        assertThrows(InvalidParameterValue.class, () -> secrets.putSecret(new PutSecret().setScope("app").setKey("k")));

        List<SecretMetadata> listed = new ArrayList<>();
        secrets.listSecrets("app").forEach(listed::add);
        assertEquals(List.of("blob", "db-password"), listed.stream().map(SecretMetadata::getKey).toList());
        listed.forEach(m -> assertEquals(true, m.getLastUpdatedTimestamp() > 0));
        assertEquals("s3cr3t", new String(Base64.getDecoder().decode(secrets.getSecret("app", "db-password").getValue()), StandardCharsets.UTF_8));

        var scopes = new ArrayList<com.databricks.sdk.service.workspace.SecretScope>();
        secrets.listScopes().forEach(scopes::add);
        assertEquals(1, scopes.size());
        assertEquals(ScopeBackendType.DATABRICKS, scopes.get(0).getBackendType());

        secrets.deleteSecret(new DeleteSecret().setScope("app").setKey("blob"));
        assertThrows(ResourceDoesNotExist.class, () -> secrets.deleteSecret(new DeleteSecret().setScope("app").setKey("blob")));
        secrets.deleteScope("app");
        ResourceDoesNotExist gone = assertThrows(ResourceDoesNotExist.class, () -> secrets.listSecrets("app").forEach(m -> { }));
        assertEquals("Scope app does not exist!", gone.getMessage());
    }

    @Test
    void aclsGateEveryOperation() {
        SecretsAPI secrets = new SecretsAPI(admin);
        new UsersAPI(admin).create(new User().setUserName("erin@example.com"));
        secrets.createScope(new CreateScope().setScope("team"));
        secrets.putSecret(new PutSecret().setScope("team").setKey("k").setStringValue("v"));
        SecretsAPI erin = new SecretsAPI(client(emulator.issueToken("erin@example.com", null)));
        assertThrows(PermissionDenied.class, () -> erin.getSecret("team", "k"));

        secrets.putAcl(new PutAcl().setScope("team").setPrincipal("erin@example.com").setPermission(AclPermission.READ));
        assertEquals("v", new String(Base64.getDecoder().decode(erin.getSecret("team", "k").getValue()), StandardCharsets.UTF_8));
        assertThrows(PermissionDenied.class, () -> erin.putSecret(new PutSecret().setScope("team").setKey("k").setStringValue("x")));
        assertEquals(AclPermission.READ, secrets.getAcl("team", "erin@example.com").getPermission());
        var acls = new ArrayList<com.databricks.sdk.service.workspace.AclItem>();
        secrets.listAcls("team").forEach(acls::add);
        assertEquals(2, acls.size(), "creator MANAGE and erin READ");
        assertThrows(ResourceDoesNotExist.class,
                () -> secrets.putAcl(new PutAcl().setScope("team").setPrincipal("ghost@example.com").setPermission(AclPermission.READ)));

        secrets.deleteAcl(new DeleteAcl().setScope("team").setPrincipal("erin@example.com"));
        assertThrows(ResourceDoesNotExist.class, () -> secrets.getAcl("team", "erin@example.com"));
        assertThrows(PermissionDenied.class, () -> erin.getSecret("team", "k"));
        secrets.createScope(new CreateScope().setScope("shared").setInitialManagePrincipal("users"));
        erin.putSecret(new PutSecret().setScope("shared").setKey("x").setStringValue("y"));
    }
}
