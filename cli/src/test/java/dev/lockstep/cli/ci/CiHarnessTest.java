package dev.lockstep.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI harness refuses what it does not emulate, so that a recipe cannot silently use it: an
 * expression outside the table, an unknown action or action input, an unknown job key; and it
 * evaluates what it does the way GitHub does (implicit success(), case-insensitive strings).
 */
class CiHarnessTest {

    @TempDir
    Path tmp;

    private static GithubExpressions.Context table(Map<String, Object> t, boolean success) {
        return new GithubExpressions.Context() {
            @Override
            public Object lookup(String path) {
                if (!t.containsKey(path)) {
                    throw new AssertionError("not in the table: " + path);
                }
                return t.get(path);
            }

            @Override
            public boolean success() {
                return success;
            }
        };
    }

    @Test
    void expressionsEvaluateAsGithubDoesAndRefuseTheUnknown() {
        Map<String, Object> t = new HashMap<>();
        t.put("github.event.action", "Closed");
        t.put("github.event.pull_request.merged", true);
        t.put("steps.plan.outputs.exit_code", "3");
        t.put("github.event.before", null);
        assertTrue(GithubExpressions.condition(
                "github.event.action == 'closed' && github.event.pull_request.merged == true", table(t, true)));
        assertFalse(GithubExpressions.condition("github.event.action != 'closed'", table(t, true)));
        assertTrue(GithubExpressions.condition("steps.plan.outputs.exit_code == 3", table(t, true)));
        assertFalse(GithubExpressions.condition("steps.plan.outputs.exit_code == '3'", table(t, false)),
                "implicit success()");
        assertTrue(GithubExpressions.condition("always() && steps.plan.outputs.exit_code == '3'", table(t, false)));
        assertEquals("a--b", GithubExpressions.substitute("a-${{ github.event.before }}-b", table(t, true)));
        AssertionError unknown = assertThrows(AssertionError.class,
                () -> GithubExpressions.substitute("${{ github.repository }}", table(t, true)));
        assertTrue(unknown.getMessage().contains("github.repository"));
        assertThrows(AssertionError.class, () -> GithubExpressions.condition("contains(github.event.action, 'c')",
                table(t, true)));
        assertThrows(AssertionError.class, () -> GithubExpressions.condition("github.event.action[0] == 'c'",
                table(t, true)));
    }

    @Test
    void unknownActionsInputsAndKeysFail() throws Exception {
        GithubActions actions = new GithubActions(Files.createDirectories(tmp.resolve("store")));
        actions.startRun("b", "pull_request");
        assertThrows(AssertionError.class, () -> actions.run("actions/cache@v4", Map.of(), tmp));
        assertThrows(AssertionError.class, () -> actions.run("actions/checkout@v4", Map.of("submodules", "true"),
                tmp));
        assertThrows(AssertionError.class, () -> actions.run("actions/setup-java@v4", Map.of("java-version", "21"),
                tmp));
        Path wf = tmp.resolve("wf.yml");
        Files.writeString(wf, """
                name: x
                on: pull_request
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    services: {db: {image: postgres}}
                    steps:
                      - run: "true"
                """);
        GithubRunner runner = new GithubRunner(wf);
        AssertionError key = assertThrows(AssertionError.class, () -> runner.run("a", tmp,
                Map.of("runner.temp", tmp.resolve("t").toString()), Map.of("PATH", System.getenv("PATH")), actions));
        assertTrue(key.getMessage().contains("services"), key.getMessage());
    }

    @Test
    void runStepsUseTheRunnersFilesAndStopAtTheFirstFailure() throws Exception {
        Path wf = tmp.resolve("wf.yml");
        Files.writeString(wf, """
                name: x
                on: pull_request
                env:
                  A: from-workflow
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - id: one
                        run: |
                          echo "v=$A" >> "$GITHUB_OUTPUT"
                          echo "B=from-env-file" >> "$GITHUB_ENV"
                          echo "# hello" >> "$GITHUB_STEP_SUMMARY"
                      - id: two
                        run: |
                          test "$B" = from-env-file
                          echo "B arrived"
                          false | true
                          exit 7
                      - id: three
                        run: echo never
                      - id: four
                        if: always() && steps.one.outputs.v == 'from-workflow'
                        run: echo always
                """);
        GithubActions actions = new GithubActions(Files.createDirectories(tmp.resolve("store")));
        actions.startRun("b", "pull_request");
        GithubRunner.JobResult r = new GithubRunner(wf).run("a", tmp, Map.of("runner.temp",
                tmp.resolve("t").toString()), Map.of("PATH", System.getenv("PATH")), actions);
        assertFalse(r.success());
        assertEquals(1, r.step("two").code(), "pipefail stops at false | true, before exit 7: " + r.log());
        assertTrue(r.step("two").output().contains("B arrived"), r.log());
        assertFalse(r.step("three").ran());
        assertTrue(r.step("four").ran() && r.step("four").output().contains("always"), r.log());
        assertEquals("# hello\n", r.summary());
    }

    @Test
    void gitlabRulesNeedTheirVariablesInTheTable() {
        Map<String, String> vars = Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "main",
                "CI_DEFAULT_BRANCH", "main");
        assertTrue(GitlabRunner.ruleMatches(
                "$CI_PIPELINE_SOURCE == \"push\" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", vars));
        assertFalse(GitlabRunner.ruleMatches("$CI_PIPELINE_SOURCE == \"merge_request_event\"", vars));
        assertThrows(AssertionError.class, () -> GitlabRunner.ruleMatches("$CI_COMMIT_TAG == \"v1\"", vars));
        assertThrows(AssertionError.class, () -> GitlabRunner.ruleMatches("$CI_COMMIT_BRANCH =~ /^main$/", vars));
    }
}
