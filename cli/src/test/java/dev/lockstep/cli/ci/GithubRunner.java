package dev.lockstep.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes one job of a GitHub Actions workflow file on a local working copy: each step in order,
 * {@code if:} conditions and {@code ${{ }}} expressions evaluated by {@link GithubExpressions} against
 * an explicit table (the event, the secrets, {@code runner.temp}) plus {@code env.*} and
 * {@code steps.ID.outputs.*}, {@code run:} steps through {@link Bash} with the runner's
 * {@code GITHUB_OUTPUT}, {@code GITHUB_ENV} and {@code GITHUB_STEP_SUMMARY} files, and {@code uses:}
 * steps by {@link GithubActions}, which knows a fixed list of actions. A key, an expression or an
 * action the harness does not handle fails the test: the recipe cannot use something this does not run.
 */
final class GithubRunner {

    private static final Set<String> WORKFLOW_KEYS = Set.of("name", "on", "permissions", "env", "jobs");
    private static final Set<String> JOB_KEYS = Set.of("if", "runs-on", "permissions", "concurrency", "env", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "name", "if", "env", "run", "uses", "with");

    /** One step's outcome. */
    record StepResult(String name, boolean ran, int code, String output) {
    }

    /** A job's outcome: its steps, whether it succeeded, its summary and step outputs. */
    record JobResult(List<StepResult> steps, boolean success, String summary, Map<String, Map<String, String>> outputs) {

        /** The step of that id or name. */
        StepResult step(String nameOrId) {
            return steps.stream().filter(s -> s.name().equals(nameOrId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no step " + nameOrId + " in " + steps));
        }

        String log() {
            StringBuilder b = new StringBuilder();
            for (StepResult s : steps) {
                b.append("--- ").append(s.name()).append(s.ran() ? " (exit " + s.code() + ")" : " (skipped)")
                        .append('\n').append(s.output());
            }
            return b.toString();
        }
    }

    private final JsonNode workflow;

    GithubRunner(Path workflowFile) throws IOException {
        this.workflow = new YAMLMapper().readTree(workflowFile.toFile());
        checkKeys(workflow, WORKFLOW_KEYS, "workflow");
    }

    JsonNode workflow() {
        return workflow;
    }

    /**
     * Runs a job. {@code table} answers {@code github.*}, {@code secrets.*} and {@code runner.*};
     * {@code runnerEnv} is the runner machine's environment (PATH, HOME, the sandbox's variables).
     */
    JobResult run(String jobId, Path workspace, Map<String, Object> table, Map<String, String> runnerEnv,
            GithubActions actions) throws IOException, InterruptedException {
        JsonNode job = workflow.path("jobs").path(jobId);
        assertTrue(job.isObject(), "no job " + jobId);
        checkKeys(job, JOB_KEYS, "job " + jobId);
        Path temp = Path.of(String.valueOf(table.get("runner.temp")));
        Files.createDirectories(temp);
        Map<String, String> env = new LinkedHashMap<>(runnerEnv);
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("RUNNER_TEMP", temp.toString());
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        boolean[] ok = {true};
        GithubExpressions.Context ctx = new GithubExpressions.Context() {
            @Override
            public Object lookup(String path) {
                if (path.startsWith("env.")) {
                    String v = env.get(path.substring(4));
                    if (v == null) {
                        throw new AssertionError("env." + path.substring(4) + " is not set in job " + jobId);
                    }
                    return v;
                }
                if (path.startsWith("steps.")) {
                    String[] p = path.split("\\.");
                    assertEquals(4, p.length, "steps path " + path);
                    assertEquals("outputs", p[2], "only steps.ID.outputs.NAME is emulated: " + path);
                    assertTrue(stepIds(job).contains(p[1]), "no step with id " + p[1] + " in job " + jobId);
                    return outputs.getOrDefault(p[1], Map.of()).getOrDefault(p[3], "");
                }
                if (!table.containsKey(path)) {
                    throw new AssertionError("expression ${{ " + path + " }} is not in the CI harness's table");
                }
                return table.get(path);
            }

            @Override
            public boolean success() {
                return ok[0];
            }
        };
        if (job.has("if") && !GithubExpressions.condition(job.get("if").asText(), ctx)) {
            return new JobResult(List.of(), true, "", outputs);
        }
        JsonNode concurrency = job.path("concurrency");
        if (!concurrency.isMissingNode()) {
            // sequential runs never race; the group must still evaluate
            GithubExpressions.substitute(concurrency.path("group").asText(), ctx);
            checkKeys(concurrency, Set.of("group", "cancel-in-progress"), "concurrency");
        }
        putEnv(env, workflow.path("env"), ctx);
        putEnv(env, job.path("env"), ctx);
        StringBuilder summary = new StringBuilder();
        List<StepResult> results = new ArrayList<>();
        int index = 0;
        for (JsonNode step : job.path("steps")) {
            index++;
            checkKeys(step, STEP_KEYS, "step " + index + " of " + jobId);
            String name = step.has("id") ? step.get("id").asText()
                    : step.has("name") ? step.get("name").asText() : step.path("uses").asText("step " + index);
            if (step.has("if") ? !GithubExpressions.condition(step.get("if").asText(), ctx) : !ok[0]) {
                results.add(new StepResult(name, false, 0, ""));
                continue;
            }
            Map<String, String> stepEnv = new LinkedHashMap<>(env);
            putEnv(stepEnv, step.path("env"), ctx);
            Path files = Files.createTempDirectory(temp, "github-files-");
            Path outputFile = Files.createFile(files.resolve("output"));
            Path envFile = Files.createFile(files.resolve("env"));
            Path summaryFile = Files.createFile(files.resolve("summary"));
            stepEnv.put("GITHUB_OUTPUT", outputFile.toString());
            stepEnv.put("GITHUB_ENV", envFile.toString());
            stepEnv.put("GITHUB_STEP_SUMMARY", summaryFile.toString());
            int code;
            String output;
            if (step.has("run")) {
                String script = GithubExpressions.substitute(step.get("run").asText(), ctx);
                Bash.Result r = Bash.run(script, workspace, stepEnv, temp.resolve("scripts"));
                code = r.code();
                output = r.output();
            } else if (step.has("uses")) {
                Map<String, String> with = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = step.path("with").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    with.put(e.getKey(), GithubExpressions.substitute(e.getValue().asText(), ctx));
                }
                GithubActions.Outcome o = actions.run(step.get("uses").asText(), with, workspace);
                code = o.ok() ? 0 : 1;
                output = o.message();
            } else {
                throw new AssertionError("step " + name + " has neither run nor uses");
            }
            outputs.put(name, parseKeyValues(outputFile));
            env.putAll(parseKeyValues(envFile));
            summary.append(Files.readString(summaryFile, StandardCharsets.UTF_8));
            results.add(new StepResult(name, true, code, output));
            if (code != 0) {
                ok[0] = false;
            }
        }
        return new JobResult(results, ok[0], summary.toString(), outputs);
    }

    private static Set<String> stepIds(JsonNode job) {
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode s : job.path("steps")) {
            if (s.has("id")) {
                ids.add(s.get("id").asText());
            }
        }
        return ids;
    }

    private static void putEnv(Map<String, String> env, JsonNode node, GithubExpressions.Context ctx) {
        Map<String, String> evaluated = new HashMap<>();
        node.fields().forEachRemaining(e -> evaluated.put(e.getKey(),
                GithubExpressions.substitute(e.getValue().asText(), ctx)));
        env.putAll(evaluated);
    }

    /** The {@code name=value} and {@code name<<DELIMITER} lines of GITHUB_OUTPUT and GITHUB_ENV. */
    static Map<String, String> parseKeyValues(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).equals(delimiter)) {
                    value.append(value.length() == 0 ? "" : "\n").append(lines.get(i));
                    i++;
                }
                out.put(line.substring(0, heredoc), value.toString());
            } else if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            } else {
                throw new AssertionError("not a name=value line in " + file.getFileName() + ": " + line);
            }
        }
        return out;
    }

    static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        node.fieldNames().forEachRemaining(k -> assertTrue(allowed.contains(k),
                "the CI harness does not handle '" + k + "' in " + where));
    }

    static ObjectMapper json() {
        return new ObjectMapper();
    }
}
