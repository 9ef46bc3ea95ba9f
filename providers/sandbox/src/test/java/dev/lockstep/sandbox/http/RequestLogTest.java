package dev.lockstep.sandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogTest {
    private static RequestLog.Entry entry(String endpoint, int status) {
        return new RequestLog.Entry(Instant.EPOCH, endpoint, "/p", status, Duration.ofMillis(1), false);
    }

    @Test
    void countersOutliveTheBoundedLog() {
        RequestLog log = new RequestLog(2);
        log.record(entry("GET /a", 200));
        log.record(entry("GET /a", 429));
        log.record(entry("POST /b", 200));
        RequestLog.Snapshot s = log.snapshot();
        assertEquals(3, s.total());
        assertEquals(2, s.count("GET /a"));
        assertEquals(1, s.count("GET /a", 429));
        assertEquals(2, s.countStatus(200));
        assertEquals(2, s.entries().size());
        assertEquals("GET /a", s.entries().get(0).endpoint());
        assertEquals(1, s.droppedEntries());
        log.reset();
        assertEquals(0, log.snapshot().total());
        assertEquals(3, s.total(), "snapshots are immutable copies");
    }
}
