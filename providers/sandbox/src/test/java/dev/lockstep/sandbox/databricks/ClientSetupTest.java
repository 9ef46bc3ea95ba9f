package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.PatCredentialsProvider;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import dev.lockstep.sandbox.http.RequestLog;
import org.junit.jupiter.api.Test;

class ClientSetupTest extends SdkHarness {
    @Test
    void builderWithPatMakesNoRequestUntilFirstCall() {
        emulator.requestLog().reset();
        ApiClient api = client(emulator.adminToken());
        assertEquals(0, emulator.requestLog().snapshot().total());
        User me = new CurrentUserAPI(api).me(new MeRequest());
        assertEquals("admin@sandbox.lockstep.dev", me.getUserName());
        RequestLog.Snapshot s = emulator.requestLog().snapshot();
        assertEquals(1, s.total());
        assertEquals(1, s.count("GET /api/2.0/preview/scim/v2/Me", 200));
    }

    @Test
    void resolvingConfigFetchesHostMetadataOnceAndLearnsWorkspaceId() {
        emulator.requestLog().reset();
        DatabricksConfig cfg = new DatabricksConfig()
                .setHost(emulator.baseUri().toString())
                .setToken(emulator.adminToken())
                .setCredentialsProvider(new PatCredentialsProvider());
        ApiClient api = new ApiClient(cfg);
        RequestLog.Snapshot s = emulator.requestLog().snapshot();
        assertEquals(1, s.total());
        assertEquals(1, s.count("GET /.well-known/databricks-config", 200));
        assertEquals("1234567890123456", api.workspaceId());
        assertEquals("admin@sandbox.lockstep.dev", new CurrentUserAPI(api).me(new MeRequest()).getUserName());
    }

    @Test
    void missingTokenIs401AndWrongTokenIs403() {
        ApiClient noToken = new ApiClient.Builder()
                .withHttpClient(new com.databricks.sdk.core.commons.CommonsHttpClient.Builder().build())
                .withGetHostFunc(v -> emulator.baseUri().toString())
                .build();
        Unauthenticated u = assertThrows(Unauthenticated.class, () -> new CurrentUserAPI(noToken).me(new MeRequest()));
        assertEquals(401, u.getStatusCode());
        assertTrue(u.getMessage().contains("Credential was not sent"));

        PermissionDenied d = assertThrows(PermissionDenied.class, () -> new CurrentUserAPI(client("dapi-wrong")).me(new MeRequest()));
        assertEquals(403, d.getStatusCode());
        assertEquals("Invalid access token.", d.getMessage());
    }
}
