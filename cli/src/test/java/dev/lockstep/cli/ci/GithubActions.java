package dev.lockstep.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code uses:} steps the recipes may use, emulated, and nothing else: an unknown action, or an
 * input an emulation does not handle, fails the test. Artifacts are kept per workflow run (its branch,
 * event and conclusion), so that the download of the apply job searches them as
 * dawidd6/action-download-artifact does with {@code search_artifacts}.
 */
final class GithubActions {

    /** An emulated action's result. */
    record Outcome(boolean ok, String message) {
    }

    /** A workflow run and the artifacts it uploaded (each a directory). */
    static final class WorkflowRun {
        final long id;
        final String branch;
        final String event;
        String conclusion = "in_progress";
        final Map<String, Path> artifacts = new LinkedHashMap<>();

        WorkflowRun(long id, String branch, String event) {
            this.id = id;
            this.branch = branch;
            this.event = event;
        }
    }

    private final Path store;
    private final List<WorkflowRun> runs = new ArrayList<>();
    /** The PR comments by header, as the sticky comment action keeps one per header. */
    final Map<String, String> comments = new LinkedHashMap<>();
    /** The SARIF reports uploaded to code scanning, by category. */
    final Map<String, JsonNode> codeScanning = new LinkedHashMap<>();
    private WorkflowRun current;

    GithubActions(Path store) {
        this.store = store;
    }

    /** Starts a workflow run: the artifacts uploaded from now on belong to it. */
    WorkflowRun startRun(String branch, String event) {
        current = new WorkflowRun(runs.size() + 1000L, branch, event);
        runs.add(current);
        return current;
    }

    /** Ends the current run with its conclusion. */
    void endRun(boolean success) {
        current.conclusion = success ? "success" : "failure";
    }

    Outcome run(String uses, Map<String, String> with, Path workspace) throws IOException, InterruptedException {
        String action = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
        switch (action) {
            case "actions/checkout":
                return checkout(with, workspace);
            case "actions/setup-java":
                inputs(action, with, Set.of("distribution", "java-version", "cache"));
                require(with, "java-version", "17");
                return new Outcome(true, "java " + System.getProperty("java.version") + " (the test's JVM)");
            case "actions/upload-artifact":
                return upload(with, workspace);
            case "marocchino/sticky-pull-request-comment":
                return comment(with, workspace);
            case "github/codeql-action/upload-sarif":
                return sarif(with, workspace);
            case "dawidd6/action-download-artifact":
                return download(with, workspace);
            default:
                throw new AssertionError("action not emulated by the CI harness: " + uses);
        }
    }

    private static Outcome checkout(Map<String, String> with, Path workspace) throws IOException,
            InterruptedException {
        inputs("actions/checkout", with, Set.of("fetch-depth", "ref"));
        if (with.containsKey("ref")) {
            Bash.Result r = Bash.run("git checkout -q --detach \"$1\"".replace("$1", with.get("ref")), workspace,
                    Map.of("PATH", System.getenv("PATH"), "HOME", workspace.toString()), workspace.resolve(".git/ci"));
            return new Outcome(r.code() == 0, "checkout " + with.get("ref") + "\n" + r.output());
        }
        return new Outcome(true, "the working copy is the checkout");
    }

    private Outcome upload(Map<String, String> with, Path workspace) throws IOException {
        inputs("actions/upload-artifact", with, Set.of("name", "path", "if-no-files-found"));
        Path dir = Files.createDirectories(store.resolve(current.id + "-" + with.get("name")));
        List<String> found = new ArrayList<>();
        for (String line : with.get("path").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Path p = workspace.resolve(line.strip());
            if (Files.isRegularFile(p)) {
                Files.copy(p, dir.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                found.add(p.getFileName().toString());
            } else if (Files.exists(p)) {
                throw new AssertionError("only files are emulated in upload-artifact paths: " + line);
            }
        }
        if (found.isEmpty() && "error".equals(with.get("if-no-files-found"))) {
            return new Outcome(false, "No files were found with the provided path");
        }
        current.artifacts.put(with.get("name"), dir);
        return new Outcome(true, "uploaded " + found);
    }

    private Outcome comment(Map<String, String> with, Path workspace) throws IOException {
        inputs("marocchino/sticky-pull-request-comment", with, Set.of("header", "path"));
        Path body = workspace.resolve(with.get("path"));
        if (!Files.isRegularFile(body)) {
            return new Outcome(false, "no comment body at " + with.get("path"));
        }
        String text = Files.readString(body, StandardCharsets.UTF_8);
        if (!text.contains("## lockstep plan") || text.length() > 65536) {
            return new Outcome(false, "the comment body is not a Markdown plan of at most 65536 characters");
        }
        comments.put(with.get("header"), text);
        return new Outcome(true, "comment " + with.get("header"));
    }

    private Outcome sarif(Map<String, String> with, Path workspace) throws IOException {
        inputs("github/codeql-action/upload-sarif", with, Set.of("sarif_file", "category"));
        Path file = workspace.resolve(with.get("sarif_file"));
        if (!Files.isRegularFile(file)) {
            return new Outcome(false, "Path does not exist: " + with.get("sarif_file"));
        }
        JsonNode sarif = GithubRunner.json().readTree(file.toFile());
        if (!"2.1.0".equals(sarif.path("version").asText()) || !sarif.path("runs").isArray()
                || !sarif.path("$schema").asText().contains("sarif")) {
            return new Outcome(false, "not a SARIF 2.1.0 log: " + file);
        }
        codeScanning.put(with.get("category"), sarif);
        return new Outcome(true, "SARIF uploaded");
    }

    private Outcome download(Map<String, String> with, Path workspace) throws IOException {
        inputs("dawidd6/action-download-artifact", with,
                Set.of("workflow", "branch", "event", "workflow_conclusion", "name", "search_artifacts", "path"));
        require(with, "workflow_conclusion", "success");
        require(with, "search_artifacts", "true");
        require(with, "workflow", "lockstep.yml");
        for (int i = runs.size() - 1; i >= 0; i--) {
            WorkflowRun r = runs.get(i);
            if (r.branch.equals(with.get("branch")) && r.event.equals(with.get("event"))
                    && r.conclusion.equals("success") && r.artifacts.containsKey(with.get("name"))) {
                Path to = Files.createDirectories(workspace.resolve(with.get("path")));
                try (var files = Files.list(r.artifacts.get(with.get("name")))) {
                    for (Path f : files.toList()) {
                        Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return new Outcome(true, "downloaded " + with.get("name") + " of run " + r.id);
            }
        }
        return new Outcome(false, "no artifact " + with.get("name") + " found");
    }

    /** The artifact a run uploaded under that name, or null. */
    Path artifact(WorkflowRun run, String name) {
        return run.artifacts.get(name);
    }

    private static void inputs(String action, Map<String, String> with, Set<String> allowed) {
        for (String k : with.keySet()) {
            if (!allowed.contains(k)) {
                throw new AssertionError("input '" + k + "' of " + action + " is not emulated by the CI harness");
            }
        }
    }

    private static void require(Map<String, String> with, String key, String value) {
        if (!value.equals(with.get(key))) {
            throw new AssertionError("the emulation expects " + key + ": " + value + ", not " + with.get(key));
        }
    }
}
