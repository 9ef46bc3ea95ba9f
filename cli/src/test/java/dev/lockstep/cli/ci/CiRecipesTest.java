package dev.lockstep.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI recipes of examples/ci, run rather than linted. The GitHub workflow's jobs execute step by
 * step ({@link GithubRunner}) in fresh clones of a repository holding examples/ci, against one
 * {@code sandbox serve} as the shared cluster ({@link CiSandbox}: the clones' {@code ./lockstep} is a
 * shim running the CLI this build made, not the Maven-building launcher); two approvers sign with the
 * commands the PR comment prints; the apply job applies the approved plan file; the drift CronJob's
 * manifests go into the served Kubernetes emulator and its container's command runs
 * ({@link DriftCronJob}), reporting to a webhook on loopback. The GitLab pipeline's scripts run the
 * same way ({@link GitlabRunner}) against an emulation of the one GitLab API call they make.
 */
class CiRecipesTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String INFRA = "examples/ci/infra";
    private static final String WORKFLOW = "examples/ci/github-actions/lockstep.yml";
    private static final String BRANCH = "payments-cost-center";

    @TempDir
    Path tmp;

    /** The approvers' keys, made once for the class with `lockstep keygen`. */
    @TempDir
    static Path keys;

    @Test
    void githubPlanApproveApplyThenTheDriftCronJobReportsToTheWebhook() throws Exception {
        try (CiSandbox s = CiSandbox.start(tmp, REPO); Webhook webhook = Webhook.start()) {
            Approvers approvers = Approvers.create(s, keys);
            s.commitInOrigin("lockstep CI recipes, with two approvers");
            openPullRequest(s);
            GithubActions github = new GithubActions(Files.createDirectories(tmp.resolve("artifacts")));

            // 1. the plan job on the opened pull request
            String head1 = s.sha(BRANCH);
            GithubActions.WorkflowRun run1 = github.startRun(BRANCH, "pull_request");
            GithubRunner.JobResult plan = job(s, github, "plan", "plan-1", BRANCH,
                    prEvent("opened", null, head1, run1.id, false, null));
            github.endRun(plan.success());
            assertTrue(plan.success(), plan.log());
            assertEquals("true", plan.outputs().get("changes").get("replan"));
            assertEquals("0", plan.outputs().get("plan").get("exit_code"));
            Path artifact = github.artifact(run1, "lockstep-plan");
            assertNotNull(artifact, "the plan artifact");
            for (String f : List.of("lockstep.plan", "lockstep.plan.sha256", "plan.md", "lockstep.sarif")) {
                assertTrue(Files.isRegularFile(artifact.resolve(f)), f + " in the artifact");
            }
            String digest = Files.readString(artifact.resolve("lockstep.plan.sha256")).strip();
            assertTrue(plan.summary().contains("## lockstep plan") && plan.summary().contains("4 to add")
                    && plan.summary().contains(digest), plan.summary());
            String comment = github.comments.get("lockstep-plan");
            assertNotNull(comment, "the PR comment");
            assertTrue(comment.contains("## lockstep plan") && comment.contains("### Approve this plan"), comment);
            assertEquals("2.1.0", github.codeScanning.get("lockstep").path("version").asText());

            // 2. the first approver follows the comment's commands and pushes the signature
            approvers.approve(s, "alice", comment, artifact, digest);
            // the push of a signature runs the plan job again: it keeps the plan (no new artifact)
            String head2 = s.sha(BRANCH);
            GithubActions.WorkflowRun run2 = github.startRun(BRANCH, "pull_request");
            GithubRunner.JobResult again = job(s, github, "plan", "plan-2", BRANCH,
                    prEvent("synchronize", head1, head2, run2.id, false, null));
            github.endRun(again.success());
            assertTrue(again.success(), again.log());
            assertEquals("false", again.outputs().get("changes").get("replan"));
            assertFalse(again.step("plan").ran(), "no new plan");
            assertNull(github.artifact(run2, "lockstep-plan"), "no new artifact");

            // 3. merged with one signature: the apply job refuses the plan (exit 5) and changes nothing
            String early = merge(s, "early-merge");
            GithubActions.WorkflowRun run3 = github.startRun("main", "pull_request");
            GithubRunner.JobResult refused = job(s, github, "apply", "apply-early", "main",
                    prEvent("closed", null, head2, run3.id, true, early));
            github.endRun(refused.success());
            assertFalse(refused.success(), refused.log());
            assertEquals(5, refused.step("lockstep apply").code(), refused.log());
            try (KubernetesClient k = s.kubernetes()) {
                assertNull(k.namespaces().withName("payments").get(), "nothing applied");
            }

            // 4. the second approver signs; merged, the apply job applies the plan file of step 1
            approvers.approve(s, "bob", comment, artifact, digest);
            String head3 = s.sha(BRANCH);
            GithubActions.WorkflowRun run4 = github.startRun(BRANCH, "pull_request");
            GithubRunner.JobResult third = job(s, github, "plan", "plan-3", BRANCH,
                    prEvent("synchronize", head2, head3, run4.id, false, null));
            github.endRun(third.success());
            assertEquals("false", third.outputs().get("changes").get("replan"), third.log());
            String merged = merge(s, "main");
            GithubActions.WorkflowRun run5 = github.startRun("main", "pull_request");
            GithubRunner.JobResult apply = job(s, github, "apply", "apply", "main",
                    prEvent("closed", null, head3, run5.id, true, merged));
            github.endRun(apply.success());
            assertTrue(apply.success(), apply.log());
            String shown = apply.step("lockstep show").output();
            assertTrue(shown.contains("(enough to apply)") && shown.contains("alice@example.com")
                    && shown.contains("bob@example.com"), shown);
            assertTrue(refused.step("lockstep show").output().contains("(not enough to apply)"), refused.log());
            try (KubernetesClient k = s.kubernetes()) {
                assertEquals("cc-42", k.namespaces().withName("payments").get().getMetadata().getLabels()
                        .get("cost-center"));
                assertNotNull(k.network().networkPolicies().inNamespace("payments").withName("default-deny").get());
                assertNotNull(k.rbac().roles().inNamespace("payments").withName("deployer").get());
                assertNotNull(k.rbac().roleBindings().inNamespace("payments").withName("deployers").get());
            }

            // 5. the drift CronJob, as the cluster runs it
            DriftCronJob cron = new DriftCronJob(REPO.resolve("examples/ci/drift-cronjob"));
            cron.assertReadOnly();
            cron.assertBindingsReachTheServiceAccount();
            Path main = s.clone("drift-config", "main");
            try (KubernetesClient k = s.kubernetes()) {
                cron.apply(k);
                k.secrets().inNamespace("lockstep").resource(new SecretBuilder().withNewMetadata()
                        .withName("lockstep-drift").endMetadata()
                        .addToStringData("state-passphrase", CiSandbox.PASSPHRASE)
                        .addToStringData("webhook-url", webhook.url()).build()).create();
                // kubectl create configmap lockstep-drift-config --from-file=examples/ci/infra/
                Map<String, String> files = new LinkedHashMap<>();
                try (var list = Files.list(main.resolve(INFRA))) {
                    for (Path f : list.filter(Files::isRegularFile).toList()) {
                        files.put(f.getFileName().toString(), Files.readString(f));
                    }
                }
                k.configMaps().inNamespace("lockstep").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("lockstep-drift-config").endMetadata().withData(files).build()).create();

                Bash.Result clean = cron.run(k, main.resolve("lockstep"), nodeEnv(s), tmp.resolve("pod-1"));
                assertEquals(0, clean.code(), clean.output());
                assertTrue(webhook.bodies.isEmpty(), "no drift, no notification");

                // someone deletes the namespace's default-deny policy by hand
                k.network().networkPolicies().inNamespace("payments").withName("default-deny").delete();
                Bash.Result drift = cron.run(k, main.resolve("lockstep"), nodeEnv(s), tmp.resolve("pod-2"));
                assertEquals(2, drift.code(), drift.output());
                assertEquals(1, webhook.bodies.size(), "one notification");
                JsonNode report = GithubRunner.json().readTree(webhook.bodies.get(0));
                assertTrue(report.path("text").asText().contains("1 deleted outside lockstep"), report.toString());
                assertEquals("kubernetes_network_policy.default_deny",
                        report.path("changes").path(0).path("address").asText(), report.toString());
            }
        } finally {
            Approvers.cleanTmp();
        }
    }

    @Test
    void gitlabPlanApproveApplyAndAGithubPlanBlockedByAPolicyStillPublishesItsSummary() throws Exception {
        try (CiSandbox s = CiSandbox.start(tmp, REPO);
                GitlabRunner gitlab = new GitlabRunner(REPO.resolve("examples/ci/gitlab-ci.yml"))) {
            Approvers approvers = Approvers.create(s, keys);
            s.commitInOrigin("lockstep CI recipes, with two approvers");
            openPullRequest(s);
            String ref = "refs/merge-requests/7/head";

            // the merge request pipeline plans; its apply job is not part of it
            String head1 = s.sha(BRANCH);
            Path plan1 = s.clone("gl-plan-1", BRANCH);
            assertFalse(gitlab.run("lockstep-apply", plan1, ref, mrVars(head1), s.runnerEnv()).ran());
            GitlabRunner.JobResult planned = gitlab.run("lockstep-plan", plan1, ref, mrVars(head1), s.runnerEnv());
            assertEquals(0, planned.code(), planned.output());
            assertTrue(planned.output().contains("4 to add"), planned.output());
            Path first = Files.createDirectories(tmp.resolve("gl-artifacts-1"));
            unzip(gitlab.lastArtifacts(ref, "lockstep-plan"), first);
            for (String f : List.of("lockstep.plan", "lockstep.plan.sha256", "plan.md", "lockstep.sarif", "plan-commit")) {
                assertTrue(Files.isRegularFile(first.resolve("lockstep-plan").resolve(f)), f + " in the artifacts");
            }
            assertEquals("2.1.0", GithubRunner.json().readTree(first.resolve("lockstep-plan/lockstep.sarif").toFile())
                    .path("version").asText());
            String digest = Files.readString(first.resolve("lockstep-plan/lockstep.plan.sha256")).strip();

            // two approvers follow the log; each push runs the plan job, which publishes the same plan again
            for (String who : List.of("alice", "bob")) {
                approvers.approveFromLog(s, who, planned.output(), gitlab.lastArtifacts(ref, "lockstep-plan"));
                String head = s.sha(BRANCH);
                GitlabRunner.JobResult kept = gitlab.run("lockstep-plan", s.clone("gl-plan-" + who, BRANCH), ref,
                        mrVars(head), s.runnerEnv());
                assertEquals(0, kept.code(), kept.output());
                assertTrue(kept.output().contains("Only approvals changed"), kept.output());
                Path again = Files.createDirectories(tmp.resolve("gl-artifacts-" + who));
                unzip(gitlab.lastArtifacts(ref, "lockstep-plan"), again);
                assertEquals(-1L, Files.mismatch(first.resolve("lockstep-plan/lockstep.plan"),
                        again.resolve("lockstep-plan/lockstep.plan")), "the same plan file");
            }

            // merged: the default branch's pipeline applies the merge request's plan
            CiSandbox.git(s.origin, "merge", "-q", "--no-ff", "-m", "Merge branch '" + BRANCH + "' into 'main'\n\n"
                    + "payments: cost center label\n\nSee merge request platform/infra!7", BRANCH);
            Path apply = s.clone("gl-apply", "main");
            Map<String, String> push = new HashMap<>();
            push.put("CI_PIPELINE_SOURCE", "push");
            push.put("CI_COMMIT_BRANCH", "main");
            push.put("CI_DEFAULT_BRANCH", "main");
            push.put("CI_COMMIT_SHA", s.sha("main"));
            push.put("LOCKSTEP_VAR_state_passphrase", CiSandbox.PASSPHRASE);
            push.put("CI_COMMIT_MESSAGE", CiSandbox.git(s.origin, "log", "-1", "--format=%B", "main"));
            assertFalse(gitlab.run("lockstep-plan", apply, "main", push, s.runnerEnv()).ran());
            GitlabRunner.JobResult applied = gitlab.run("lockstep-apply", apply, "main", push, s.runnerEnv());
            assertEquals(0, applied.code(), applied.output());
            assertTrue(applied.output().contains("merge request !7, plan sha256 " + digest + ": 2 signature(s)"),
                    applied.output());
            assertTrue(gitlab.requests().stream().anyMatch(r -> r.contains("refs%2Fmerge-requests%2F7%2Fhead")),
                    gitlab.requests().toString());
            try (KubernetesClient k = s.kubernetes()) {
                assertEquals("cc-42", k.namespaces().withName("payments").get().getMetadata().getLabels()
                        .get("cost-center"));
            }

            // a GitHub pull request whose Role grants every verb on every resource: blocked (exit 3)
            CiSandbox.git(s.origin, "checkout", "-q", "-b", "wildcard-role");
            Path hcl = s.origin.resolve(INFRA).resolve("main.hcl");
            String text = Files.readString(hcl);
            String wild = text.replace("resources  = [\"deployments\"]", "resources  = [\"*\"]")
                    .replace("verbs      = [\"get\", \"list\", \"watch\", \"create\", \"update\", \"patch\"]\n  }\n  rule",
                            "verbs      = [\"*\"]\n  }\n  rule");
            assertFalse(wild.equals(text));
            Files.writeString(hcl, wild);
            CiSandbox.git(s.origin, "commit", "-q", "-am", "deployer: everything");
            CiSandbox.git(s.origin, "checkout", "-q", "main");
            GithubActions github = new GithubActions(Files.createDirectories(tmp.resolve("artifacts")));
            GithubActions.WorkflowRun run = github.startRun("wildcard-role", "pull_request");
            Map<String, Object> event = prEvent("opened", null, s.sha("wildcard-role"), run.id, false, null);
            GithubRunner.JobResult blocked = job(s, github, "plan", "blocked", "wildcard-role", event);
            github.endRun(blocked.success());
            assertFalse(blocked.success(), blocked.log());
            assertEquals("3", blocked.outputs().get("plan").get("exit_code"), blocked.log());
            assertTrue(blocked.summary().contains("k8s-rbac-wildcard-all")
                    && blocked.summary().contains("A mandatory policy blocked this plan"), blocked.summary());
            assertTrue(github.comments.get("lockstep-plan").contains("k8s-rbac-wildcard-all"));
            Path artifact = github.artifact(run, "lockstep-plan");
            assertTrue(Files.isRegularFile(artifact.resolve("plan.md")), "plan.md is published");
            assertFalse(Files.exists(artifact.resolve("lockstep.plan")), "no plan file");
            assertEquals(3, blocked.step("Fail when a mandatory policy blocked the plan").code());
        } finally {
            Approvers.cleanTmp();
        }
    }

    private static Map<String, String> mrVars(String sha) {
        Map<String, String> v = new HashMap<>();
        v.put("CI_PIPELINE_SOURCE", "merge_request_event");
        v.put("CI_MERGE_REQUEST_IID", "7");
        v.put("CI_COMMIT_SHA", sha);
        v.put("CI_COMMIT_BRANCH", "");
        v.put("CI_DEFAULT_BRANCH", "main");
        v.put("LOCKSTEP_VAR_state_passphrase", CiSandbox.PASSPHRASE);
        return v;
    }

    // --- the pull request, its events and the jobs --------------------------------------------------

    /** A branch that labels the team namespace with a cost center. */
    private static void openPullRequest(CiSandbox s) throws Exception {
        CiSandbox.git(s.origin, "checkout", "-q", "-b", BRANCH);
        Path main = s.origin.resolve(INFRA).resolve("main.hcl");
        String hcl = Files.readString(main);
        String changed = hcl.replace("labels = { \"team\" = var.team.name }",
                "labels = { \"team\" = var.team.name, \"cost-center\" = \"cc-42\" }");
        assertFalse(hcl.equals(changed), "the namespace labels line is in main.hcl");
        Files.writeString(main, changed);
        CiSandbox.git(s.origin, "commit", "-q", "-am", "payments: cost center label");
        CiSandbox.git(s.origin, "checkout", "-q", "main");
    }

    /** Merges the pull request's branch into {@code into} (created from main if new); returns the merge commit. */
    private static String merge(CiSandbox s, String into) throws Exception {
        if (!into.equals("main")) {
            CiSandbox.git(s.origin, "branch", into, "main");
        }
        CiSandbox.git(s.origin, "checkout", "-q", into);
        CiSandbox.git(s.origin, "merge", "-q", "--no-ff", "-m", "Merge pull request #7 from " + BRANCH, BRANCH);
        String sha = s.sha("HEAD");
        CiSandbox.git(s.origin, "checkout", "-q", "main");
        return sha;
    }

    /** The expression table of a pull_request event: every ${{ }} the workflow may use, nothing else. */
    private static Map<String, Object> prEvent(String action, String before, String headSha, long runId,
            boolean merged, String mergeCommit) {
        Map<String, Object> t = new HashMap<>();
        t.put("github.event.action", action);
        t.put("github.event.before", before);
        t.put("github.event.pull_request.number", 7.0);
        t.put("github.event.pull_request.head.sha", headSha);
        t.put("github.event.pull_request.head.ref", BRANCH);
        t.put("github.event.pull_request.merged", merged);
        t.put("github.event.pull_request.merge_commit_sha", mergeCommit);
        t.put("github.run_id", Long.toString(runId));
        t.put("secrets.LOCKSTEP_STATE_PASSPHRASE", CiSandbox.PASSPHRASE);
        return t;
    }

    private GithubRunner.JobResult job(CiSandbox s, GithubActions github, String jobId, String runner, String branch,
            Map<String, Object> event) throws Exception {
        Path clone = s.clone(runner, branch);
        Map<String, Object> table = new HashMap<>(event);
        table.put("secrets.KUBECONFIG", Files.readString(s.sandboxDir.resolve("kubeconfig")));
        table.put("runner.temp", tmp.resolve("runner-temp").resolve(runner).toString());
        return new GithubRunner(clone.resolve(WORKFLOW)).run(jobId, clone, table, s.runnerEnv(), github);
    }

    /** The node's environment for the drift pod: the cluster is the sandbox; HOME is read-only. */
    private Map<String, String> nodeEnv(CiSandbox s) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        Path home = Files.createDirectories(tmp.resolve("pod-home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));
        env.put("HOME", home.toString());
        env.put("LOCKSTEP_SANDBOX", "1");
        env.put("LOCKSTEP_SANDBOX_DIR", s.sandboxDir.toString());
        return env;
    }

    // --- approvers -----------------------------------------------------------------------------------

    /** Two approvers' keys made with `lockstep keygen`, listed in approvers.pub of the repository. */
    static final class Approvers {
        private final Path keys;

        private Approvers(Path keys) {
            this.keys = keys;
        }

        static Approvers create(CiSandbox s, Path keys) throws Exception {
            Files.createDirectories(keys);
            StringBuilder pub = new StringBuilder();
            for (String who : List.of("alice", "bob")) {
                if (Files.exists(keys.resolve(who))) {
                    pub.append(Files.readString(keys.resolve(who + ".pub")).strip()).append('\n');
                    continue; // made by the other test of this class
                }
                Bash.Result r = s.lockstep(s.origin, "keygen", "-f", keys.resolve(who).toString(),
                        "--comment", who + "@example.com");
                assertEquals(0, r.code(), r.output());
                pub.append(Files.readString(keys.resolve(who + ".pub")).strip()).append('\n');
            }
            Files.writeString(s.origin.resolve(INFRA).resolve("approvers.pub"), pub.toString());
            return new Approvers(keys);
        }

        /**
         * An approver runs the commands of the PR comment in a clone of the branch, the download
         * ({@code gh run download}) replaced by a copy of the artifact, with their key at
         * {@code ~/.ssh/lockstep_approver}.
         */
        void approve(CiSandbox s, String who, String comment, Path artifact, String digest) throws Exception {
            Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(comment);
            assertTrue(m.find(), "the comment has the approval commands");
            List<String> lines = new ArrayList<>(List.of(m.group(1).split("\n")));
            String download = lines.remove(0);
            Path to = Path.of("/tmp/lockstep-plan-" + digest);
            assertEquals("gh run download " + download.split(" ")[3] + " -n lockstep-plan -D " + to, download);
            copyFiles(artifact, to);
            run(s, who, "reviewer-" + who, lines);
            deleteTree(to);
        }

        /**
         * An approver follows the GitLab plan job's log: the job's artifacts unpacked in a clone of the
         * branch, then the printed commands.
         */
        void approveFromLog(CiSandbox s, String who, String log, byte[] artifactsZip) throws Exception {
            int at = log.indexOf("To approve plan sha256 ");
            assertTrue(at >= 0, "the job log has the approval commands: " + log);
            List<String> lines = new ArrayList<>();
            for (String line : log.substring(at).split("\n")) {
                if (line.startsWith("  ")) {
                    lines.add(line.strip());
                } else if (!lines.isEmpty()) {
                    break;
                }
            }
            assertEquals(4, lines.size(), "four commands: " + lines);
            Path clone = s.clone("gl-reviewer-" + who, BRANCH);
            unzip(artifactsZip, clone);
            runIn(s, who, clone, lines);
        }

        private void run(CiSandbox s, String who, String cloneName, List<String> lines) throws Exception {
            runIn(s, who, s.clone(cloneName, BRANCH), lines);
        }

        private void runIn(CiSandbox s, String who, Path clone, List<String> lines) throws Exception {
            Map<String, String> env = s.runnerEnv();
            Path home = Files.createDirectories(s.root.resolve("home-" + who));
            Files.createDirectories(home.resolve(".ssh"));
            Files.copy(keys.resolve(who), home.resolve(".ssh/lockstep_approver"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            env.put("HOME", home.toString());
            env.put("LOCKSTEP_VAR_state_passphrase", CiSandbox.PASSPHRASE); // approve decrypts the plan
            Bash.Result r = Bash.run(String.join("\n", lines) + "\n", clone, env, s.root.resolve("scripts"));
            assertEquals(0, r.code(), r.output());
        }

        static void cleanTmp() throws Exception {
            try (var list = Files.list(Path.of("/tmp"))) {
                for (Path p : list.filter(p -> p.getFileName().toString().startsWith("lockstep-plan-")).toList()) {
                    deleteTree(p);
                }
            }
        }

        private static void deleteTree(Path p) throws Exception {
            if (!Files.exists(p)) {
                return;
            }
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }

    static void copyFiles(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void unzip(byte[] zip, Path into) throws Exception {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
    }

    // --- webhook -------------------------------------------------------------------------------------

    /** A Slack-style incoming webhook on loopback that keeps the bodies it receives. */
    static final class Webhook implements AutoCloseable {
        final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        private final HttpServer server;

        private Webhook(HttpServer server) {
            this.server = server;
        }

        static Webhook start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Webhook w = new Webhook(server);
            server.createContext("/hooks/drift", ex -> {
                w.bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                ex.sendResponseHeaders(200, 2);
                ex.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
                ex.close();
            });
            server.start();
            return w;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/drift";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
