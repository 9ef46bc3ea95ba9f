package dev.lockstep.api.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestCountsTest {

    @Test
    void countsPerEndpointSortedAndIgnoresNonPositiveAmounts() {
        RequestCounts c = new RequestCounts();
        c.record("POST /b");
        c.record("GET /a");
        c.add("GET /a", 2);
        c.add("PUT /c", 0);
        c.add("PUT /c", -1);
        Map<String, Long> snap = c.snapshot();
        assertEquals(Map.of("GET /a", 3L, "POST /b", 1L), snap);
        assertEquals(List.of("GET /a", "POST /b"), List.copyOf(snap.keySet()), "sorted by endpoint");
        c.record("GET /a");
        assertEquals(3L, snap.get("GET /a"), "a snapshot does not change afterwards");
    }

    @Test
    void countsEveryRequestFromManyThreads() throws InterruptedException {
        RequestCounts c = new RequestCounts();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8_000; i++) {
            int n = i;
            pool.submit(() -> c.record("GET /" + (n % 4)));
        }
        pool.shutdown();
        assertEquals(true, pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(Map.of("GET /0", 2000L, "GET /1", 2000L, "GET /2", 2000L, "GET /3", 2000L), c.snapshot());
    }
}
