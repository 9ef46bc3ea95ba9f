package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.oauth.OAuthM2MServicePrincipalCredentialsProvider;
import com.databricks.sdk.core.retry.NoRetryStrategyPicker;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import dev.lockstep.sandbox.http.RequestLog;
import org.junit.jupiter.api.Test;

/**
 * OAuth machine-to-machine authentication through the SDK's own credentials provider, and the
 * knob that makes a create take effect and then answer 503.
 */
class OAuthAndAmbiguousCreateTest extends SdkHarness {

    ApiClient m2m(String clientId, String secret) {
        DatabricksConfig cfg = new DatabricksConfig()
                .setHost(emulator.baseUri().toString())
                .setClientId(clientId)
                .setClientSecret(secret)
                .setDisableAsyncTokenRefresh(true)
                .setCredentialsProvider(new OAuthM2MServicePrincipalCredentialsProvider())
                .setHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build());
        return new ApiClient.Builder().withDatabricksConfig(cfg).withTimer(timer).build();
    }

    @Test
    void servicePrincipalAuthenticatesWithClientCredentials() {
        ServicePrincipal sp = new ServicePrincipalsAPI(admin).create(new ServicePrincipal().setDisplayName("ci"));
        String secret = emulator.oauthSecret(sp.getApplicationId());
        emulator.requestLog().reset();
        ApiClient api = m2m(sp.getApplicationId(), secret);
        assertEquals(sp.getId(), new CurrentUserAPI(api).me(new MeRequest()).getId());
        new CurrentUserAPI(api).me(new MeRequest());
        RequestLog.Snapshot s = emulator.requestLog().snapshot();
        assertEquals(1, s.count("GET /oidc/.well-known/oauth-authorization-server", 200));
        assertEquals(1, s.count("POST /oidc/v1/token", 200), "the access token is cached");
        assertEquals(2, s.count("GET /api/2.0/preview/scim/v2/Me", 200));

        DatabricksException wrong = assertThrows(DatabricksException.class,
                () -> new CurrentUserAPI(m2m(sp.getApplicationId(), "wrong")).me(new MeRequest()));
        assertTrue(String.valueOf(wrong.getMessage()).contains("invalid_client"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> emulator.oauthSecret("00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void aCreateCanTakeEffectAndStillAnswer503() {
        int before = emulator.count("clusters");
        emulator.failAfterCreate(1);
        ApiClient noRetries = new ApiClient.Builder().withDatabricksConfig(new DatabricksConfig()
                        .setHost(emulator.baseUri().toString()).setToken(emulator.adminToken())
                        .setCredentialsProvider(new com.databricks.sdk.core.PatCredentialsProvider())
                        .setHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build()))
                .withRetryStrategyPicker(new NoRetryStrategyPicker()).build();
        assertThrows(TemporarilyUnavailable.class, () -> new ClustersAPI(noRetries).create(new CreateCluster()
                .setClusterName("c").setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge").setNumWorkers(1L)));
        assertEquals(before + 1, emulator.count("clusters"), "the cluster exists although the answer was 503");
        new ClustersAPI(noRetries).create(new CreateCluster().setClusterName("d").setSparkVersion("15.4.x-scala2.12")
                .setNodeTypeId("i3.xlarge").setNumWorkers(1L));
        assertEquals(before + 2, emulator.count("clusters"), "only the next create fails");
    }
}
