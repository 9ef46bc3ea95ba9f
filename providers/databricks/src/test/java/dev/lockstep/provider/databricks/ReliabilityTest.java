package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.provider.databricks.client.Sleeper;
import dev.lockstep.sandbox.databricks.DatabricksEmulator;
import dev.lockstep.sandbox.databricks.WorkspaceSettings;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failure handling against the emulator's fault knobs: a 429 storm on permission writes, objects
 * invisible right after their creation, creates that fail after taking effect, interrupted creates
 * adopted by a later read, and batched reads that use list endpoints.
 */
class ReliabilityTest extends EmulatorTest {

    static final String CLUSTER = "spark_version = \"15.4.x-scala2.12\"\nnode_type_id = \"i3.xlarge\"\nnum_workers = 1\n";

    @BeforeAll
    static void groups() {
        new GroupsAPI(admin).create(new Group().setDisplayName("eng"));
    }

    @AfterEach
    void noFaults() {
        emulator.faults().reset();
    }

    @Test
    void aCreateThatFailsAfterTakingEffectLeavesExactlyOneClusterAndJob() {
        int clusters = emulator.count("clusters");
        int jobs = emulator.count("jobs");
        emulator.requestLog().reset();
        emulator.failAfterCreate(1);
        Spi.Instance c = spi.converge(Spi.addr("databricks_cluster", "ambiguous"), null,
                spi.config("databricks_cluster", CLUSTER));
        assertEquals(clusters + 1, emulator.count("clusters"), "no duplicate cluster");
        emulator.failAfterCreate(1);
        Spi.Instance j = spi.converge(Spi.addr("databricks_job", "ambiguous"), null,
                spi.config("databricks_job", ComputeContractTest.JOB));
        assertEquals(jobs + 1, emulator.count("jobs"), "no duplicate job");
        RequestLog.Snapshot log = emulator.requestLog().snapshot();
        assertEquals(1, log.count("POST /api/2.1/clusters/create", 503), "the create failed after taking effect");
        assertEquals(0, log.count("POST /api/2.1/clusters/create", 200), "and was not sent again");
        assertEquals(1, log.count("POST /api/2.2/jobs/create", 503));
        assertEquals(0, log.count("POST /api/2.2/jobs/create", 200));
        Contract.assertNoOp(spi, c.address(), spi.refresh(c), CLUSTER, "the adopted cluster converged");
        Contract.assertNoOp(spi, j.address(), spi.refresh(j), ComputeContractTest.JOB, "the adopted job converged");
    }

    @Test
    void anInterruptedCreateIsAdoptedByTheNextReadInsteadOfDuplicated() {
        String id = new ClustersAPI(admin).create(new CreateCluster().setClusterName("orphan")
                .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge").setNumWorkers(1L)
                .setCustomTags(Map.of("lockstep_address", "databricks_cluster.orphan"))).getResponse().getClusterId();
        Spi.Planned planned = spi.plan(Spi.addr("databricks_cluster", "orphan"), null,
                spi.config("databricks_cluster", CLUSTER + "cluster_name = \"orphan\"\n"));
        ResourceReader.ReadResponse r = spi.handler("databricks_cluster").read(List.of(new ResourceReader.ReadObject(
                planned.address(), null, planned.planned())));
        assertEquals(1, r.results().size());
        assertEquals(id, r.results().get(0).id(), "found by its address tag");
        Spi.Instance adopted = new Spi.Instance(planned.address(), id, r.results().get(0).current(), Map.of());
        Contract.assertNoOp(spi, adopted.address(), adopted, CLUSTER + "cluster_name = \"orphan\"\n", "adopted");

        ResourceReader.ReadResponse none = spi.handler("databricks_cluster").read(List.of(new ResourceReader
                .ReadObject(Spi.addr("databricks_cluster", "never_created"), null, planned.planned())));
        assertEquals(null, none.results().get(0).current(), "nothing to adopt: the engine creates it");
    }

    @Test
    void objectsInvisibleRightAfterCreationAreWaitedFor() {
        emulator.faults().notFoundAfterCreate(Duration.ofMillis(400));
        emulator.requestLog().reset();
        Spi.Instance c = spi.converge(Spi.addr("databricks_cluster", "late"), null,
                spi.config("databricks_cluster", CLUSTER));
        Spi.Instance j = spi.converge(Spi.addr("databricks_job", "late"), null,
                spi.config("databricks_job", ComputeContractTest.JOB));
        Spi.Instance p = spi.converge(Spi.addr("databricks_permissions", "late"), null, spi.config(
                "databricks_permissions", PermissionsTest.body("job_id = \"" + j.id() + "\"",
                        "group_name:eng:CAN_MANAGE_RUN")));
        Spi.Instance pool = spi.converge(Spi.addr("databricks_instance_pool", "late"), null, spi.config(
                "databricks_instance_pool", "instance_pool_name = \"late\"\nidle_instance_autotermination_minutes = "
                        + "10\nnode_type_id = \"i3.xlarge\"\n"));
        Spi.Instance pp = spi.converge(Spi.addr("databricks_permissions", "pool"), null, spi.config(
                "databricks_permissions", PermissionsTest.body("instance_pool_id = \"" + pool.id() + "\"",
                        "group_name:eng:CAN_ATTACH_TO")));
        RequestLog.Snapshot log = emulator.requestLog().snapshot();
        assertTrue(log.count("GET /api/2.1/clusters/get", 400) > 0, "the cluster was invisible for a while: "
                + log.byEndpointAndStatus());
        assertTrue(log.count("GET /api/2.2/jobs/get", 400) > 0, log.byEndpointAndStatus().toString());
        assertTrue(log.count("GET /api/2.0/instance-pools/get", 404) > 0, log.byEndpointAndStatus().toString());
        assertEquals(List.of("eng:CAN_MANAGE_RUN", "admin@sandbox.lockstep.dev:IS_OWNER").stream().sorted().toList(),
                PermissionsTest.acl("jobs", j.id()));
        assertEquals(List.of("eng:CAN_ATTACH_TO"), PermissionsTest.acl("instance-pools", pool.id()));
        for (Spi.Instance i : List.of(c, p, pp)) {
            assertNotNull(spi.refresh(i));
        }
    }

    @Test
    void anUnknownPrincipalOnANewObjectFailsAtOnce() {
        // the cluster was created moments ago, so "does not exist" about it would be retried; an
        // ACL naming a group the workspace does not have is a different "does not exist"
        Spi.Instance c = spi.converge(Spi.addr("databricks_cluster", "fresh"), null,
                spi.config("databricks_cluster", CLUSTER));
        emulator.requestLog().reset();
        long t0 = System.nanoTime();
        Spi.ApplyResult r = spi.tryApply(spi.plan(Spi.addr("databricks_permissions", "nobody"), null, spi.config(
                "databricks_permissions", PermissionsTest.body("cluster_id = \"" + c.id() + "\"",
                        "group_name:no-such-group:CAN_RESTART"))), null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.diagnostics().hasErrors(), "the grant cannot be made");
        assertTrue(r.diagnostics().toString().contains("no-such-group"), r.diagnostics().toString());
        assertEquals(1, emulator.requestLog().snapshot().count("PUT /api/2.0/permissions/{type}/{id}"),
                "not retried: " + emulator.requestLog().snapshot().byEndpointAndStatus());
        assertTrue(ms < 3000, "failed after " + ms + " ms");
    }

    @Test
    void batchedReadsUseListEndpoints() {
        List<Spi.Instance> clusters = new ArrayList<>();
        List<Spi.Instance> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clusters.add(spi.converge(Spi.addr("databricks_cluster", "batch" + i), null,
                    spi.config("databricks_cluster", CLUSTER)));
            groups.add(spi.converge(Spi.addr("databricks_group", "batch" + i), null,
                    spi.config("databricks_group", "display_name = \"batch-" + i + "\"")));
        }
        Map<String, Long> before = provider.requestCounts();
        assertEquals(5, spi.refresh(clusters).stream().filter(x -> x != null).count());
        assertEquals(5, spi.refresh(groups).stream().filter(x -> x != null).count());
        Map<String, Long> after = provider.requestCounts();
        long pages = (emulator.count("clusters") + 99) / 100;
        assertEquals(pages, delta(before, after, "GET /api/2.1/clusters/list"), "one list request per page of 100: "
                + after);
        assertEquals(0, delta(before, after, "GET /api/2.1/clusters/get"), "no per-object reads");
        assertEquals(1, delta(before, after, "GET /api/2.0/preview/scim/v2/Groups"), "one filtered list, no probe "
                + "for a next page");
        assertEquals(0, delta(before, after, "GET /api/2.0/preview/scim/v2/Groups/{id}"));
    }

    @Test
    void batchedMemberReadsListTheGroups() {
        GroupsAPI api = new GroupsAPI(admin);
        List<Spi.Instance> members = new ArrayList<>();
        List<String> groupIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String g = api.create(new Group().setDisplayName("listed-" + i)).getId();
            String u = new com.databricks.sdk.service.iam.UsersAPI(admin).create(new com.databricks.sdk.service.iam.User()
                    .setUserName("listed-" + i + "@example.com")).getId();
            groupIds.add(g);
            members.add(spi.converge(Spi.addr("databricks_group_member", "listed" + i), null,
                    spi.config("databricks_group_member", "group_id = \"" + g + "\"\nmember_id = \"" + u + "\"\n")));
        }
        // one membership removed by hand, one group deleted by hand
        api.patch(new com.databricks.sdk.service.iam.PartialUpdate().setId(groupIds.get(1)).setSchemas(List.of(
                com.databricks.sdk.service.iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                .setOperations(List.of(new com.databricks.sdk.service.iam.Patch()
                        .setOp(com.databricks.sdk.service.iam.PatchOp.REMOVE).setPath("members"))));
        api.delete(groupIds.get(2));
        Map<String, Long> before = provider.requestCounts();
        List<Spi.Instance> read = spi.refresh(members);
        Map<String, Long> after = provider.requestCounts();
        assertNotNull(read.get(0), "still a member");
        assertEquals(members.get(0).id(), read.get(0).id());
        assertEquals(null, read.get(1), "membership removed by hand");
        assertEquals(null, read.get(2), "group deleted by hand");
        assertEquals(0, delta(before, after, "GET /api/2.0/preview/scim/v2/Groups/{id}"), "no per-group reads: " + after);
        assertEquals(1, delta(before, after, "GET /api/2.0/preview/scim/v2/Groups"), "one filtered list, no probe "
                + "for a next page");
    }

    static long delta(Map<String, Long> before, Map<String, Long> after, String endpoint) {
        return after.getOrDefault(endpoint, 0L) - before.getOrDefault(endpoint, 0L);
    }

    @Test
    void stormOf429sOnPermissionWrites() throws Exception {
        int n = 200;
        double rate = 100;
        ClustersAPI clusters = new ClustersAPI(admin);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(clusters.create(new CreateCluster().setClusterName("storm-" + i).setSparkVersion("15.4.x-scala2.12")
                    .setNodeTypeId("m5d.large").setNumWorkers(0L)).getResponse().getClusterId());
        }
        DatabricksProvider limited = open("rate_limit = " + (int) rate + "\nretry_timeout_seconds = 120\n");
        try {
            Spi s = new Spi(limited);
            emulator.faults().retryAfterSeconds(1).rateLimit("PUT /api/2.0/permissions/**", 30);
            emulator.requestLog().reset();
            Instant start = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Diagnostics>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                int k = i;
                results.add(pool.submit(() -> {
                    Spi.Planned p = s.plan(Spi.addr("databricks_permissions", "storm" + k), null, s.config(
                            "databricks_permissions", PermissionsTest.body("cluster_id = \"" + id + "\"",
                                    "group_name:eng:CAN_RESTART")));
                    return s.tryApply(p, null).diagnostics();
                }));
            }
            int failures = 0;
            for (Future<Diagnostics> f : results) {
                failures += f.get().hasErrors() ? 1 : 0;
            }
            pool.shutdown();
            RequestLog.Snapshot log = emulator.requestLog().snapshot();
            String put = "PUT /api/2.0/permissions/{type}/{id}";
            assertEquals(0, failures, "every permission update succeeded");
            assertEquals(n, log.count(put, 200));
            long throttled = log.count(put, 429);
            assertTrue(throttled > 0, "the emulator did throttle: " + log.byEndpointAndStatus());
            assertTrue(throttled < n, "429s paused the client instead of being hammered: " + throttled);
            // arrival times at the emulator jitter by a few milliseconds around the client's 10 ms spacing
            long peak = maxPerSecond(log.entries(), start);
            assertTrue(peak <= rate * 1.1, "client rate respected within arrival jitter: " + peak + " in a second");
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            assertTrue(log.entries().size() / seconds <= rate, "average rate " + log.entries().size() / seconds);
            assertTrue(maxPerSecond(log.entries().stream().filter(e -> e.endpoint().equals(put) && e.status() == 200)
                    .toList(), start) <= 30, "the workspace's limit held");
        } finally {
            limited.close();
        }
    }

    static com.databricks.sdk.core.ApiClient sdk(DatabricksEmulator e) {
        return new com.databricks.sdk.core.ApiClient.Builder().withDatabricksConfig(
                new com.databricks.sdk.core.DatabricksConfig().setHost(e.baseUri().toString()).setToken(e.adminToken())
                        .setCredentialsProvider(new com.databricks.sdk.core.PatCredentialsProvider())
                        .setHttpClient(new com.databricks.sdk.core.commons.CommonsHttpClient.Builder()
                                .withTimeoutSeconds(30).build())).build();
    }

    /** The most requests that arrived within any one second. */
    static long maxPerSecond(List<RequestLog.Entry> entries, Instant since) {
        List<Instant> t = entries.stream().map(RequestLog.Entry::at).filter(x -> !x.isBefore(since)).sorted()
                .toList();
        long max = 0;
        int j = 0;
        for (int i = 0; i < t.size(); i++) {
            while (t.get(i).toEpochMilli() - t.get(j).toEpochMilli() >= 1000) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    @Test
    void clusterEditsWaitForTransitionalStates() {
        DatabricksEmulator slow = new DatabricksEmulator(new WorkspaceSettings().clusterTransitions(
                Duration.ofMillis(1500)), EmulatorServer.Options.defaults());
        slow.start();
        DatabricksProvider p = (DatabricksProvider) openResult(SETTINGS, Map.of(), Map.of("host",
                slow.baseUri().toString(), "token", slow.adminToken()), Sleeper.SYSTEM).provider();
        try {
            Spi s = new Spi(p);
            Spi.Instance c = s.converge(Spi.addr("databricks_cluster", "busy"), null,
                    s.config("databricks_cluster", CLUSTER));
            assertEquals("PENDING", String.valueOf(new ClustersAPI(sdk(slow)).get(c.id()).getState()),
                    "create does not wait for RUNNING");
            Spi.Instance r = s.refresh(c);
            Spi.Planned plan = s.plan(c.address(), r, s.config("databricks_cluster",
                    CLUSTER.replace("num_workers = 1", "num_workers = 2")));
            assertEquals(Spi.Action.UPDATE, plan.action());
            assertTrue(plan.notes().get(0).contains("restart") && plan.notes().get(0).contains("PENDING"),
                    plan.notes().toString());
            slow.requestLog().reset();
            s.apply(plan, r);
            RequestLog.Snapshot log = slow.requestLog().snapshot();
            assertEquals(0, log.count("POST /api/2.1/clusters/edit", 400), "no edit in the wrong state");
            assertEquals(1, log.count("POST /api/2.1/clusters/edit", 200));
            assertTrue(log.count("GET /api/2.1/clusters/get", 200) > 1, "polled until RUNNING");

            long t1 = System.nanoTime();
            Spi.Instance waited = s.converge(Spi.addr("databricks_cluster", "waits"), null,
                    s.config("databricks_cluster", CLUSTER + "no_wait = false\n"));
            assertTrue((System.nanoTime() - t1) / 1_000_000 >= 1500, "no_wait = false waits for RUNNING");
            assertEquals("RUNNING", String.valueOf(new ClustersAPI(sdk(slow)).get(waited.id()).getState()));
            assertNotNull(waited.id());
        } finally {
            p.close();
            slow.stop();
        }
    }
}
