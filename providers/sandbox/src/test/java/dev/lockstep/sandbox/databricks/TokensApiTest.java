package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsAPI;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateOboTokenResponse;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;
import com.databricks.sdk.service.settings.ListTokenManagementRequest;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.settings.TokenInfo;
import com.databricks.sdk.service.settings.TokenManagementAPI;
import com.databricks.sdk.service.settings.TokensAPI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensApiTest extends SdkHarness {
    @Test
    void valueIsReturnedOnceAndWorksAsBearerUntilRevoked() {
        TokensAPI tokens = new TokensAPI(admin);
        CreateTokenResponse created = tokens.create(new CreateTokenRequest().setComment("ci").setLifetimeSeconds(3600L));
        String value = created.getTokenValue();
        assertTrue(value.matches("dapi[0-9a-f]{32}"), value);
        PublicTokenInfo info = created.getTokenInfo();
        assertEquals("ci", info.getComment());
        assertEquals(info.getCreationTime() + 3_600_000L, info.getExpiryTime());

        List<PublicTokenInfo> listed = new ArrayList<>();
        tokens.list().forEach(listed::add);
        assertEquals(1, listed.size());
        assertEquals(info.getTokenId(), listed.get(0).getTokenId());

        ApiClient viaNewToken = client(value);
        assertEquals("admin@sandbox.lockstep.dev", new CurrentUserAPI(viaNewToken).me(new MeRequest()).getUserName());
        tokens.delete(info.getTokenId());
        PermissionDenied revoked = assertThrows(PermissionDenied.class, () -> new CurrentUserAPI(viaNewToken).me(new MeRequest()));
        assertEquals("Invalid access token.", revoked.getMessage());
        assertThrows(ResourceDoesNotExist.class, () -> tokens.delete(info.getTokenId()));
    }

    @Test
    void tokenManagementIsForAdmins() {
        new UsersAPI(admin).create(new User().setUserName("gina@example.com"));
        String ginaToken = emulator.issueToken("gina@example.com", "seeded");
        TokenManagementAPI mgmt = new TokenManagementAPI(admin);
        List<TokenInfo> all = new ArrayList<>();
        mgmt.list(new ListTokenManagementRequest().setCreatedByUsername("gina@example.com")).forEach(all::add);
        assertEquals(1, all.size());
        TokenInfo t = all.get(0);
        assertEquals("gina@example.com", t.getCreatedByUsername());
        assertEquals(t.getTokenId(), mgmt.get(t.getTokenId()).getTokenInfo().getTokenId());
        assertEquals("seeded", mgmt.get(t.getTokenId()).getTokenInfo().getComment());

        PermissionDenied denied = assertThrows(PermissionDenied.class,
                () -> new TokenManagementAPI(client(ginaToken)).list(new ListTokenManagementRequest()).forEach(x -> { }));
        assertEquals("PERMISSION_DENIED", denied.getErrorCode());
        mgmt.delete(t.getTokenId());
        assertThrows(PermissionDenied.class, () -> new CurrentUserAPI(client(ginaToken)).me(new MeRequest()));
        assertThrows(ResourceDoesNotExist.class, () -> mgmt.get(t.getTokenId()));
    }

    @Test
    void onBehalfOfTokensForServicePrincipalsAndUsagePermission() {
        ServicePrincipal sp = new ServicePrincipalsAPI(admin).create(new ServicePrincipal().setDisplayName("deployer"));
        CreateOboTokenResponse obo = new TokenManagementAPI(admin).createOboToken(
                new CreateOboTokenRequest().setApplicationId(sp.getApplicationId()).setComment("deploy"));
        assertEquals(Long.parseLong(sp.getId()), obo.getTokenInfo().getOwnerId());
        ApiClient asSp = client(obo.getTokenValue());
        assertEquals(sp.getId(), new CurrentUserAPI(asSp).me(new MeRequest()).getId());
        assertEquals(-1L, obo.getTokenInfo().getExpiryTime(), "no lifetime means no expiry");

        new PermissionsAPI(admin).set(new SetObjectPermissions().setRequestObjectType("authorization").setRequestObjectId("tokens")
                .setAccessControlList(List.of(new AccessControlRequest().setGroupName("admins").setPermissionLevel(PermissionLevel.CAN_MANAGE))));
        PermissionDenied denied = assertThrows(PermissionDenied.class, () -> new TokensAPI(asSp).create(new CreateTokenRequest()));
        assertEquals(403, denied.getStatusCode());
    }
}
