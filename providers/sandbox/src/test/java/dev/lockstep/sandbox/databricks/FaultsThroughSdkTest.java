package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.InternalError;
import com.databricks.sdk.core.error.platform.RequestLimitExceeded;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsAPI;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.SecretsAPI;
import dev.lockstep.sandbox.http.RequestLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fault injection observed through the SDK. The SDK retries 429, 501 and 503 (for every request,
 * honouring Retry-After in seconds), never 500 on a non-idempotent call, and gives up after 4
 * attempts; its backoff sleeps go to the harness's recording timer.
 */
class FaultsThroughSdkTest extends SdkHarness {
    @Test
    void burstOf429IsRetriedHonouringRetryAfter() {
        emulator.faults().retryAfterSeconds(2).tooManyRequestsBurst(2);
        emulator.requestLog().reset();
        new SecretsAPI(admin).createScope(new CreateScope().setScope("s"));
        RequestLog.Snapshot s = emulator.requestLog().snapshot();
        assertEquals(2, s.count("POST /api/2.0/secrets/scopes/create", 429));
        assertEquals(1, s.count("POST /api/2.0/secrets/scopes/create", 200));
        assertEquals(List.of(2000L, 2000L), timer.sleeps);
        assertTrue(s.entries().get(0).injected());
    }

    @Test
    void sdkGivesUpAfterFourAttempts() {
        emulator.faults().tooManyRequestsBurst(10);
        DatabricksException e = assertThrows(DatabricksException.class, () -> new GroupsAPI(admin).create(new Group().setDisplayName("g")));
        assertTrue(e.getMessage().contains("failed after 4 retries"), e.getMessage());
        assertInstanceOf(RequestLimitExceeded.class, e.getCause(), "429 with REQUEST_LIMIT_EXCEEDED maps to this type");
        assertEquals(4, emulator.requestLog().snapshot().countStatus(429));
        assertEquals(0, emulator.count("groups") - 2, "nothing was created");
    }

    @Test
    void timeWindowOf429s() throws InterruptedException {
        emulator.faults().retryAfterSeconds(0).tooManyRequestsFor(Duration.ofMillis(300));
        assertThrows(DatabricksException.class, () -> new JobsAPI(admin).get(1L));
        Thread.sleep(350);
        assertThrows(ResourceDoesNotExist.class, () -> new JobsAPI(admin).get(1L), "window over: the real answer");
    }

    @Test
    void serverErrorsAreSeededAndOnly503IsRetried() {
        emulator.faults().serverErrorRate(1.0, 7);
        emulator.requestLog().reset();
        DatabricksException e = assertThrows(DatabricksException.class, () -> new SecretsAPI(admin).createScope(new CreateScope().setScope("x")));
        RequestLog.Snapshot s = emulator.requestLog().snapshot();
        long total = s.countStatus(500) + s.countStatus(503);
        assertEquals(s.total(), total);
        if (s.countStatus(500) > 0) {
            assertInstanceOf(InternalError.class, e, "500 ends the attempt: not retried for a POST");
        }
        emulator.faults().serverErrorRate(0, 0);
        emulator.faults().serverErrorRate(0.5, 42);
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            failures += emulator.faults().decide("GET", "/x").isPresent() ? 1 : 0;
        }
        emulator.faults().serverErrorRate(0.5, 42);
        int again = 0;
        for (int i = 0; i < 40; i++) {
            again += emulator.faults().decide("GET", "/x").isPresent() ? 1 : 0;
        }
        assertEquals(failures, again, "same seed, same faults");
        assertTrue(failures > 5 && failures < 35, "about half: " + failures);
    }

    @Test
    void perEndpointRateLimitAnswers429WithRetryAfter() {
        new GroupsAPI(admin).create(new Group().setDisplayName("g"));
        String clusterId = new ClustersAPI(admin).create(new CreateCluster().setClusterName("c").setSparkVersion("15.4.x-scala2.12")
                .setNodeTypeId("i3.xlarge").setNumWorkers(1L)).getResponse().getClusterId();
        emulator.faults().rateLimit("PATCH /api/2.0/permissions/**", 3);
        emulator.requestLog().reset();
        // This one needs real sleeps: the limiter's window must actually pass between retries.
        SdkHarness.RecordingTimer sleeping = new SdkHarness.RecordingTimer() {
            @Override
            public void sleep(long ms) {
                super.sleep(ms);
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PermissionsAPI perms = new PermissionsAPI(SdkHarness.client(emulator.baseUri(), emulator.adminToken(), sleeping));
        for (int i = 0; i < 5; i++) {
            perms.update(new UpdateObjectPermissions().setRequestObjectType("clusters").setRequestObjectId(clusterId)
                    .setAccessControlList(List.of(new AccessControlRequest().setGroupName("g").setPermissionLevel(PermissionLevel.CAN_ATTACH_TO))));
        }
        RequestLog.Snapshot s = emulator.requestLog().snapshot();
        assertTrue(s.count("PATCH /api/2.0/permissions/{type}/{id}", 429) >= 1, s.byEndpointAndStatus().toString());
        assertEquals(5, s.count("PATCH /api/2.0/permissions/{type}/{id}", 200), "each call eventually succeeded");
        assertTrue(!sleeping.sleeps.isEmpty() && sleeping.sleeps.stream().allMatch(ms -> ms == 1000L), "Retry-After: 1 -> 1000 ms: " + sleeping.sleeps);
        assertEquals(0, s.count("GET /api/2.0/permissions/{type}/{id}", 429), "other endpoints are not limited");
    }

    @Test
    void notFoundWindowAfterCreate() throws InterruptedException {
        emulator.faults().notFoundAfterCreate(Duration.ofMillis(300));
        ClustersAPI clusters = new ClustersAPI(admin);
        String id = clusters.create(new CreateCluster().setClusterName("c").setSparkVersion("15.4.x-scala2.12")
                .setNodeTypeId("i3.xlarge").setNumWorkers(1L)).getResponse().getClusterId();
        assertThrows(ResourceDoesNotExist.class, () -> clusters.get(id));
        assertThrows(ResourceDoesNotExist.class, () -> clusters.getPermissions(id));
        Thread.sleep(350);
        assertEquals("c", clusters.get(id).getClusterName());
    }

    @Test
    void latencyIsAddedToEveryRequest() {
        emulator.faults().latency(Duration.ofMillis(120));
        long t0 = System.nanoTime();
        new JobsAPI(admin).list(new com.databricks.sdk.service.jobs.ListJobsRequest()).forEach(j -> { });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 120, "took " + ms + " ms");
        RequestLog.Entry e = emulator.requestLog().snapshot().entries().get(emulator.requestLog().snapshot().entries().size() - 1);
        assertTrue(e.duration().toMillis() >= 120, e.toString());
        assertEquals("GET /api/2.2/jobs/list", e.endpoint());
    }

    @Test
    void unknownEndpointsAnswerLikeTheWorkspace() {
        var e = assertThrows(com.databricks.sdk.core.error.platform.NotFound.class,
                () -> admin.execute(new com.databricks.sdk.core.http.Request("GET", "/api/2.0/nothing/here"), Object.class));
        assertEquals("ENDPOINT_NOT_FOUND", e.getErrorCode());
        assertEquals(1, emulator.requestLog().snapshot().count("GET (unmatched)"));
    }
}
