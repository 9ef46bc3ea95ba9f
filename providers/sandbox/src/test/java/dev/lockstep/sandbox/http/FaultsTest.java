package dev.lockstep.sandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Faults faults = new Faults(nanos::get);

    @Test
    void burstCountsDownThenStops() {
        faults.retryAfterSeconds(3).tooManyRequestsBurst(2);
        assertEquals(new Faults.Fault(429, 3, "injected 429 burst"), faults.decide("GET", "/a").orElseThrow());
        assertTrue(faults.decide("GET", "/a").isPresent());
        assertFalse(faults.decide("GET", "/a").isPresent());
    }

    @Test
    void windowEndsOnTheClock() {
        faults.tooManyRequestsFor(Duration.ofSeconds(5));
        assertEquals(5, faults.decide("GET", "/a").orElseThrow().retryAfterSeconds());
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(1, faults.decide("GET", "/a").orElseThrow().retryAfterSeconds());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(faults.decide("GET", "/a").isPresent());
    }

    @Test
    void rateLimitIsASlidingSecondPerPattern() {
        faults.rateLimit("PUT /api/2.0/permissions/**", 2);
        assertFalse(faults.decide("PUT", "/api/2.0/permissions/jobs/1").isPresent());
        nanos.addAndGet(400_000_000L);
        assertFalse(faults.decide("PUT", "/api/2.0/permissions/clusters/x").isPresent());
        Faults.Fault f = faults.decide("PUT", "/api/2.0/permissions/jobs/1").orElseThrow();
        assertEquals(429, f.status());
        assertEquals(1, f.retryAfterSeconds());
        assertFalse(faults.decide("GET", "/api/2.0/permissions/jobs/1").isPresent(), "other methods are free");
        nanos.addAndGet(600_000_001L);
        assertFalse(faults.decide("PUT", "/api/2.0/permissions/jobs/1").isPresent(), "the first slot expired");
    }

    @Test
    void specParsingSetsEveryKnob() {
        faults.apply("latency=50ms, burst429=1, retry-after=4, 5xx=0.0, seed=9, notfound-after-create=1.5s,"
                + " ratelimit=POST /api/2.1/clusters/*:1");
        assertEquals(Duration.ofMillis(50), faults.latency());
        assertEquals(Duration.ofMillis(1500), faults.notFoundAfterCreate());
        assertEquals(4, faults.decide("GET", "/x").orElseThrow().retryAfterSeconds());
        assertFalse(faults.decide("POST", "/api/2.1/clusters/create").isPresent());
        assertTrue(faults.decide("POST", "/api/2.1/clusters/edit").isPresent());
        assertFalse(faults.decide("POST", "/api/2.1/clusters/create/extra").isPresent(), "* stays within one segment");
        assertThrows(IllegalArgumentException.class, () -> faults.apply("bogus=1"));
        assertThrows(IllegalArgumentException.class, () -> faults.apply("5xx=2"));
        faults.reset();
        assertEquals(Duration.ZERO, faults.latency());
        assertFalse(faults.decide("POST", "/api/2.1/clusters/edit").isPresent());
    }
}
