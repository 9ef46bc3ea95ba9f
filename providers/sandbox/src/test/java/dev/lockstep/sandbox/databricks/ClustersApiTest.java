package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EditCluster;
import com.databricks.sdk.service.compute.ListClustersFilterBy;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ListClustersResponse;
import com.databricks.sdk.service.compute.RestartCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.TerminationReasonCode;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClustersApiTest extends SdkHarness {
    private final AtomicLong now = new AtomicLong(Instant.parse("2025-03-01T10:00:00Z").toEpochMilli());

    @Override
    protected WorkspaceSettings settings() {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        return new WorkspaceSettings().clusterStartDelay(Duration.ofSeconds(60))
                .clusterRestartDelay(Duration.ofSeconds(30)).clusterTerminateDelay(Duration.ofSeconds(10)).clock(clock);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    private static CreateCluster spec(String name) {
        return new CreateCluster().setClusterName(name).setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge")
                .setNumWorkers(2L).setAutoterminationMinutes(30L)
                .setCustomTags(Map.of("team", "data")).setSparkConf(Map.of("spark.speculation", "true"));
    }

    @Test
    void createStartsPendingThenRunsAndEchoesTheSpec() {
        ClustersAPI clusters = new ClustersAPI(admin);
        String id = clusters.create(spec("etl")).getResponse().getClusterId();
        assertTrue(id.matches("0301-100000-[a-z0-9]{8}"), id);
        ClusterDetails c = clusters.get(id);
        assertEquals(State.PENDING, c.getState());
        assertEquals("etl", c.getClusterName());
        assertEquals(2L, c.getNumWorkers());
        assertEquals(30L, c.getAutoterminationMinutes());
        assertEquals("data", c.getCustomTags().get("team"));
        assertEquals("true", c.getSparkConf().get("spark.speculation"));
        assertEquals("i3.xlarge", c.getDriverNodeTypeId());
        assertEquals("admin@sandbox.lockstep.dev", c.getCreatorUserName());
        assertEquals(id, c.getDefaultTags().get("ClusterId"));
        assertEquals("etl", c.getSpec().getClusterName());
        advance(Duration.ofSeconds(61));
        c = clusters.get(id);
        assertEquals(State.RUNNING, c.getState());
        assertNotNull(c.getSparkContextId());
        assertEquals(31232L * 3, c.getClusterMemoryMb());
    }

    @Test
    void editOfRunningClusterRestartsAndAutoscaleReplacesWorkers() {
        ClustersAPI clusters = new ClustersAPI(admin);
        String id = clusters.create(spec("etl")).getResponse().getClusterId();
        EditCluster edit = new EditCluster().setClusterId(id).setClusterName("etl2").setSparkVersion("16.4.x-scala2.12")
                .setNodeTypeId("m5d.xlarge").setAutoscale(new AutoScale().setMinWorkers(1L).setMaxWorkers(4L));
        InvalidState pending = assertThrows(InvalidState.class, () -> clusters.edit(edit));
        assertTrue(pending.getMessage().contains("unexpected state Pending"), pending.getMessage());
        advance(Duration.ofSeconds(61));
        clusters.edit(edit);
        ClusterDetails c = clusters.get(id);
        assertEquals(State.RESTARTING, c.getState());
        assertEquals("etl2", c.getClusterName());
        assertEquals(4L, c.getAutoscale().getMaxWorkers());
        assertNull(c.getNumWorkers());
        assertNull(c.getCustomTags(), "edit replaces the whole spec");
        advance(Duration.ofSeconds(31));
        c = clusters.get(id);
        assertEquals(State.RUNNING, c.getState());
        assertNotNull(c.getLastRestartedTime());
    }

    @Test
    void terminateStartRestartAndPermanentDelete() {
        ClustersAPI clusters = new ClustersAPI(admin);
        String id = clusters.create(spec("etl")).getResponse().getClusterId();
        assertThrows(InvalidState.class, () -> clusters.restart(new RestartCluster().setClusterId(id)));
        clusters.delete(id);
        ClusterDetails c = clusters.get(id);
        assertEquals(State.TERMINATING, c.getState());
        advance(Duration.ofSeconds(11));
        c = clusters.get(id);
        assertEquals(State.TERMINATED, c.getState());
        assertEquals(TerminationReasonCode.USER_REQUEST, c.getTerminationReason().getCode());
        assertNotNull(c.getTerminatedTime());
        clusters.delete(id); // terminating a terminated cluster is a no-op
        clusters.start(id);
        assertEquals(State.PENDING, clusters.get(id).getState());
        InvalidState twice = assertThrows(InvalidState.class, () -> clusters.start(id));
        assertEquals("INVALID_STATE", twice.getErrorCode());
        clusters.permanentDelete(id);
        emulator.requestLog().reset();
        ResourceDoesNotExist gone = assertThrows(ResourceDoesNotExist.class, () -> clusters.get(id));
        // On the wire: 400 INVALID_PARAMETER_VALUE, which the SDK's error override turns into this.
        assertEquals(1, emulator.requestLog().snapshot().count("GET /api/2.1/clusters/get", 400));
        assertEquals("Cluster " + id + " does not exist", gone.getMessage());
    }

    @Test
    void idleRunningClusterAutoTerminates() {
        ClustersAPI clusters = new ClustersAPI(admin);
        String id = clusters.create(spec("idle")).getResponse().getClusterId();
        advance(Duration.ofSeconds(61));
        assertEquals(State.RUNNING, clusters.get(id).getState());
        advance(Duration.ofMinutes(31));
        ClusterDetails c = clusters.get(id);
        assertEquals(State.TERMINATED, c.getState());
        assertEquals(TerminationReasonCode.INACTIVITY, c.getTerminationReason().getCode());
    }

    @Test
    void listPagesWithTokensAndFilters() {
        ClustersAPI clusters = new ClustersAPI(admin);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(clusters.create(spec("c" + i)).getResponse().getClusterId());
        }
        clusters.delete(ids.get(0));
        emulator.requestLog().reset();
        List<String> seen = new ArrayList<>();
        clusters.list(new ListClustersRequest().setPageSize(2L)).forEach(c -> seen.add(c.getClusterId()));
        assertEquals(5, seen.size());
        assertTrue(seen.containsAll(ids));
        assertEquals(3, emulator.requestLog().snapshot().count("GET /api/2.1/clusters/list"));

        ListClustersResponse first = clusters.impl().list(new ListClustersRequest().setPageSize(2L));
        assertNull(first.getPrevPageToken());
        ListClustersResponse second = clusters.impl().list(new ListClustersRequest().setPageSize(2L).setPageToken(first.getNextPageToken()));
        assertNotNull(second.getPrevPageToken());

        List<ClusterDetails> terminating = new ArrayList<>();
        clusters.list(new ListClustersRequest().setFilterBy(new ListClustersFilterBy().setClusterStates(List.of(State.TERMINATING))))
                .forEach(terminating::add);
        assertEquals(1, terminating.size());
        assertEquals(ids.get(0), terminating.get(0).getClusterId());
    }

    @Test
    void validationErrorsAndCatalogue() {
        ClustersAPI clusters = new ClustersAPI(admin);
        InvalidParameterValue v = assertThrows(InvalidParameterValue.class,
                () -> clusters.create(spec("x").setSparkVersion("1.0.x")));
        assertEquals("Invalid spark version 1.0.x.", v.getMessage());
        assertThrows(InvalidParameterValue.class, () -> clusters.create(spec("x").setNodeTypeId("Standard_DS3_v2")));
        assertThrows(InvalidParameterValue.class, () -> clusters.create(spec("x").setAutoterminationMinutes(5L)));
        assertThrows(InvalidParameterValue.class,
                () -> clusters.create(spec("x").setNumWorkers(null).setAutoscale(new AutoScale().setMinWorkers(3L).setMaxWorkers(1L))));
        assertTrue(clusters.sparkVersions().getVersions().stream().anyMatch(s -> s.getKey().equals("15.4.x-scala2.12")));
        assertTrue(clusters.listNodeTypes().getNodeTypes().stream()
                .anyMatch(n -> n.getNodeTypeId().equals("i3.xlarge") && n.getNumCores() == 4.0));
        assertEquals(0, emulator.count("clusters"));
    }

    @Test
    void usersWithoutEntitlementCannotCreateOrManageClusters() {
        ClustersAPI clusters = new ClustersAPI(admin);
        String id = clusters.create(spec("etl")).getResponse().getClusterId();
        new UsersAPI(admin).create(new User().setUserName("bob@example.com"));
        ClustersAPI bob = new ClustersAPI(client(emulator.issueToken("bob@example.com", "test")));
        PermissionDenied denied = assertThrows(PermissionDenied.class, () -> bob.create(spec("mine")));
        assertEquals("PERMISSION_DENIED", denied.getErrorCode());
        assertThrows(PermissionDenied.class, () -> bob.delete(id));
        assertEquals("etl", bob.get(id).getClusterName(), "reading is allowed");
        assertFalse(bob.get(id).getState() == State.TERMINATING);
    }
}
