package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Action;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conflicts (409) re-read, re-diff and retry a bounded number of times; 429 and 5xx are retried with back-off. */
class WriteRetryTest {

    private static final String ROLE_PATH = "/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles/reader";
    private static final String RULE = "rule {\n api_groups = [\"\"]\n resources = [\"pods\"]\n verbs = [\"get\"]\n}\n";

    private MockCluster cluster;
    private Provider provider;
    private Engine engine;
    private final ResourceAddress addr = ResourceAddress.managed("kubernetes_role", "reader");

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open();
        engine = new Engine(provider);
    }

    @AfterEach
    void stop() {
        provider.close();
        cluster.close();
    }

    private Value role(String team) {
        Diagnostics d = new Diagnostics();
        Value v = Hcl.body(engine.handler("kubernetes_role").schema().block(), "metadata {\n name = \"reader\"\n "
                + "namespace = \"team-a\"\n labels = { team = \"" + team + "\" }\n}\n" + RULE, d);
        assertFalse(d.hasErrors(), d::toString);
        return v;
    }

    private Role live() {
        return cluster.client.rbac().roles().inNamespace("team-a").withName("reader").get();
    }

    private static Status conflict() {
        return new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
                .withMessage("Operation cannot be fulfilled on roles \"reader\": the object has been modified").build();
    }

    private long count(String endpoint) {
        return provider.requestCounts().getOrDefault(endpoint, 0L);
    }

    @Test
    void aStaleResourceVersionIsReReadReDiffedAndRetried() {
        Instance s1 = engine.apply(addr, null, role("a"));
        Value refreshed = engine.refresh(addr, s1);
        Engine.Planned p = engine.plan(addr, refreshed, role("b"));
        assertEquals(Action.UPDATE, p.action());
        // Between plan and apply someone else edits the object: its resourceVersion moves on, and
        // a rule lockstep owns is changed.
        cluster.client.rbac().roles().inNamespace("team-a").withName("reader").edit(r -> {
            r.getRules().get(0).setVerbs(List.of("get", "delete"));
            return r;
        });
        Instance s2 = engine.apply(addr, new Instance(s1.id(), refreshed), role("b"), p);
        Role after = live();
        assertEquals("b", after.getMetadata().getLabels().get("team"));
        assertEquals(List.of("get"), after.getRules().get(0).getVerbs(), "the re-diff must revert the rule too");
        assertEquals(2, count("PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles/{name}"));
        assertTrue(cluster.log.stream().anyMatch(l -> l.contains("409")), cluster.log::toString);
        assertEquals(Action.NOOP, engine.plan(addr, engine.refresh(addr, s2), role("b")).action());
    }

    @Test
    void anInjectedConflictIsRetriedOnce() {
        Instance s1 = engine.apply(addr, null, role("a"));
        cluster.server.expect().patch().withPath(ROLE_PATH + "?fieldManager=lockstep").andReturn(409, conflict()).once();
        Instance s2 = engine.apply(addr, new Instance(s1.id(), engine.refresh(addr, s1)), role("b"));
        assertEquals("b", live().getMetadata().getLabels().get("team"));
        assertEquals(2, count("PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles/{name}"));
        assertNotNull(s2.state());
    }

    @Test
    void aConflictThatNeverClearsFailsAfterBoundedAttempts() {
        Instance s1 = engine.apply(addr, null, role("a"));
        cluster.server.expect().patch().withPath(ROLE_PATH + "?fieldManager=lockstep").andReturn(409, conflict()).always();
        Value prior = engine.refresh(addr, s1);
        Value planned = engine.plan(addr, prior, role("b")).response().planned();
        ApplyResponse r = ((ResourceUpdater) engine.handler("kubernetes_role")).update(new ApplyRequest(addr, s1.id(),
                prior, planned, role("b")));
        assertTrue(r.diagnostics().hasErrors());
        assertTrue(r.diagnostics().toString().contains("kept conflicting"), r.diagnostics()::toString);
        assertEquals(6, count("PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles/{name}"));
        assertEquals("a", live().getMetadata().getLabels().get("team"));
    }

    @Test
    void throttlingHonoursRetryAfter() {
        Instance s1 = engine.apply(addr, null, role("a"));
        cluster.server.expect().get().withPath(ROLE_PATH).andReply(429, req -> new StatusBuilder().withCode(429)
                .withReason("TooManyRequests").withMessage("slow down").build())
                .withHeader("Retry-After", "1").once();
        long start = System.nanoTime();
        Value current = engine.refresh(addr, s1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(s1.state(), current);
        assertTrue(millis >= 950, "Retry-After: 1 must delay the retry by a second, took " + millis + "ms; " + cluster.log);
        assertEquals(2, count("GET /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles/{name}"));
        assertTrue(cluster.log.stream().anyMatch(l -> l.contains("429") && l.contains("Retry-After 1s")),
                cluster.log::toString);
    }

    @Test
    void serverErrorsAreRetriedWithBackOff() {
        cluster.server.expect().post().withPath("/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles")
                .andReturn(503, Map.of("message", "etcd leader changed")).times(2);
        Instance s1 = engine.apply(addr, null, role("a"));
        assertNotNull(live());
        assertEquals(3, count("POST /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles"));
        assertEquals("team-a/reader", s1.id());
    }

    @Test
    void persistentThrottlingIsRetriedWithBackOffUntilTheRetryTimeoutAndThenAnError() {
        provider.close();
        provider = cluster.open("retry_interval = \"20ms\"\nretry_timeout = \"1s\"");
        engine = new Engine(provider);
        Instance s1 = engine.apply(addr, null, role("a"));
        cluster.server.expect().get().withPath(ROLE_PATH).andReturn(429, Map.of("message", "slow down")).always();
        long start = System.nanoTime();
        var r = engine.handler("kubernetes_role").read(List.of(new dev.lockstep.api.provider.ResourceReader.ReadObject(
                addr, s1.id(), s1.state())));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.diagnostics().hasErrors());
        String d = r.diagnostics().toString();
        assertTrue(d.contains("The Kubernetes API kept throttling requests (HTTP 429) for "), d);
        assertTrue(d.contains("retry_timeout (1s) is used up"), d);
        // no Retry-After: back-off 20, 40, 80, 160, 320ms (620ms in all) fits in 1s, 640ms more does not;
        // max_retries (5) does not bound throttling, time does
        long gets = count("GET /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles/{name}");
        assertTrue(gets == 6 || gets == 5 && millis > 680, "6 GETs expected (5 on a slow machine), got " + gets);
        assertTrue(millis >= 620 && millis < 1_500, "gave up after " + millis + "ms");
    }
}
