package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docs/commands.md} is the help of every command, generated from the command line itself,
 * so the reference cannot drift from what the program does. When a command changes, regenerate it:
 * {@code LOCKSTEP_REGEN_DOCS=1 mvn -B -pl cli -am test -Dtest=CommandReferenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CommandReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "commands.md");

    @Test
    void theCommandReferenceIsUpToDate() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("# Command reference\n\n")
                .append("Generated from `lockstep --help` and the help of every command by `CommandReferenceTest`; ")
                .append("do not edit by hand (the test says how to regenerate it).\n\n")
                .append("| exit code | meaning |\n|---|---|\n");
        for (ExitCode c : ExitCode.values()) {
            sb.append("| ").append(c.code()).append(" | ").append(c.meaning()).append(" |\n");
        }
        CommandLine root = new CommandLine(new Lockstep());
        Lockstep.addSubcommands(root, "completion"); // "completion" builds the full model of every command
        append(root, sb);
        sb.append(SIGNALS);
        String expected = sb.toString();
        if ("1".equals(System.getenv("LOCKSTEP_REGEN_DOCS"))) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/commands.md is out of date; regenerate it as the class comment says");
    }

    /**
     * What signals do, which no help text shows. {@code CrashSafetyTest} and {@code
     * SandboxCommandTest} prove it; keep the three in step.
     */
    private static final String SIGNALS = """

            ## Signals

            While `apply` and `destroy` change things (after the plan was shown and approved), they treat SIGINT \
            (Ctrl-C) and SIGTERM (what a CI system sends when it cancels a job, and Kubernetes to a CronJob's pod \
            before killing it) alike:

            - the first one stops new operations: those in flight finish, their results and everything done before \
            are saved, the operations not started are listed as `not started`, and lockstep exits 1 (`Apply \
            interrupted: N operations completed and saved, M not started.`);
            - a second one while that happens exits at once with 128 + the signal's number (130 for SIGINT, 143 for \
            SIGTERM); every result journaled so far is kept and the next command recovers it (see `docs/state.md`).

            Before that (while planning or asking for confirmation), and in every other command including \
            `sandbox serve`, either signal ends the process at once with 130 or 143, as any JVM does (`sandbox \
            serve` first withdraws its endpoints). The state lock is an OS lock and goes with the process; \
            a state version is written in one atomic rename, so none is left half-written.

            A process started with SIGINT ignored cannot take it back: POSIX shells start the background jobs of a \
            non-interactive script so (`lockstep apply --auto-approve &` in a script), and the JVM leaves an ignored \
            SIGINT ignored. lockstep then runs as usual and SIGINT does nothing; SIGTERM (`kill PID`) still stops an \
            apply gracefully as above, and `sandbox serve` prints the `kill` line to use instead of "Ctrl-C stops \
            it". With the JVM option `-Xrs` (in `LOCKSTEP_JAVA_OPTS`) Java handles neither signal: either one ends the \
            process at once, as a second signal does, and `sandbox serve` without withdrawing its endpoints.

            The launchers (`./lockstep`, `bin/lockstep`) `exec` the JVM, so signals sent to the launcher's process \
            reach lockstep itself.
            """;

    private static void append(CommandLine cl, StringBuilder sb) {
        cl.setUsageHelpWidth(100);
        sb.append("\n## ").append(cl.getCommandSpec().qualifiedName()).append("\n\n```text\n")
                .append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().name().equals(sub.getCommandName())) {
                append(sub, sb);
            }
        }
    }
}
