package dev.lockstep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The floor on synthetic request logs (no timing involved). */
class FloorTest {

    private static final Duration L = Duration.ofMillis(50);

    private static List<Floor.Request> lists(int namespaces, int kinds, int pagesEach) {
        List<Floor.Request> out = new ArrayList<>();
        out.add(new Floor.Request("kubernetes", "GET /version", "/version"));
        for (int k = 0; k < kinds; k++) {
            for (int n = 0; n < namespaces; n++) {
                for (int p = 0; p < pagesEach; p++) {
                    out.add(new Floor.Request("kubernetes", "GET /api/v1/namespaces/{namespace}/kind" + k,
                            "/api/v1/namespaces/ns" + n + "/kind" + k));
                }
            }
        }
        return out;
    }

    @Test
    void oneListPerKindAndNamespaceAtParallelismTen() {
        // 5 kinds x 50 namespaces = 250 independent LISTs: 25 rounds, after the opening GET /version
        Floor.Result f = Floor.compute(lists(50, 5, 1), L, 10, Map.of());
        assertEquals(1, f.openingRounds());
        assertEquals(25, f.rounds());
        assertEquals(Duration.ofMillis(26 * 50), f.time());
    }

    @Test
    void pagesOfOneListAreAChain() {
        // one kind in one namespace, 7 pages: 7 rounds however many slots there are
        Floor.Result f = Floor.compute(lists(1, 1, 7), L, 10, Map.of());
        assertEquals(7, f.rounds());
        assertEquals(7, f.longestChain());
        // 3 lists of 4 pages on 2 slots: 12 requests, at least 6 rounds, and 6 are enough
        assertEquals(6, Floor.rounds(List.of(4, 4, 4), 2));
        // longest chain first: chains 3,1,1,1 on 2 slots finish in 3 rounds
        assertEquals(3, Floor.rounds(List.of(3, 1, 1, 1), 2));
    }

    @Test
    void writesAreIndependentAndRateLimitsBound() {
        List<Floor.Request> r = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            r.add(new Floor.Request("databricks", "POST /api/2.1/clusters/create", "/api/2.1/clusters/create"));
        }
        Floor.Result free = Floor.compute(r, L, 10, Map.of());
        assertEquals(Duration.ofMillis(10 * 50), free.time());
        // 100 requests at 15 per second: the last starts 99/15 s after the first, then takes the latency
        Floor.Result limited = Floor.compute(r, L, 10, Map.of("databricks", 15));
        assertEquals(Duration.ofNanos((long) (99 * 1e9 / 15)).plus(L), limited.time());
    }

    @Test
    void baselineIsOneGetPerObjectAtTen() {
        assertEquals(Duration.ofSeconds(50), Floor.baseline(10_000, L));
        assertEquals(Duration.ZERO, Floor.baseline(10_000, Duration.ZERO));
    }
}
