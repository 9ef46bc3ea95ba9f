package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --lock-timeout} takes a duration as Terraform's {@code -lock-timeout} does; a value that is
 * not one, a negative one or one over the maximum (24h) is a usage error that names the option,
 * the value and the format, never "a bug in lockstep".
 */
class DurationOptionTest {

    @TempDir
    Path dir;

    private static final List<List<String>> COMMANDS = List.of(List.of("plan"), List.of("apply", "--auto-approve"),
            List.of("destroy", "--auto-approve"), List.of("import", "terraform_data.x", "id"),
            List.of("state", "rm", "terraform_data.x"), List.of("state", "mv", "terraform_data.x", "terraform_data.y"));

    private CliTest.Run run(List<String> command, String... lockTimeout) {
        List<String> args = new ArrayList<>(List.of("--no-color", "-C", dir.toString()));
        args.addAll(command);
        args.addAll(List.of(lockTimeout));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void aValueThatIsNotADurationIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {}\n");
        String format = "write a whole number and a unit (ms, s, m or h), or several as in 1m30s, such as 0s, 30s or "
                + "5m, at most 24h.";
        String[][] cases = {
            {"abc", "\"abc\" is not a duration"},
            {"5", "\"5\" is not a duration"},
            {"1d", "\"1d\" is not a duration"},
            {"30 s", "\"30 s\" is not a duration"},
            {"", "\"\" is not a duration"},
            {"-5s", "\"-5s\" is negative"},
            {"25h", "\"25h\" is longer than the maximum, 24h"},
            {"24h1ms", "\"24h1ms\" is longer than the maximum, 24h"},
            {"99999999999999999999999h", "\"99999999999999999999999h\" is longer than the maximum, 24h"},
            {"9223372036854775807ms", "\"9223372036854775807ms\" is longer than the maximum, 24h"},
        };
        for (List<String> command : COMMANDS) {
            for (String[] c : cases) {
                for (String[] form : new String[][] {{"--lock-timeout=" + c[0]}, {"--lock-timeout", c[0]}}) {
                    CliTest.Run r = run(command, form);
                    String what = command + " " + String.join(" ", form) + ": " + r.err();
                    assertEquals(1, r.code(), what);
                    assertEquals("", r.out(), what);
                    String name = String.join(" ", command.subList(0, command.get(0).equals("state") ? 2 : 1));
                    assertEquals("error: Invalid value for option '--lock-timeout': " + c[1] + "; " + format + "\n"
                            + "Run 'lockstep " + name + " --help' for usage.\n", r.err(), what);
                }
            }
        }
        assertFalse(Files.exists(dir.resolve(".lockstep")), "nothing was locked or written");
    }

    @Test
    void durationsAsTerraformWritesThemAreAccepted() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {}\n");
        for (String v : new String[] {"0", "0s", "500ms", "30s", "5m", "1m30s", "2h", "24h", "1h59m60s"}) {
            CliTest.Run r = run(List.of("plan"), "--lock-timeout=" + v);
            assertEquals(0, r.code(), v + ": " + r.err());
            assertTrue(r.out().contains("1 to add"), r.out());
        }
    }
}
