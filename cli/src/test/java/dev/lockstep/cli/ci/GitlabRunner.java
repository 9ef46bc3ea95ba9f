package dev.lockstep.cli.ci;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Executes a job of a {@code .gitlab-ci.yml} on a local working copy: its {@code rules:if} evaluated
 * against the pipeline's predefined variables (a table; an unknown variable fails the test), the
 * default {@code before_script} and the job's {@code script} in one bash (as GitLab's shell executor
 * runs them), and its {@code artifacts:paths} zipped as GitLab stores them. The one API call the
 * scripts make, downloading the artifacts of a ref's latest successful pipeline with the job token,
 * is served on loopback from those zips. Keys the harness does not handle fail the test.
 */
final class GitlabRunner implements AutoCloseable {

    private static final Set<String> GLOBAL_KEYS = Set.of("variables", "stages", "default");
    private static final Set<String> JOB_KEYS = Set.of("stage", "rules", "script", "artifacts", "resource_group");
    static final String PROJECT_ID = "42";

    /** A job's outcome; {@code ran} is false when no rule matched. */
    record JobResult(boolean ran, int code, String output) {
    }

    /** A finished pipeline of a ref and the artifact zips of its jobs. */
    private record Pipeline(String ref, boolean success, Map<String, byte[]> artifacts) {
    }

    private final JsonNode file;
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final HttpServer api;
    private volatile String jobToken = "";
    private final List<String> requests = new ArrayList<>();

    GitlabRunner(Path ciFile) throws IOException {
        this.file = new YAMLMapper().readTree(ciFile.toFile());
        file.fieldNames().forEachRemaining(k -> assertTrue(GLOBAL_KEYS.contains(k) || file.get(k).has("stage"),
                "the CI harness does not handle '" + k + "' in the GitLab file"));
        GithubRunner.checkKeys(file.path("default"), Set.of("image", "before_script"), "default");
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api/v4/projects/", ex -> {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            synchronized (requests) {
                requests.add(path + "?" + query);
            }
            Matcher m = Pattern.compile("/api/v4/projects/" + PROJECT_ID + "/jobs/artifacts/([^/]+)/download")
                    .matcher(path);
            byte[] body = null;
            int status = 404;
            if (!jobToken.equals(ex.getRequestHeaders().getFirst("JOB-TOKEN"))) {
                status = 401;
            } else if (m.matches() && query != null && query.startsWith("job=")) {
                String ref = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                String job = query.substring(4);
                for (int i = pipelines.size() - 1; i >= 0; i--) {
                    Pipeline p = pipelines.get(i);
                    if (p.ref().equals(ref) && p.success()) {
                        body = p.artifacts().get(job);
                        break; // the latest successful pipeline of the ref, whether or not it has the job
                    }
                }
                status = body == null ? 404 : 200;
            }
            byte[] out = body == null ? "{\"message\":\"404 Not found\"}".getBytes(StandardCharsets.UTF_8) : body;
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        api.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/api/v4";
    }

    /**
     * Runs one job as the only job of a pipeline of {@code ref}; {@code ci} holds the predefined
     * variables (CI_PIPELINE_SOURCE, CI_COMMIT_SHA, ...). The pipeline is recorded with its artifacts.
     */
    JobResult run(String jobName, Path projectDir, String ref, Map<String, String> ci, Map<String, String> runnerEnv)
            throws IOException, InterruptedException {
        JsonNode job = file.path(jobName);
        assertTrue(job.isObject(), "no job " + jobName);
        GithubRunner.checkKeys(job, JOB_KEYS, "job " + jobName);
        Map<String, String> vars = new LinkedHashMap<>();
        file.path("variables").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
        vars.putAll(ci);
        boolean matched = false;
        for (JsonNode rule : job.path("rules")) {
            GithubRunner.checkKeys(rule, Set.of("if"), "rules of " + jobName);
            if (ruleMatches(rule.path("if").asText(), vars)) {
                matched = true;
                break;
            }
        }
        if (!matched) {
            return new JobResult(false, 0, "");
        }
        jobToken = "job-token-" + System.nanoTime();
        Map<String, String> env = new LinkedHashMap<>(runnerEnv);
        env.putAll(vars);
        env.put("CI", "true");
        env.put("GITLAB_CI", "true");
        env.put("CI_JOB_NAME", jobName);
        env.put("CI_JOB_TOKEN", jobToken);
        env.put("CI_PROJECT_DIR", projectDir.toString());
        env.put("CI_PROJECT_ID", PROJECT_ID);
        env.put("CI_API_V4_URL", apiUrl());
        StringBuilder script = new StringBuilder();
        for (JsonNode line : file.path("default").path("before_script")) {
            script.append(line.asText()).append('\n');
        }
        for (JsonNode line : job.path("script")) {
            script.append(line.asText()).append('\n');
        }
        Bash.Result r = Bash.run(script.toString(), projectDir, env, projectDir.resolve(".git/ci"));
        boolean success = r.code() == 0;
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        JsonNode a = job.path("artifacts");
        if (!a.isMissingNode()) {
            GithubRunner.checkKeys(a, Set.of("when", "expose_as", "paths", "expire_in"), "artifacts of " + jobName);
            String when = a.path("when").asText("on_success");
            assertTrue(Set.of("always", "on_success").contains(when), "artifacts:when " + when);
            if (success || when.equals("always")) {
                artifacts.put(jobName, zip(projectDir, a.path("paths")));
            }
        }
        pipelines.add(new Pipeline(ref, success, artifacts));
        return new JobResult(true, r.code(), r.output());
    }

    /** The artifacts zip of a ref's latest pipeline's job, or null. */
    byte[] lastArtifacts(String ref, String job) {
        for (int i = pipelines.size() - 1; i >= 0; i--) {
            if (pipelines.get(i).ref().equals(ref)) {
                return pipelines.get(i).artifacts().get(job);
            }
        }
        return null;
    }

    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private static byte[] zip(Path projectDir, JsonNode paths) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (JsonNode p : paths) {
                Path from = projectDir.resolve(p.asText());
                if (!Files.exists(from)) {
                    continue;
                }
                try (var walk = Files.walk(from)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        zip.putNextEntry(new ZipEntry(projectDir.relativize(f).toString()));
                        zip.write(Files.readAllBytes(f));
                        zip.closeEntry();
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    /** {@code $A == "x" && $B == $C}: the forms the recipe's rules use. */
    static boolean ruleMatches(String expr, Map<String, String> vars) {
        boolean all = true;
        for (String clause : expr.split("&&")) {
            Matcher m = Pattern.compile("\\s*(\\$\\w+|\"[^\"]*\")\\s*(==|!=)\\s*(\\$\\w+|\"[^\"]*\")\\s*")
                    .matcher(clause);
            assertTrue(m.matches(), "rules:if not understood by the CI harness: " + expr);
            boolean eq = operand(m.group(1), vars).equals(operand(m.group(3), vars));
            all &= m.group(2).equals("==") == eq;
        }
        return all;
    }

    private static String operand(String o, Map<String, String> vars) {
        if (o.startsWith("\"")) {
            return o.substring(1, o.length() - 1);
        }
        String v = vars.get(o.substring(1));
        assertTrue(v != null, "variable " + o + " is not in the CI harness's table");
        return v;
    }

    @Override
    public void close() {
        api.stop(0);
    }
}
