package dev.lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark suite behind {@code bench/run.sh} (see docs/benchmarks.md). Sections:
 * <ul>
 * <li>{@code startup}: {@code --help}, {@code version}, {@code validate} of a small configuration and
 * the time to the first API request, with and without the AppCDS archive, against a picocli
 * program that does nothing;</li>
 * <li>{@code kubernetes}: for each size and latency, the generated Kubernetes mix against the
 * emulators: validate, first apply, no-change plan, plan with 1% changed; requests per endpoint,
 * floor, baseline, peak RSS, live heap, start-up share;</li>
 * <li>{@code terraform}: identical files of N terraform_data resources, lockstep and Terraform side
 * by side (skipped when {@code terraform} is not on PATH);</li>
 * <li>{@code databricks}: the generated Databricks mix against the emulator enforcing the
 * documented rate limits ({@link DatabricksSection});</li>
 * </ul>
 * Results go to {@code OUT/results.json} and {@code OUT/results.md} (also printed).
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARALLELISM = 10;
    private static final int K8S_PAGE = 500;
    private static final Pattern SUMMARY = Pattern.compile("Plan: (\\d+) to add, (\\d+) to change, (\\d+) to destroy");

    private final Options opt;
    private final Proc proc;
    private final ObjectNode results = JSON.createObjectNode();
    private final StringBuilder md = new StringBuilder();
    private double versionSeconds = Double.NaN;

    /** Command-line options. */
    record Options(List<Integer> sizes, List<Integer> latenciesMs, int runs, int startupRuns, Path dist, Path out,
            Path work, List<String> sections, boolean quick, long timeoutSeconds, long terraformApplyTimeoutSeconds) {

        static Options parse(String[] args) {
            boolean quick = false;
            List<Integer> sizes = null;
            List<Integer> latencies = null;
            Integer runs = null;
            Integer startupRuns = null;
            Path dist = null;
            Path out = Path.of("bench/target/results");
            Path work = Path.of("bench/target/work");
            List<String> sections = List.of("startup", "kubernetes", "databricks", "terraform");
            long timeout = 3600;
            long terraformApplyTimeout = 600;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--sizes" -> sizes = ints(args[++i]);
                    case "--latencies" -> latencies = ints(args[++i]);
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--startup-runs" -> startupRuns = Integer.parseInt(args[++i]);
                    case "--dist" -> dist = Path.of(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--work" -> work = Path.of(args[++i]);
                    case "--only" -> sections = List.of(args[++i].split(","));
                    case "--timeout" -> timeout = Long.parseLong(args[++i]);
                    case "--terraform-apply-timeout" -> terraformApplyTimeout = Long.parseLong(args[++i]);
                    case "-h", "--help" -> {
                        System.out.println("""
                                bench/run.sh [--quick] [--sizes 100,1000,10000] [--latencies 50,0,200] [--runs 3]
                                             [--startup-runs 10] [--only startup,kubernetes,databricks,terraform,shared]
                                             [--dist DIR] [--out DIR] [--work DIR] [--timeout SECONDS]
                                             [--terraform-apply-timeout SECONDS]
                                --terraform-apply-timeout: Terraform's first apply is stopped after this long
                                  (default 600; at 10,000 resources it runs for over an hour) and reported as such.
                                --quick: sizes 100,1000, latency 50 ms, 3 runs, 5 start-up rounds.""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                }
            }
            if (dist == null) {
                throw new IllegalArgumentException("--dist DIR (the lockstep distribution) is required");
            }
            return new Options(
                    sizes != null ? sizes : quick ? List.of(100, 1000) : List.of(100, 1000, 10000),
                    latencies != null ? latencies : quick ? List.of(50) : List.of(50, 0, 200),
                    runs != null ? runs : 3,
                    startupRuns != null ? startupRuns : quick ? 5 : 10,
                    dist.toAbsolutePath().normalize(), out.toAbsolutePath().normalize(),
                    work.toAbsolutePath().normalize(), sections, quick, timeout, terraformApplyTimeout);
        }

        private static List<Integer> ints(String s) {
            return Arrays.stream(s.split(",")).map(String::trim).map(Integer::parseInt).toList();
        }
    }

    private Bench(Options opt) {
        this.opt = opt;
        this.proc = new Proc(opt.work().resolve("proc"));
    }

    public static void main(String[] args) throws Exception {
        Options opt = Options.parse(args);
        new Bench(opt).run();
        System.exit(0);
    }

    private void run() throws IOException {
        Path bin = lockstepBin();
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " not found: build the distribution first");
        }
        Files.createDirectories(opt.out());
        Files.createDirectories(opt.work());
        if (opt.sections().contains("serve")) {
            serve();
            return;
        }
        if (opt.sections().contains("shared")) {
            sharedSection();
            save();
            System.out.println(md);
            return;
        }
        machine();
        if (opt.sections().contains("startup")) {
            startup();
            save();
        } else {
            versionSeconds = median(repeat(opt.startupRuns(), () -> lockstep(opt.work(), Map.of(), "version")
                    .expect(0)));
        }
        if (opt.sections().contains("kubernetes")) {
            kubernetesSection();
            save();
        }
        if (opt.sections().contains("databricks")) {
            new DatabricksSection(opt, this::lockstep, results, md).run();
            save();
        }
        if (opt.sections().contains("terraform")) {
            terraformSection();
            save();
        }
        System.out.println(md);
        log("results in " + opt.out());
    }

    /** {@code --only shared}: a state written to and read from the Kubernetes backend (SharedStateSection). */
    private void sharedSection() throws IOException {
        List<SharedStateSection.Row> rows;
        try {
            rows = new SharedStateSection(opt.work(), opt.sizes(), opt.latenciesMs(), Bench::log).run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        results.set("shared", JSON.valueToTree(rows));
        md.append("\n## Shared state: the Kubernetes backend\n\n| resources | latency | state JSON | chunks | write | calls "
                + "| read | calls | next write | calls | local write | local read |\n|---:|---:|---:|---:|---:|---:|---:|---:"
                + "|---:|---:|---:|---:|\n");
        for (SharedStateSection.Row r : rows) {
            md.append(String.format(java.util.Locale.ROOT, "| %,d | %d ms | %.1f MB | %d | %.2f s | %d | %.2f s | %d "
                    + "| %.2f s | %d | %.2f s | %.2f s |%n", r.resources(), r.latencyMs(), r.stateBytes() / 1e6, r.chunks(),
                    r.writeSeconds(),
                    r.writeCalls(), r.readSeconds(), r.readCalls(), r.rewriteSeconds(), r.rewriteCalls(),
                    r.localWriteSeconds(), r.localReadSeconds()));
        }
    }

    /** Writes what is measured so far, so that a section that fails later does not lose the others. */
    private void save() throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(opt.out().resolve("results.json").toFile(), results);
        Files.writeString(opt.out().resolve("results.md"), md.toString());
    }

    // ------------------------------------------------------------------ machine

    private void machine() throws IOException {
        ObjectNode m = results.putObject("machine");
        String cpu = "?";
        try (Stream<String> l = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = l.filter(s -> s.startsWith("model name")).map(s -> s.substring(s.indexOf(':') + 1).trim())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            // not Linux
        }
        long memKb = 0;
        try (Stream<String> l = Files.lines(Path.of("/proc/meminfo"))) {
            memKb = l.filter(s -> s.startsWith("MemTotal")).map(s -> s.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            // not Linux
        }
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpu);
        m.put("memory_gib", Math.round(memKb / 1024.0 / 1024.0));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        String javaVersion = firstLine(runQuiet(List.of(java(), "-version")).err());
        m.put("java", javaVersion);
        String tf = terraformVersion();
        m.put("terraform", tf == null ? "absent" : tf);
        String archive = "absent";
        if (Files.exists(opt.dist().resolve("lib/lockstep.jsa"))) {
            // -Xshare:on makes an archive that cannot be mapped (stale, other JVM) fatal
            Proc.Run r = lockstep(opt.work(), Map.of("LOCKSTEP_JAVA_OPTS", "-Xshare:on"), "version");
            archive = r.exit() == 0 ? "present" : "present but unusable (rebuild the distribution)";
            r.discard();
        }
        m.put("appcds_archive", archive);
        m.put("load_average_at_start", load());
        m.put("command", "bench/run.sh " + String.join(" ", opt.quick() ? List.of("--quick") : List.of()));
        m.put("started", Instant.now().toString());
        md.append("# lockstep benchmark results\n\n");
        md.append(String.format("Machine: %d CPUs (%s), %d GiB RAM, %s; %s; Terraform: %s. AppCDS archive: %s. "
                + "Load average at start: %.2f.%n", m.get("cpus").asInt(), cpu, m.get("memory_gib").asLong(),
                m.get("os").asText(), javaVersion, m.get("terraform").asText(), archive, load()));
        md.append(String.format("Sizes %s, latencies %s ms, %d runs per timed figure (median), %d start-up rounds.%n",
                opt.sizes(), opt.latenciesMs(), opt.runs(), opt.startupRuns()));
    }

    // ------------------------------------------------------------------ serve (for profiling by hand)

    /**
     * {@code --only serve --sizes N --latencies L}: generates the Kubernetes mix, applies it against
     * the emulators and keeps them running until killed, so that single commands can be profiled
     * by hand ({@code lockstep --sandbox plan -C DIR}).
     */
    private void serve() throws IOException {
        int n = opt.sizes().get(0);
        int lat = opt.latenciesMs().get(0);
        Path dir = opt.work().resolve("serve-" + n);
        deleteTree(dir);
        ConfigGen.kubernetes(n, dir, false);
        Emulators emu = new Emulators(dir, Duration.ZERO);
        lockstep(dir, Map.of(), "--sandbox", "apply", "--auto-approve").expect(0).discard();
        emu.latency(Duration.ofMillis(lat));
        // the request log for whoever profiles: GET /log (entries as text lines) and GET /reset
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/log", ex -> {
            StringBuilder sb = new StringBuilder();
            emu.snapshots().forEach((p, snap) -> snap.entries().forEach(e -> sb.append(String.format(Locale.ROOT,
                    "%s %d %.3f %d %s %s%n", p, e.at().toEpochMilli() * 1000 + e.at().getNano() / 1000 % 1000,
                    e.duration().toNanos() / 1e6, e.status(), e.endpoint().replace(' ', '_'), e.path()))));
            byte[] b = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.createContext("/reset", ex -> {
            emu.resetLogs();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        Files.writeString(dir.resolve("bench-log-url"), "http://127.0.0.1:" + http.getAddress().getPort() + "\n");
        log("serving " + dir + " at " + lat + " ms (request log: " + dir.resolve("bench-log-url") + "); Ctrl-C stops");
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ start-up

    private void startup() throws IOException {
        log("start-up");
        Path dir = opt.work().resolve("startup");
        deleteTree(dir);
        ConfigGen.kubernetes(20, dir, false);
        boolean archive = results.path("machine").path("appcds_archive").asText().equals("present");
        Map<String, String> cds = Map.of();
        Map<String, String> noCds = Map.of("LOCKSTEP_NO_CDS", "1");
        Map<String, List<Double>> t = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        try (Emulators emu = new Emulators(dir, Duration.ZERO)) {
            lockstep(dir, Map.of(), "--sandbox", "apply", "--auto-approve").expect(0).discard();
            for (int i = 0; i < opt.startupRuns(); i++) {
                time(t, rss, "bare picocli --help", runQuiet(bareCommand("--help")).expect(0));
                time(t, rss, "lockstep --help (AppCDS)", lockstep(dir, cds, "--help").expect(0));
                time(t, rss, "lockstep --help (no archive)", lockstep(dir, noCds, "--help").expect(0));
                time(t, rss, "lockstep version (AppCDS)", lockstep(dir, cds, "version").expect(0));
                time(t, rss, "lockstep version (no archive)", lockstep(dir, noCds, "version").expect(0));
                time(t, rss, "lockstep validate, 20 resources (AppCDS)", lockstep(dir, cds, "validate").expect(0));
                time(t, rss, "lockstep validate, 20 resources (no archive)", lockstep(dir, noCds, "validate")
                        .expect(0));
                for (boolean withArchive : new boolean[] {true, false}) {
                    emu.resetLogs();
                    Proc.Run p = lockstep(dir, withArchive ? cds : noCds, "--sandbox", "plan", "--detailed-exitcode")
                            .expect(0);
                    Instant first = firstRequest(emu.snapshots());
                    String key = "time to first API request, plan (" + (withArchive ? "AppCDS" : "no archive") + ")";
                    t.computeIfAbsent(key, k -> new ArrayList<>()).add(
                            Duration.between(p.started(), first).toNanos() / 1e9);
                    time(t, rss, "lockstep plan, 20 resources (" + (withArchive ? "AppCDS" : "no archive") + ")", p);
                }
            }
        }
        ObjectNode s = results.putObject("startup");
        md.append("\n## Start-up\n\n");
        md.append("Median of ").append(opt.startupRuns()).append(" rounds (variants interleaved). `bare picocli` is "
                + "`dev.lockstep.bench.BareCli`, a picocli command that does nothing, run with the launcher's JVM "
                + "options. Time to the first API request: from starting `lockstep --sandbox plan` to the "
                + "Kubernetes emulator receiving its first request (`GET /version`), 0 ms injected latency.\n\n");
        md.append("| what | median | min | peak RSS |\n|---|---|---|---|\n");
        t.forEach((k, v) -> {
            ObjectNode o = s.putObject(k);
            o.put("median_s", median(v));
            o.put("min_s", v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
            if (rss.containsKey(k)) {
                o.put("peak_rss_kb", rss.get(k));
            }
            md.append(String.format("| %s | %s | %s | %s |%n", k, secs(median(v)),
                    secs(v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)),
                    rss.containsKey(k) ? mb(rss.get(k)) : "-"));
        });
        double bare = median(t.get("bare picocli --help"));
        double help = median(t.get("lockstep --help (AppCDS)"));
        double helpNo = median(t.get("lockstep --help (no archive)"));
        double first = median(t.get("time to first API request, plan (AppCDS)"));
        double firstNo = median(t.get("time to first API request, plan (no archive)"));
        versionSeconds = median(t.get(archive ? "lockstep version (AppCDS)" : "lockstep version (no archive)"));
        s.put("help_vs_bare", help / bare);
        s.put("help_no_archive_vs_bare", helpNo / bare);
        s.put("first_request_cut", 1 - first / firstNo);
        md.append(String.format("%n`--help` / bare picocli: %.2fx with the archive, %.2fx without (target: at most "
                + "1.1x). AppCDS cuts the time to the first API request by %.0f%% (%s -> %s; target: at least 30%%).%s%n",
                help / bare, helpNo / bare, 100 * (1 - first / firstNo), secs(firstNo), secs(first),
                archive ? "" : " No archive in this distribution: both columns ran without one."));
    }

    private static Instant firstRequest(Map<String, RequestLog.Snapshot> snaps) {
        return snaps.values().stream().flatMap(s -> s.entries().stream()).map(RequestLog.Entry::at)
                .min(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("no request logged"));
    }

    private List<String> bareCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss8m",
                "-cp", jarOf(Bench.class) + ":" + jarOf(picocli.CommandLine.class), BareCli.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    // ------------------------------------------------------------------ kubernetes

    private void kubernetesSection() throws IOException {
        ArrayNode rows = results.putArray("kubernetes");
        md.append("\n## Kubernetes mix against the emulator\n\n");
        md.append("Generated configuration (`ConfigGen.kubernetes`): namespaces, default-deny and per-app network "
                + "policies, service accounts, roles, role bindings and config maps over 10/25/50 namespaces. Every "
                + "figure is the median of ").append(opt.runs()).append(" runs except the first apply (one run). "
                + "Floor and baseline as in docs/benchmarks.md; `start-up` is the median `lockstep version` time ("
                + secs(versionSeconds) + ").\n\n");
        md.append("| N | latency | validate | first apply | no-change plan (CPU) | 1% changed plan | plan requests "
                + "(budget) | floor | plan / floor | baseline | plan / baseline | peak RSS (plan) | live heap (per "
                + "resource) | start-up share | before first request | load |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> endpointTables = new ArrayList<>();
        for (int n : opt.sizes()) {
            for (int lat : opt.latenciesMs()) {
                ObjectNode row = kubernetes(n, lat);
                rows.add(row);
                double plan = row.get("plan_s").asDouble();
                double floor = row.get("floor_s").asDouble();
                double baseline = row.get("baseline_s").asDouble();
                md.append(String.format("| %,d | %d ms | %s | %s | %s (%s) | %s | %d (%d) | %s | %s | %s | %s | %s | %s "
                        + "(%s) | %.0f%% | %s | %.1f |%n", n, lat, secs(row.get("validate_s").asDouble()),
                        secs(row.get("apply_s").asDouble()), secs(plan), secs(row.get("plan_cpu_s").asDouble()),
                        secs(row.get("plan_changed_s").asDouble()),
                        row.get("plan_requests").asInt(), row.get("plan_request_budget").asInt(), secs(floor),
                        floor > 0 ? String.format("%.2f", plan / floor) : "n/a", secs(baseline),
                        baseline > 0 ? String.format("%.3f", plan / baseline) : "n/a",
                        mb(row.get("plan_peak_rss_kb").asLong()), mb(row.get("live_heap_bytes").asLong() / 1024),
                        kb(row.get("live_heap_bytes").asLong() / (double) n), 100 * versionSeconds / plan,
                        secs(row.get("plan_first_request_s").asDouble()), row.get("load_average").asDouble()));
                if (lat == opt.latenciesMs().get(0)) {
                    endpointTables.add(endpointTable(row));
                }
            }
        }
        md.append("\nTargets at 1k and 10k: no-change plan at most 1.5x floor + start-up and at most 0.1x baseline; "
                + "requests within budget (one LIST per kind and namespace, plus pages, plus 2); peak RSS at 10k at "
                + "most 2.5x that at 1k; under 10 KB live heap per resource.\n");
        md.append("\n").append(targetLines(rows));
        md.append("\n### Requests per endpoint (emulator's log), latency ").append(opt.latenciesMs().get(0))
                .append(" ms\n");
        endpointTables.forEach(md::append);
    }

    private String targetLines(ArrayNode rows) {
        StringBuilder sb = new StringBuilder();
        Map<Integer, Long> rssAt = new HashMap<>();
        Map<Integer, Long> heapAt = new HashMap<>();
        for (JsonNode r : rows) {
            int n = r.get("n").asInt();
            int lat = r.get("latency_ms").asInt();
            double plan = r.get("plan_s").asDouble();
            double floor = r.get("floor_s").asDouble();
            double base = r.get("baseline_s").asDouble();
            if (lat == opt.latenciesMs().get(0)) {
                rssAt.put(n, r.get("plan_peak_rss_kb").asLong());
                heapAt.put(n, r.get("live_heap_bytes").asLong());
            }
            if (n < 1000 || lat == 0) {
                continue;
            }
            sb.append(String.format("- N=%,d, %d ms: plan %s vs 1.5 x floor + start-up = %s (%s); vs 0.1 x baseline = "
                    + "%s (%s); requests %d vs budget %d (%s); live heap %s per resource (%s).%n", n, lat, secs(plan),
                    secs(1.5 * floor + versionSeconds), plan <= 1.5 * floor + versionSeconds ? "met" : "MISSED",
                    secs(0.1 * base), plan <= 0.1 * base ? "met" : "MISSED", r.get("plan_requests").asInt(),
                    r.get("plan_request_budget").asInt(),
                    r.get("plan_requests").asInt() <= r.get("plan_request_budget").asInt() ? "met" : "MISSED",
                    kb(r.get("live_heap_bytes").asLong() / (double) n),
                    r.get("live_heap_bytes").asLong() / (double) n < 10 * 1024 ? "met" : "MISSED"));
        }
        if (rssAt.containsKey(1000) && rssAt.containsKey(10000)) {
            double ratio = rssAt.get(10000) / (double) rssAt.get(1000);
            sb.append(String.format("- Peak RSS of the no-change plan, 10k / 1k: %.2fx (%s; target at most 2.5x).%n",
                    ratio, ratio <= 2.5 ? "met" : "MISSED"));
            double marginal = (heapAt.get(10000) - heapAt.get(1000)) / 9000.0;
            sb.append(String.format("- Live heap per additional resource, (heap at 10k - heap at 1k) / 9,000: %s "
                    + "(%s; target under 10 KB).%n", kb(marginal), marginal < 10 * 1024 ? "met" : "MISSED"));
        }
        return sb.toString();
    }

    private String endpointTable(JsonNode row) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nN = %,d: no-change plan %d requests (the JSON plan's `lockstep.api_requests` "
                + "counted %d on the client side); first apply %d requests, %d answered with an error.%n%n",
                row.get("n").asInt(), row.get("plan_requests").asInt(), row.get("plan_client_requests").asInt(),
                row.get("apply_requests").asInt(), row.get("apply_failed_requests").asInt()));
        sb.append("| endpoint | no-change plan | 1% changed plan | first apply |\n|---|---|---|---|\n");
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        row.get("plan_endpoints").fieldNames().forEachRemaining(keys::add);
        row.get("plan_changed_endpoints").fieldNames().forEachRemaining(keys::add);
        row.get("apply_endpoints").fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            sb.append(String.format("| `%s` | %d | %d | %d |%n", k, row.get("plan_endpoints").path(k).asInt(0),
                    row.get("plan_changed_endpoints").path(k).asInt(0), row.get("apply_endpoints").path(k).asInt(0)));
        }
        return sb.toString();
    }

    private ObjectNode kubernetes(int n, int latencyMs) throws IOException {
        log("kubernetes N=" + n + " latency=" + latencyMs + "ms");
        Duration latency = Duration.ofMillis(latencyMs);
        Path dir = opt.work().resolve("k8s-" + n + "-" + latencyMs + "ms");
        deleteTree(dir);
        ConfigGen.Generated g = ConfigGen.kubernetes(n, dir, false);
        ObjectNode row = JSON.createObjectNode();
        row.put("n", n);
        row.put("latency_ms", latencyMs);
        row.put("namespaces", ConfigGen.namespaces(n));
        try (Emulators emu = new Emulators(dir, latency)) {
            row.put("validate_s", median(repeat(opt.runs(), () -> lockstep(dir, Map.of(), "validate").expect(0))));

            emu.resetLogs();
            log("  first apply");
            Proc.Run apply = lockstep(dir, Map.of(), "--sandbox", "apply", "--auto-approve").expect(0);
            apply.discard();
            Map<String, RequestLog.Snapshot> applyLog = emu.snapshots();
            row.put("apply_s", apply.seconds());
            row.put("apply_peak_rss_kb", apply.peakRssKb());
            row.put("apply_requests", total(applyLog));
            row.put("apply_failed_requests", failed(applyLog));
            row.set("apply_endpoints", endpoints(applyLog));
            Floor.Result applyFloor = Floor.compute(Emulators.requests(applyLog), latency, PARALLELISM, Map.of());
            row.put("apply_floor_s", applyFloor.time().toNanos() / 1e9);

            log("  no-change plan");
            List<Double> times = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            List<Double> firsts = new ArrayList<>();
            long peak = 0;
            Map<String, RequestLog.Snapshot> planLog = null;
            for (int i = 0; i < opt.runs(); i++) {
                emu.resetLogs();
                Proc.Run p = lockstep(dir, Map.of(), "--sandbox", "plan", "--detailed-exitcode").expect(0);
                p.discard();
                Map<String, RequestLog.Snapshot> snap = emu.snapshots();
                times.add(p.seconds());
                cpus.add(p.cpuSeconds());
                firsts.add(Duration.between(p.started(), firstRequest(snap)).toNanos() / 1e9);
                peak = Math.max(peak, p.peakRssKb());
                if (planLog == null) {
                    planLog = snap;
                } else if (total(snap) != total(planLog)) {
                    log("  note: request count varies between runs: " + total(snap) + " vs " + total(planLog));
                }
            }
            row.put("plan_s", median(times));
            row.put("plan_cpu_s", median(cpus));
            row.put("plan_first_request_s", median(firsts));
            row.put("plan_peak_rss_kb", peak);
            row.put("plan_requests", total(planLog));
            row.put("plan_failed_requests", failed(planLog));
            row.put("plan_request_budget", g.pages(K8S_PAGE) + 2);
            row.put("plan_list_groups", g.groups());
            row.set("plan_endpoints", endpoints(planLog));
            Floor.Result floor = Floor.compute(Emulators.requests(planLog), latency, PARALLELISM, Map.of());
            row.put("floor_s", floor.time().toNanos() / 1e9);
            row.put("floor_rounds", floor.criticalRounds());
            row.put("baseline_s", Floor.baseline(n, latency).toNanos() / 1e9);

            // the JSON plan: its client-side request counts, and its time
            emu.resetLogs();
            Proc.Run json = lockstep(dir, Map.of(), "--sandbox", "plan", "--format", "json").expect(0);
            JsonNode plan = JSON.readTree(json.stdout().toFile());
            json.discard();
            long client = 0;
            for (JsonNode p : plan.path("lockstep").path("api_requests")) {
                for (JsonNode c : p) {
                    client += c.asLong();
                }
            }
            row.put("plan_client_requests", client);
            row.set("plan_json_api_requests", plan.path("lockstep").path("api_requests"));
            row.put("plan_json_s", json.seconds());

            log("  live heap");
            Path heapFile = opt.work().resolve("heap-" + n + ".txt");
            Files.deleteIfExists(heapFile);
            lockstep(dir, Map.of("LOCKSTEP_JAVA_OPTS", "-javaagent:" + jarOf(Bench.class) + "=" + heapFile),
                    "--sandbox", "plan", "--detailed-exitcode").expect(0).discard();
            String[] heap = Files.readString(heapFile).trim().split(" ");
            row.put("live_heap_bytes", Long.parseLong(heap[0]));
            row.put("live_heap_samples", Long.parseLong(heap[1]));

            log("  1% changed plan");
            ConfigGen.Generated changed = ConfigGen.kubernetes(n, dir, true);
            List<Double> ctimes = new ArrayList<>();
            Map<String, RequestLog.Snapshot> changedLog = null;
            for (int i = 0; i < opt.runs(); i++) {
                emu.resetLogs();
                Proc.Run p = lockstep(dir, Map.of(), "--sandbox", "plan", "--detailed-exitcode").expect(2);
                String out = p.out();
                Matcher m = SUMMARY.matcher(out);
                boolean ok = m.find() && m.group(1).equals("0") && Integer.parseInt(m.group(2)) == changed.changed()
                        && m.group(3).equals("0");
                if (!ok) {
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
            row.put("plan_changed_s", median(ctimes));
            row.put("plan_changed_requests", total(changedLog));
            row.set("plan_changed_endpoints", endpoints(changedLog));
        }
        row.put("load_average", load());
        log(String.format("  validate %s, apply %s, plan %s (floor %s), 1%% plan %s", secs(row.get("validate_s")
                .asDouble()), secs(row.get("apply_s").asDouble()), secs(row.get("plan_s").asDouble()),
                secs(row.get("floor_s").asDouble()), secs(row.get("plan_changed_s").asDouble())));
        return row;
    }

    private static long total(Map<String, RequestLog.Snapshot> snaps) {
        return snaps.values().stream().mapToLong(RequestLog.Snapshot::total).sum();
    }

    private static long failed(Map<String, RequestLog.Snapshot> snaps) {
        long f = 0;
        for (RequestLog.Snapshot s : snaps.values()) {
            for (Map.Entry<Integer, Long> e : s.byStatus().entrySet()) {
                if (e.getKey() >= 400) {
                    f += e.getValue();
                }
            }
        }
        return f;
    }

    private static ObjectNode endpoints(Map<String, RequestLog.Snapshot> snaps) {
        ObjectNode o = JSON.createObjectNode();
        snaps.forEach((p, s) -> s.byEndpoint().forEach((k, v) -> o.put(k, v)));
        return o;
    }

    // ------------------------------------------------------------------ terraform

    private void terraformSection() throws IOException {
        String tfVersion = terraformVersion();
        md.append("\n## Side by side with Terraform (terraform_data)\n\n");
        if (tfVersion == null) {
            md.append("Skipped: `terraform` is not on PATH.\n");
            results.put("terraform", "skipped: not on PATH");
            return;
        }
        md.append("Identical files of N `terraform_data` resources (`ConfigGen.terraformData`, about 470 bytes "
                + "each: a function call, a nested object, a list of objects, a conditional, every tenth a "
                + "`depends_on`), as `main.tf` and `main.hcl`. " + tfVersion + " with `TF_CLI_CONFIG_FILE=/dev/null`. "
                + "Median of " + opt.runs() + " runs; first apply one run. Both at their default parallelism (10).\n\n");
        md.append("| N | validate: lockstep / terraform | first apply: lockstep / terraform | no-change plan: lockstep "
                + "/ terraform | peak RSS (plan): lockstep / terraform |\n|---|---|---|---|---|\n");
        ArrayNode rows = results.putArray("terraform");
        Map<String, String> tfEnv = Map.of("TF_CLI_CONFIG_FILE", "/dev/null", "TF_IN_AUTOMATION", "1",
                "CHECKPOINT_DISABLE", "1");
        for (int n : opt.sizes()) {
            log("terraform_data N=" + n);
            Path base = opt.work().resolve("tf-" + n);
            deleteTree(base);
            Path tf = base.resolve("terraform");
            Path ls = base.resolve("lockstep");
            ConfigGen.terraformData(n, tf, "main.tf");
            ConfigGen.terraformData(n, ls, "main.hcl");
            ObjectNode row = rows.addObject();
            row.put("n", n);
            List<Double> lv = new ArrayList<>();
            List<Double> tv = new ArrayList<>();
            for (int i = 0; i < opt.runs(); i++) {
                lv.add(lockstep(ls, Map.of(), "validate").expect(0).seconds());
                tv.add(terraform(tf, tfEnv, "validate", "-no-color").expect(0).seconds());
            }
            log("  apply");
            Proc.Run la = lockstep(ls, Map.of(), "apply", "--auto-approve").expect(0);
            la.discard();
            Proc.Run ta = null;
            try {
                ta = proc.run(List.of("terraform", "apply", "-auto-approve", "-input=false", "-no-color"), tf, tfEnv,
                        opt.terraformApplyTimeoutSeconds()).expect(0);
                ta.discard();
            } catch (Proc.TimeoutException stopped) {
                log("  terraform apply stopped after " + opt.terraformApplyTimeoutSeconds() + " s");
            }
            log("  plan");
            List<Double> lp = new ArrayList<>();
            List<Double> tp = new ArrayList<>();
            long lr = 0;
            long tr = 0;
            for (int i = 0; i < opt.runs(); i++) {
                Proc.Run a = lockstep(ls, Map.of(), "plan", "--detailed-exitcode").expect(0);
                lp.add(a.seconds());
                lr = Math.max(lr, a.peakRssKb());
                a.discard();
                if (ta != null) {
                    Proc.Run b = terraform(tf, tfEnv, "plan", "-input=false", "-no-color", "-detailed-exitcode")
                            .expect(0);
                    tp.add(b.seconds());
                    tr = Math.max(tr, b.peakRssKb());
                    b.discard();
                }
            }
            row.put("lockstep_validate_s", median(lv));
            row.put("terraform_validate_s", median(tv));
            row.put("lockstep_apply_s", la.seconds());
            row.put("lockstep_apply_peak_rss_kb", la.peakRssKb());
            row.put("lockstep_plan_s", median(lp));
            row.put("lockstep_plan_peak_rss_kb", lr);
            String apply;
            String plan;
            String planRss;
            if (ta != null) {
                row.put("terraform_apply_s", ta.seconds());
                row.put("terraform_apply_peak_rss_kb", ta.peakRssKb());
                row.put("terraform_plan_s", median(tp));
                row.put("terraform_plan_peak_rss_kb", tr);
                apply = String.format("%s / %s = %.2fx", secs(la.seconds()), secs(ta.seconds()),
                        la.seconds() / ta.seconds());
                plan = String.format("%s / %s = %.2fx", secs(median(lp)), secs(median(tp)), median(lp) / median(tp));
                planRss = mb(lr) + " / " + mb(tr);
            } else {
                long limit = opt.terraformApplyTimeoutSeconds();
                row.put("terraform_apply_stopped_after_s", limit);
                apply = String.format("%s / stopped unfinished after %d s = under %.3fx", secs(la.seconds()), limit,
                        la.seconds() / limit);
                plan = secs(median(lp)) + " / - (no Terraform state)";
                planRss = mb(lr) + " / -";
            }
            md.append(String.format("| %,d | %s / %s = %.2fx | %s | %s | %s |%n", n, secs(median(lv)), secs(median(tv)),
                    median(lv) / median(tv), apply, plan, planRss));
        }
        md.append("\nTargets: at 10k, validate and no-change plan at most 0.5x Terraform's time, first apply at most "
                + "0.2x; at 1k, no slower than Terraform.\n");
    }

    private Proc.Run terraform(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("terraform"));
        cmd.addAll(List.of(args));
        return proc.run(cmd, dir, env, opt.timeoutSeconds());
    }

    private String terraformVersion() {
        try {
            Proc.Run r = proc.run(List.of("terraform", "version"), opt.work(), Map.of("TF_CLI_CONFIG_FILE", "/dev/null",
                    "CHECKPOINT_DISABLE", "1"), 60);
            String v = r.exit() == 0 ? firstLine(r.out()) : null;
            r.discard();
            return v;
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ helpers

    private Path lockstepBin() {
        return opt.dist().resolve("bin/lockstep");
    }

    /** Runs lockstep on {@code dir}; LOCKSTEP_JAVA_OPTS and LOCKSTEP_NO_CDS come only from {@code env}. */
    private Proc.Run lockstep(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(lockstepBin().toString(), "--no-color", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Map<String, String> e = new HashMap<>();
        e.put("LOCKSTEP_JAVA_OPTS", null);
        e.put("LOCKSTEP_NO_CDS", null);
        e.put("LOCKSTEP_SANDBOX", null);
        e.put("LOCKSTEP_SANDBOX_FAULTS", null);
        e.putAll(env);
        return proc.run(cmd, dir, e, opt.timeoutSeconds());
    }

    private Proc.Run runQuiet(List<String> cmd) {
        return proc.run(cmd, opt.work(), Map.of(), 120);
    }

    private static String java() {
        String home = System.getenv("JAVA_HOME");
        return home != null && !home.isEmpty() ? Path.of(home, "bin", "java").toString() : "java";
    }

    private static String jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(Map<String, List<Double>> t, Map<String, Long> rss, String key, Proc.Run r) {
        t.computeIfAbsent(key, k -> new ArrayList<>()).add(r.seconds());
        rss.merge(key, r.peakRssKb(), Math::max);
        r.discard();
    }

    private static List<Double> repeat(int n, Supplier<Proc.Run> s) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Proc.Run r = s.get();
            out.add(r.seconds());
            r.discard();
        }
        return out;
    }

    static double median(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String secs(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        return s < 10 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String mb(long kb) {
        return kb < 0 ? "-" : String.format(Locale.ROOT, "%d MB", Math.round(kb / 1024.0));
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The 1-minute load average (Linux), or NaN. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static void log(String s) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + s);
    }
}
