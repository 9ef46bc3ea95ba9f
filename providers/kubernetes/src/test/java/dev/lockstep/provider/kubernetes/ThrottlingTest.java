package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.schema.ProviderConfigSchema;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.RecordingLog;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling (429) against the sandbox's Kubernetes API with its fault injection: a burst is
 * ridden out however many 429s it holds, waiting what Retry-After asks; throttling that outlasts
 * retry_timeout is an error saying so (not "Cannot reach"), both when opening and when reading.
 */
class ThrottlingTest {

    private static final String VERSION = "GET /version";

    private SandboxKubernetes k8s;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        k8s = new SandboxKubernetes();
        k8s.start();
    }

    @AfterEach
    void stop() {
        k8s.stop();
    }

    private OpenResult open(String block) {
        Value settings = Hcl.body(ProviderConfigSchema.schema(), block, new Diagnostics());
        ProviderLog pl = new RecordingLog(log);
        return new KubernetesProviderFactory().open(new ProviderConfig("kubernetes", null, settings, Map.of(),
                Path.of("."), Path.of(".lockstep"), Map.of("host", k8s.baseUri().toString()), pl));
    }

    private long served(String endpoint) {
        return k8s.requestLog().snapshot().count(endpoint);
    }

    private static DataSourceHandler.DataResponse readNamespace(Provider p, String name) {
        DataSourceHandler h = p.dataSource("kubernetes_namespace");
        Value config = Hcl.body(h.schema().block(), "metadata {\n name = \"" + name + "\"\n}\n", new Diagnostics());
        return h.read(config);
    }

    @Test
    void aBurstOfTwenty429sWithRetryAfterZeroIsRiddenOut() {
        k8s.faults().retryAfterSeconds(0).tooManyRequestsBurst(20);
        OpenResult r = open("retry_interval = \"20ms\"");
        assertNotNull(r.provider(), r.diagnostics()::toString);
        try (Provider p = r.provider()) {
            assertEquals(21, served(VERSION));
            assertEquals(21, p.requestCounts().get(VERSION));
            DataSourceHandler.DataResponse ns = readNamespace(p, "default");
            assertFalse(ns.diagnostics().hasErrors(), ns.diagnostics()::toString);
        }
        // the first retry is reported, the rest only at debug level
        assertEquals(1, log.stream().filter(l -> l.startsWith("info: ") && l.contains("answered 429")).count(),
                log::toString);
        assertEquals(19, log.stream().filter(l -> l.startsWith("debug: ") && l.contains("answered 429")).count(),
                log::toString);
    }

    @Test
    void aBurstOfTwenty429sWithRetryAfterOneWaitsASecondEachTime() {
        k8s.faults().retryAfterSeconds(1).tooManyRequestsBurst(20);
        long start = System.nanoTime();
        OpenResult r = open("retry_interval = \"20ms\"");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertNotNull(r.provider(), r.diagnostics()::toString);
        r.provider().close();
        assertEquals(21, served(VERSION));
        assertTrue(millis >= 20_000, "20 answers of Retry-After: 1 must take 20s, took " + millis + "ms");
        assertTrue(log.stream().anyMatch(l -> l.contains("answered 429; retrying in 1s (Retry-After 1s)")),
                log::toString);
    }

    @Test
    void throttlingThatOutlastsTheRetryTimeoutFailsTheOpenSayingSo() {
        k8s.faults().retryAfterSeconds(1).tooManyRequestsBurst(100);
        long start = System.nanoTime();
        OpenResult r = open("retry_interval = \"20ms\"\nretry_timeout = \"2500ms\"");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertNull(r.provider());
        Diagnostic d = r.diagnostics().asList().get(0);
        assertEquals(1, r.diagnostics().size(), r.diagnostics()::toString);
        assertEquals("The Kubernetes API is throttling requests", d.summary());
        assertTrue(d.detail().startsWith("Connecting to " + k8s.baseUri()), d::toString);
        assertTrue(d.detail().contains("The Kubernetes API kept throttling requests (HTTP 429) for 2"), d::toString);
        assertTrue(d.detail().contains("GET /version was answered 429 3 times"), d::toString);
        assertTrue(d.detail().contains("retry_timeout (2.5s)"), d::toString);
        assertFalse(d.detail().contains("Cannot reach"), d::toString);
        // sent at 0s, 1s and 2s; the next Retry-After would end after 2.5s
        assertEquals(3, served(VERSION));
        assertTrue(millis >= 2_000 && millis < 4_000, "took " + millis + "ms");
    }

    @Test
    void aRetryAfterLongerThanTheRetryTimeoutFailsAReadAtOnceSayingSo() {
        OpenResult r = open("retry_interval = \"20ms\"\nretry_timeout = \"1500ms\"");
        assertNotNull(r.provider(), r.diagnostics()::toString);
        try (Provider p = r.provider()) {
            // a throttling window answers with the time it has left: Retry-After: 120
            k8s.faults().tooManyRequestsFor(Duration.ofMinutes(2));
            long start = System.nanoTime();
            DataSourceHandler.DataResponse ns = readNamespace(p, "default");
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertNull(ns.state());
            assertEquals(1, ns.diagnostics().size(), ns.diagnostics()::toString);
            Diagnostic d = ns.diagnostics().asList().get(0);
            assertEquals("Cannot read Namespace default", d.summary());
            assertTrue(d.detail().startsWith("The Kubernetes API kept throttling requests (HTTP 429) for "),
                    d::toString);
            assertTrue(d.detail().contains("GET /api/v1/namespaces/{name} was answered 429 1 time and the server "
                    + "asked to wait 2m more (Retry-After), longer than the "), d::toString);
            assertTrue(d.detail().contains("left of retry_timeout (1.5s)"), d::toString);
            assertEquals(1L, p.requestCounts().get("GET /api/v1/namespaces/{name}"), p.requestCounts()::toString);
            assertTrue(millis < 1_500, "gave up after " + millis + "ms");
        }
    }

    @Test
    void aZeroRetryTimeoutDoesNotRetryThrottledRequests() {
        k8s.faults().retryAfterSeconds(0).tooManyRequestsBurst(1);
        OpenResult r = open("retry_timeout = \"0s\"");
        assertNull(r.provider());
        assertTrue(r.diagnostics().toString().contains("was not retried because retry_timeout is 0s"),
                r.diagnostics()::toString);
        assertEquals(1, served(VERSION));
    }
}
