package dev.lockstep.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The world the CI recipes run in: a git repository standing for the team's (examples/ci's files
 * laid out as in lockstep's repository, with a {@code lockstep} shim at its root), fresh clones of it
 * standing for runners, and one {@code lockstep sandbox serve} standing for the cluster they share.
 *
 * <p>The shim is the one honest shortcut: in the recipes {@code ./lockstep} is the repository's
 * launcher, which builds the distribution with Maven on a runner's first command. Here it execs the
 * CLI that this test run already built, as a child JVM on the test class path
 * ({@code java -cp $java.class.path dev.lockstep.cli.Main}), so that each clone does not spend a minute
 * building lockstep. Everything else, git included, is real.
 */
final class CiSandbox implements AutoCloseable {

    static final String PASSPHRASE = "correct horse battery staple, for the CI recipes";

    final Path root;
    final Path origin;
    final Path sandboxDir;
    private final Process serve;
    private final List<String> serveOut = Collections.synchronizedList(new ArrayList<>());

    private CiSandbox(Path root, Path origin, Path sandboxDir, Process serve) {
        this.root = root;
        this.origin = origin;
        this.sandboxDir = sandboxDir;
        this.serve = serve;
    }

    /** The repository, the emulators serving, and the state's namespace created (as a team does once). */
    static CiSandbox start(Path root, Path repoRoot) throws Exception {
        Path origin = Files.createDirectories(root.resolve("origin"));
        copyTree(repoRoot.resolve("examples/ci"), origin.resolve("examples/ci"));
        Path shim = origin.resolve("lockstep");
        Files.writeString(shim, shimScript());
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sandboxDir = root.resolve("cluster");
        git(origin, "init", "-q", "-b", "main");
        git(origin, "config", "receive.denyCurrentBranch", "updateInstead");
        Map<String, String> env = new LinkedHashMap<>(runnerEnv(sandboxDir, root));
        // serve reads no configuration: an empty directory, the data in LOCKSTEP_SANDBOX_DIR
        Path serveDir = Files.createDirectories(root.resolve("serve"));
        ProcessBuilder pb = new ProcessBuilder(shim.toString(), "-C", serveDir.toString(), "--no-color", "sandbox",
                "serve");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        CiSandbox sandbox = new CiSandbox(root, origin, sandboxDir, p);
        sandbox.pump();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (sandbox.serveOut.stream().noneMatch(l -> l.startsWith("S3")) && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive() && Files.exists(sandboxDir.resolve("kubeconfig")), "sandbox serve: " + sandbox.serveOut);
        try (KubernetesClient k = sandbox.kubernetes()) {
            k.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("lockstep").endMetadata().build()).create();
        }
        return sandbox;
    }

    private void pump() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    serveOut.add(line);
                }
            } catch (IOException e) {
                // gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** The shim: the already-built CLI in a child JVM (see the class comment). */
    private static String shimScript() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return "#!/bin/sh\n# test shim for the repository's ./lockstep launcher: the CLI this test run built\n"
                + "exec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss8m -cp '"
                + System.getProperty("java.class.path") + "' dev.lockstep.cli.Main \"$@\"\n";
    }

    /** The environment of a runner machine: a PATH, a HOME, and the cluster it reaches (the sandbox). */
    static Map<String, String> runnerEnv(Path sandboxDir, Path root) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", Files.createDirectories(root.resolve("home")).toString());
        env.put("LANG", "C.UTF-8");
        env.put("LOCKSTEP_SANDBOX", "1");
        env.put("LOCKSTEP_SANDBOX_DIR", sandboxDir.toString());
        env.put("GIT_AUTHOR_NAME", "ci");
        env.put("GIT_AUTHOR_EMAIL", "ci@example.com");
        env.put("GIT_COMMITTER_NAME", "ci");
        env.put("GIT_COMMITTER_EMAIL", "ci@example.com");
        return env;
    }

    Map<String, String> runnerEnv() throws IOException {
        return runnerEnv(sandboxDir, root);
    }

    /** A fabric8 client on the served Kubernetes emulator. */
    KubernetesClient kubernetes() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(sandboxDir.resolve("kubeconfig")));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A fresh clone of the repository at a branch: a new runner's (or a reviewer's) working copy. */
    Path clone(String name, String branch) throws IOException, InterruptedException {
        Path dir = root.resolve("runners").resolve(name);
        Files.createDirectories(dir.getParent());
        git(root, "clone", "-q", "--branch", branch, origin.toString(), dir.toString());
        return dir;
    }

    /** The commit a ref names in the repository. */
    String sha(String ref) throws IOException, InterruptedException {
        return git(origin, "rev-parse", ref).strip();
    }

    /** Runs git in a directory; fails the test on a non-zero exit. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=ci", "-c", "user.email=ci@example.com",
                "-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
        return out;
    }

    /** Commits everything in a working copy and pushes it. */
    static void commitAndPush(Path clone, String message) throws IOException, InterruptedException {
        git(clone, "add", "-A");
        git(clone, "commit", "-q", "-m", message);
        git(clone, "push", "-q", "origin", "HEAD");
    }

    /** Commits everything in the repository itself (on its current branch). */
    void commitInOrigin(String message) throws IOException, InterruptedException {
        git(origin, "add", "-A");
        git(origin, "commit", "-q", "-m", message);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Runs the shim (lockstep) in a working copy; returns the exit code and output. */
    Bash.Result lockstep(Path clone, String... args) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("./lockstep");
        for (String a : args) {
            script.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        Map<String, String> env = runnerEnv();
        env.put("LOCKSTEP_VAR_state_passphrase", PASSPHRASE);
        return Bash.run(script.toString(), clone, env, root.resolve("scripts"));
    }

    @Override
    public void close() throws Exception {
        serve.destroy();
        if (!serve.waitFor(30, TimeUnit.SECONDS)) {
            serve.destroyForcibly();
        }
    }
}
