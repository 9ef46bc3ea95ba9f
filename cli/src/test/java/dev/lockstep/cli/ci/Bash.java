package dev.lockstep.cli.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CI script the way the runners do: GitHub's default shell for {@code run:} steps is
 * {@code bash --noprofile --norc -eo pipefail {0}}, and GitLab's shell executor runs a job's
 * {@code before_script} and {@code script} in one bash with errexit and pipefail. The environment is
 * exactly the one given (no inheritance from the test JVM), the output is stdout and stderr merged.
 */
final class Bash {

    /** What a script did: its exit code and its merged output. */
    record Result(int code, String output) {
    }

    private Bash() {
    }

    static Result run(String script, Path workDir, Map<String, String> env, Path scratch) throws IOException,
            InterruptedException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "step-", ".sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString());
        pb.directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("script did not end within 180 s:\n" + script);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
