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
        String expected = sb.toString();
        if ("1".equals(System.getenv("LOCKSTEP_REGEN_DOCS"))) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/commands.md is out of date; regenerate it as the class comment says");
    }

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
