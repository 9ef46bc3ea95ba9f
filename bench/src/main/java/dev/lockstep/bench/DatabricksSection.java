package dev.lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.EndpointPattern;
import dev.lockstep.sandbox.http.RequestLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code databricks} section of the benchmark: for each size and latency, the generated
 * Databricks mix ({@link DatabricksGen}) against the Databricks emulator enforcing the documented
 * per-endpoint rate limits ({@link #LIMITS}): validate, first apply, no-change plan, plan with 1%
 * changed; requests per endpoint, failed requests (any answer of 400 or more; the target is none),
 * the 429s the provider retried, floor and baseline.
 *
 * <p>Sizes: the Databricks slice is N resources up to 1,000 and N / 5 above (a workspace's share
 * of a large platform configuration), so that the 10,000 run stays within minutes: every object
 * created in a workspace costs several requests, all of them under the provider's rate limit.
 */
final class DatabricksSection {

    /** Runs lockstep on a configuration directory (see {@code Bench#lockstep}). */
    @FunctionalInterface
    interface Lockstep {
        Proc.Run run(Path dir, Map<String, String> env, String... args);
    }

    /**
     * Databricks' documented per-workspace rate limits (docs.databricks.com and
     * learn.microsoft.com/azure/databricks/resources/limits, "API rate limits"), as emulator
     * endpoint patterns, requests per second. Documented: Jobs create 20; Permissions GET 100,
     * PATCH/PUT 30; workspace SCIM GET 255. Not documented, chosen here: 30 per second for the
     * Clusters API, the rest of the Jobs API and workspace SCIM writes, the documented Permissions
     * write limit, stricter than anything the page lists for workspace reads, so a client that
     * stays under them stays under the real ones. (The account-level SCIM limits, 2 to 5 writes a
     * second, apply to the account API, which the workspace provider does not call.)
     */
    static final Map<String, Integer> LIMITS = limits();

    /**
     * The provider's {@code rate_limit} in the generated configuration: the default, 15 requests a
     * second, under every limit above, so no 429 is expected.
     */
    static final int RATE_LIMIT = 15;
    /**
     * A second no-change plan runs at this {@code rate_limit}: a plan only reads, and every read it
     * makes is under a limit of at least 100 a second (Permissions GET) except the few list pages
     * (30 a second chosen above), so this is what the plan costs when the client is held to the
     * documented read limits instead of the provider's 15 a second for everything.
     */
    static final int READ_RATE_LIMIT = 90;
    /** Threads of the Databricks provider's parallel per-object reads ({@code ProviderContext}). */
    static final int PARALLELISM = 8;
    private static final Pattern SUMMARY = Pattern.compile("Plan: (\\d+) to add, (\\d+) to change, (\\d+) to destroy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bench.Options opt;
    private final Lockstep lockstep;
    private final ObjectNode results;
    private final StringBuilder md;

    DatabricksSection(Bench.Options opt, Lockstep lockstep, ObjectNode results, StringBuilder md) {
        this.opt = opt;
        this.lockstep = lockstep;
        this.results = results;
        this.md = md;
    }

    private static Map<String, Integer> limits() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("POST /api/2.2/jobs/create", 20);
        m.put("POST /api/2.1/jobs/create", 20);
        m.put("GET /api/2.0/permissions/**", 100);
        m.put("PUT /api/2.0/permissions/**", 30);
        m.put("PATCH /api/2.0/permissions/**", 30);
        m.put("GET /api/2.0/preview/scim/v2/**", 255);
        m.put("/api/2.1/clusters/**", 30);
        m.put("/api/2.2/jobs/**", 30);
        m.put("/api/2.1/jobs/**", 30);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            m.put(method + " /api/2.0/preview/scim/v2/**", 30);
        }
        return m;
    }

    /** The Databricks resource count for a benchmark size N. */
    static int size(int n) {
        return n <= 1000 ? n : n / 5;
    }

    void run() throws IOException {
        ArrayNode rows = results.putArray("databricks");
        List<String> endpointTables = new ArrayList<>();
        for (int n : opt.sizes()) {
            for (int lat : opt.latenciesMs()) {
                ObjectNode row = measure(size(n), lat);
                rows.add(row);
                if (lat == opt.latenciesMs().get(0)) {
                    endpointTables.add(endpointTable(row));
                }
            }
        }
        md.append("\n## Databricks mix against the emulator\n\n");
        md.append("Generated configuration (`DatabricksGen`): per team a group, a user and its membership, a shared "
                + "cluster, a job (on a job cluster or on the shared cluster) and `databricks_permissions` on the "
                + "cluster and the job; N resources up to 1,000, N / 5 above. The emulator enforces Databricks' "
                + "documented per-endpoint rate limits (`DatabricksSection.LIMITS`: Jobs create 20/s, Permissions GET "
                + "100/s and PUT/PATCH 30/s, SCIM GET 255/s; 30/s chosen for undocumented Clusters, Jobs and SCIM "
                + "writes) and answers the excess 429. The provider runs at `rate_limit = " + RATE_LIMIT + "` (its "
                + "default) with " + PARALLELISM + " read threads. Failed = answers of 400 or more in the "
                + "emulator's log (target: none); 429s are included there and were retried by the provider. Floor: "
                + "critical path at " + PARALLELISM + " in flight, and at least requests / rate limit (the provider's, "
                + "and each documented limit's). Baseline: N x latency / 10. The last column plans again with "
                + "`rate_limit = " + READ_RATE_LIMIT + "`, under every documented read limit. Median of " + opt.runs()
                + " runs; first apply one run.\n\n");
        md.append("| N (Databricks) | latency | validate | first apply (requests, failed) | no-change plan (CPU) | 1% "
                + "changed plan | plan requests (failed) | floor | plan / floor | baseline | plan / baseline | plan at "
                + "rate_limit " + READ_RATE_LIMIT + " (floor, failed) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode r : rows) {
            double plan = r.get("plan_s").asDouble();
            double floor = r.get("floor_s").asDouble();
            double base = r.get("baseline_s").asDouble();
            md.append(String.format("| %,d | %d ms | %s | %s (%d, %d) | %s (%s) | %s | %d (%d) | %s | %.2f | %s | %.2f "
                    + "| %s (%s, %d) |%n",
                    r.get("n").asInt(), r.get("latency_ms").asInt(), Bench.secs(r.get("validate_s").asDouble()),
                    Bench.secs(r.get("apply_s").asDouble()), r.get("apply_requests").asInt(),
                    r.get("apply_failed_requests").asInt(), Bench.secs(plan), Bench.secs(r.get("plan_cpu_s").asDouble()),
                    Bench.secs(r.get("plan_changed_s").asDouble()), r.get("plan_requests").asInt(),
                    r.get("plan_failed_requests").asInt() + r.get("plan_changed_failed_requests").asInt(),
                    Bench.secs(floor), plan / floor, Bench.secs(base), plan / base,
                    Bench.secs(r.get("plan_fast_s").asDouble()), Bench.secs(r.get("floor_fast_s").asDouble()),
                    r.get("plan_fast_failed_requests").asInt()));
        }
        md.append("\n").append(targetLines(rows));
        md.append("\n### Databricks requests per endpoint (emulator's log), latency ").append(opt.latenciesMs().get(0))
                .append(" ms\n");
        endpointTables.forEach(md::append);
    }

    private static String targetLines(ArrayNode rows) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode r : rows) {
            long failed = r.get("apply_failed_requests").asLong() + r.get("plan_failed_requests").asLong()
                    + r.get("plan_changed_failed_requests").asLong() + r.get("plan_fast_failed_requests").asLong();
            long retried = r.get("apply_429").asLong() + r.get("plan_429").asLong() + r.get("plan_changed_429").asLong()
                    + r.get("plan_fast_429").asLong();
            sb.append(String.format("- N=%,d, %d ms: %d failed requests (%s; target none), %d of them 429s retried by "
                    + "the provider; plan %.2fx floor, %.3fx baseline.%n", r.get("n").asInt(),
                    r.get("latency_ms").asInt(), failed, failed == 0 ? "met" : "MISSED", retried,
                    r.get("plan_s").asDouble() / r.get("floor_s").asDouble(),
                    r.get("plan_s").asDouble() / r.get("baseline_s").asDouble()));
        }
        return sb.toString();
    }

    private ObjectNode measure(int n, int latencyMs) throws IOException {
        Bench.log("databricks N=" + n + " latency=" + latencyMs + "ms");
        Duration latency = Duration.ofMillis(latencyMs);
        Path dir = opt.work().resolve("databricks-" + n + "-" + latencyMs + "ms");
        Bench.deleteTree(dir);
        DatabricksGen.Generated g = DatabricksGen.databricks(n, dir, false, RATE_LIMIT);
        ObjectNode row = JSON.createObjectNode();
        row.put("n", n);
        row.put("latency_ms", latencyMs);
        row.put("rate_limit", RATE_LIMIT);
        ObjectNode types = row.putObject("types");
        g.byType().forEach(types::put);
        try (Emulators emu = new Emulators(dir, latency)) {
            emu.databricksRateLimits(LIMITS);
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < opt.runs(); i++) {
                Proc.Run r = lockstep.run(dir, Map.of(), "validate").expect(0);
                v.add(r.seconds());
                r.discard();
            }
            row.put("validate_s", Bench.median(v));

            Bench.log("  first apply");
            emu.resetLogs();
            Proc.Run apply = lockstep.run(dir, Map.of(), "--sandbox", "apply", "--auto-approve").expect(0);
            apply.discard();
            Map<String, RequestLog.Snapshot> applyLog = emu.snapshots();
            row.put("apply_s", apply.seconds());
            row.put("apply_peak_rss_kb", apply.peakRssKb());
            counts(row, "apply", applyLog);
            row.put("apply_floor_s", floor(applyLog, latency, RATE_LIMIT));
            check(emu, g);

            Bench.log("  no-change plan");
            List<Double> times = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            Map<String, RequestLog.Snapshot> planLog = null;
            for (int i = 0; i < opt.runs(); i++) {
                emu.resetLogs();
                Proc.Run p = lockstep.run(dir, Map.of(), "--sandbox", "plan", "--detailed-exitcode").expect(0);
                p.discard();
                times.add(p.seconds());
                cpus.add(p.cpuSeconds());
                if (planLog == null) {
                    planLog = emu.snapshots();
                }
            }
            row.put("plan_s", Bench.median(times));
            row.put("plan_cpu_s", Bench.median(cpus));
            counts(row, "plan", planLog);
            row.put("floor_s", floor(planLog, latency, RATE_LIMIT));
            row.put("baseline_s", Floor.baseline(n, latency).toNanos() / 1e9);

            Bench.log("  no-change plan at rate_limit " + READ_RATE_LIMIT);
            DatabricksGen.databricks(n, dir, false, READ_RATE_LIMIT);
            List<Double> fast = new ArrayList<>();
            Map<String, RequestLog.Snapshot> fastLog = null;
            for (int i = 0; i < opt.runs(); i++) {
                emu.resetLogs();
                Proc.Run p = lockstep.run(dir, Map.of(), "--sandbox", "plan", "--detailed-exitcode").expect(0);
                p.discard();
                fast.add(p.seconds());
                if (fastLog == null) {
                    fastLog = emu.snapshots();
                }
            }
            row.put("plan_fast_s", Bench.median(fast));
            counts(row, "plan_fast", fastLog);
            row.put("floor_fast_s", floor(fastLog, latency, READ_RATE_LIMIT));

            Bench.log("  1% changed plan");
            DatabricksGen.Generated changed = DatabricksGen.databricks(n, dir, true, RATE_LIMIT);
            List<Double> ctimes = new ArrayList<>();
            Map<String, RequestLog.Snapshot> changedLog = null;
            for (int i = 0; i < opt.runs(); i++) {
                emu.resetLogs();
                Proc.Run p = lockstep.run(dir, Map.of(), "--sandbox", "plan", "--detailed-exitcode").expect(2);
                String out = p.out();
                Matcher m = SUMMARY.matcher(out);
                if (!(m.find() && m.group(1).equals("0") && Integer.parseInt(m.group(2)) == changed.changed()
                        && m.group(3).equals("0"))) {
                    throw new IllegalStateException("expected a plan of " + changed.changed() + " updates, got: "
                            + out.substring(Math.max(0, out.length() - 2000)));
                }
                p.discard();
                ctimes.add(p.seconds());
                if (changedLog == null) {
                    changedLog = emu.snapshots();
                }
            }
            row.put("changed_resources", changed.changed());
            row.put("plan_changed_s", Bench.median(ctimes));
            counts(row, "plan_changed", changedLog);
        }
        row.put("load_average", Bench.load());
        Bench.log(String.format("  validate %s, apply %s, plan %s (floor %s, %d requests), 1%% plan %s, failed %d",
                Bench.secs(row.get("validate_s").asDouble()), Bench.secs(row.get("apply_s").asDouble()),
                Bench.secs(row.get("plan_s").asDouble()), Bench.secs(row.get("floor_s").asDouble()),
                row.get("plan_requests").asInt(), Bench.secs(row.get("plan_changed_s").asDouble()),
                row.get("apply_failed_requests").asInt() + row.get("plan_failed_requests").asInt()));
        return row;
    }

    /** The apply created what the configuration declares. */
    private static void check(Emulators emu, DatabricksGen.Generated g) {
        int clusters = emu.databricksObjects("clusters");
        int jobs = emu.databricksObjects("jobs");
        if (clusters != g.count("databricks_cluster") || jobs != g.count("databricks_job")) {
            throw new IllegalStateException("the workspace holds " + clusters + " clusters and " + jobs + " jobs, "
                    + "expected " + g.count("databricks_cluster") + " and " + g.count("databricks_job"));
        }
    }

    private static void counts(ObjectNode row, String phase, Map<String, RequestLog.Snapshot> log) {
        RequestLog.Snapshot s = log.get("databricks");
        long failed = s.byStatus().entrySet().stream().filter(e -> e.getKey() >= 400).mapToLong(Map.Entry::getValue)
                .sum();
        row.put(phase + "_requests", s.total());
        row.put(phase + "_failed_requests", failed);
        row.put(phase + "_429", s.countStatus(429));
        ObjectNode e = row.putObject(phase + "_endpoints");
        s.byEndpoint().forEach(e::put);
    }

    /**
     * The floor of the Databricks requests in {@code log}: the critical path at the provider's
     * parallelism and {@code rateLimit}, and at least {@code (count - 1) / limit + latency} for each
     * documented limit.
     */
    private static double floor(Map<String, RequestLog.Snapshot> log, Duration latency, int rateLimit) {
        List<Floor.Request> reqs = Emulators.requests(Map.of("databricks", log.get("databricks")));
        Duration t = Floor.compute(reqs, latency, PARALLELISM, Map.of("databricks", rateLimit)).time();
        for (Map.Entry<String, Integer> l : LIMITS.entrySet()) {
            EndpointPattern p = EndpointPattern.parse(l.getKey());
            long c = reqs.stream().filter(r -> p.matches(r.endpoint().substring(0, r.endpoint().indexOf(' ')),
                    r.path())).count();
            if (c > 0) {
                Duration b = Duration.ofNanos((long) ((c - 1) * 1e9 / l.getValue())).plus(latency);
                t = b.compareTo(t) > 0 ? b : t;
            }
        }
        return t.toNanos() / 1e9;
    }

    private static String endpointTable(JsonNode row) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nN = %,d: no-change plan %d requests, first apply %d (%d failed, %d of them 429).%n%n",
                row.get("n").asInt(), row.get("plan_requests").asInt(), row.get("apply_requests").asInt(),
                row.get("apply_failed_requests").asInt(), row.get("apply_429").asInt()));
        sb.append("| endpoint | no-change plan | 1% changed plan | first apply |\n|---|---|---|---|\n");
        TreeSet<String> keys = new TreeSet<>();
        for (String phase : List.of("plan", "plan_changed", "apply")) {
            row.get(phase + "_endpoints").fieldNames().forEachRemaining(keys::add);
        }
        for (String k : keys) {
            sb.append(String.format("| `%s` | %d | %d | %d |%n", k, row.get("plan_endpoints").path(k).asInt(0),
                    row.get("plan_changed_endpoints").path(k).asInt(0), row.get("apply_endpoints").path(k).asInt(0)));
        }
        return sb.toString();
    }
}
