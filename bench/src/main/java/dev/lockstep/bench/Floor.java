package dev.lockstep.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The API floor of a phase: the least wall time the requests it made can take when every request
 * costs the injected latency, at most {@code parallelism} are in flight, and rate-limited
 * providers send at most their limit per second.
 *
 * <p>Dependencies are read from the request log as follows. A provider's <em>opening</em>
 * requests (Kubernetes' {@code GET /version}, the Databricks configuration or identity lookup)
 * come first: one round. Reads (GET) of the same path form a chain, in log order: the pages of one
 * LIST, and the follow-up LIST for objects the first one missed, each need the answer before.
 * Every other request is independent. The number of rounds for these chains on {@code parallelism}
 * slots is found by scheduling the longest remaining chain first (Hu's algorithm, optimal for
 * chains of unit-time requests); the floor is {@code latency x (opening round + rounds)}, and at
 * least {@code limited / rate} for requests under a rate limit.
 *
 * <p>The floor is a lower bound for the requests lockstep chose to make, not for the least requests
 * the task needs: {@link Bench} checks the request counts separately against the budget.
 */
public final class Floor {

    /** One request from an emulator's log. */
    public record Request(String provider, String endpoint, String path) {
        boolean read() {
            return endpoint.startsWith("GET ");
        }
    }

    /** A floor: opening rounds, chain rounds, the longest chain, the request count, and the time. */
    public record Result(int openingRounds, int rounds, int longestChain, int requests, Duration time,
            Duration rateBound) {
        /** Rounds on the critical path in all. */
        public int criticalRounds() {
            return openingRounds + rounds;
        }
    }

    /** Endpoints that open a provider's connection (first round). */
    public static final Set<String> OPENING = Set.of("GET /version", "GET /.well-known/databricks-config",
            "GET /api/2.0/preview/scim/v2/Me");

    private Floor() {
    }

    /**
     * The floor of {@code requests}.
     *
     * @param ratePerSecond per provider, its rate limit in requests per second (absent: none)
     */
    public static Result compute(List<Request> requests, Duration latency, int parallelism,
            Map<String, Integer> ratePerSecond) {
        boolean opening = false;
        Map<String, Integer> chains = new LinkedHashMap<>();
        List<Integer> lengths = new ArrayList<>();
        Map<String, Integer> perProvider = new LinkedHashMap<>();
        int independent = 0;
        for (Request r : requests) {
            perProvider.merge(r.provider(), 1, Integer::sum);
            if (OPENING.contains(r.endpoint())) {
                opening = true;
                continue;
            }
            if (r.read()) {
                chains.merge(r.provider() + " " + r.path(), 1, Integer::sum);
            } else {
                independent++;
            }
        }
        lengths.addAll(chains.values());
        for (int i = 0; i < independent; i++) {
            lengths.add(1);
        }
        int rounds = rounds(lengths, parallelism);
        int longest = lengths.stream().mapToInt(Integer::intValue).max().orElse(0);
        int openingRounds = opening ? 1 : 0;
        Duration time = latency.multipliedBy(openingRounds + rounds);
        Duration rateBound = Duration.ZERO;
        for (Map.Entry<String, Integer> e : ratePerSecond.entrySet()) {
            int count = perProvider.getOrDefault(e.getKey(), 0);
            if (count > 0 && e.getValue() > 0) {
                // n requests at r per second: the last can start (n - 1) / r seconds after the first
                Duration b = Duration.ofNanos((long) ((count - 1) * 1e9 / e.getValue())).plus(latency);
                rateBound = b.compareTo(rateBound) > 0 ? b : rateBound;
            }
        }
        if (rateBound.compareTo(time) > 0) {
            time = rateBound;
        }
        return new Result(openingRounds, rounds, longest, requests.size(), time, rateBound);
    }

    /** Rounds needed for unit-time chains of these lengths on {@code slots} slots, longest remaining chain first. */
    static int rounds(List<Integer> chainLengths, int slots) {
        PriorityQueue<Integer> q = new PriorityQueue<>((a, b) -> Integer.compare(b, a));
        for (int l : chainLengths) {
            if (l > 0) {
                q.add(l);
            }
        }
        int rounds = 0;
        List<Integer> back = new ArrayList<>(slots);
        while (!q.isEmpty()) {
            rounds++;
            back.clear();
            for (int i = 0; i < slots && !q.isEmpty(); i++) {
                int l = q.poll();
                if (l > 1) {
                    back.add(l - 1);
                }
            }
            q.addAll(back);
        }
        return rounds;
    }

    /** The per-object baseline: one GET per resource at a parallelism of 10. */
    public static Duration baseline(int resources, Duration latency) {
        return latency.multipliedBy(resources).dividedBy(10);
    }
}
