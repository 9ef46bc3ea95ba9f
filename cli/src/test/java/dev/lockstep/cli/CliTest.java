package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, output streams and formats. */
class CliTest {

    @TempDir
    Path dir;

    /** Captured result of one run. */
    record Run(int code, String out, String err) {
    }

    static Run run(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lockstep.run(new PrintWriter(out), new PrintWriter(err), env, args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lockstep.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code args} without colour on the configuration in {@code dir}. */
    static Run in(Path dir, String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--no-color";
        all[args.length + 1] = "-C";
        all[args.length + 2] = dir.toString();
        return run(all);
    }

    /** Runs {@code args} on the sandbox, without colour, on the configuration in {@code dir}. */
    static Run onSandbox(Path dir, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--sandbox";
        all[args.length + 1] = "--no-color";
        all[args.length + 2] = "-C";
        all[args.length + 3] = dir.toString();
        return run(all);
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"validate", "graph", "version", "completion"}) {
            assertTrue(r.out().contains(c), r.out());
        }
        assertEquals(0, run("validate", "--help").code());
    }

    @Test
    void usageErrorsExitOneNotTwo() {
        Run r = run("validate", "--no-such-option");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
        assertEquals(1, run("no-such-command").code());
        assertEquals(1, run("validate", "--format", "yaml").code());
    }

    @Test
    void validConfigurationSucceeds() throws Exception {
        write("main.hcl", "variable \"n\" {\n  default = 2\n}\nresource \"terraform_data\" \"x\" {\n"
                + "  count = var.n\n  input = \"item-${count.index}\"\n}\n");
        Run r = run("validate", "-C", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Success! The configuration is valid."), r.out());
        assertEquals("", r.err());
    }

    @Test
    void globalOptionBeforeTheCommandWorksToo() throws Exception {
        write("main.hcl", "locals {\n  a = 1\n}\n");
        assertEquals(0, run("-C", dir.toString(), "validate").code());
    }

    @Test
    void errorsShowFileLineColumnSourceAndCaret() throws Exception {
        write("main.hcl", "locals {\n  a = 1 +\n}\n");
        Run r = run("validate", "--no-color", "-C", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: "), r.err());
        assertTrue(r.err().contains("  on main.hcl line 2, column"), r.err());
        assertTrue(r.err().contains("     2:   a = 1 +"), r.err());
        assertTrue(r.err().contains("^"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(r.err().contains("\u001b["), "no colour when not a terminal");
    }

    @Test
    void jsonDiagnosticsCarryRanges() throws Exception {
        write("main.hcl", "output \"x\" {\n  value = var.nope\n}\n");
        Run r = run("validate", "--format", "json", "-C", dir.toString());
        assertEquals(1, r.code());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertFalse(j.get("valid").asBoolean());
        assertEquals(1, j.get("error_count").asInt());
        JsonNode d = j.get("diagnostics").get(0);
        assertEquals("error", d.get("severity").asText());
        assertEquals("Reference to undeclared input variable", d.get("summary").asText());
        assertEquals("main.hcl", d.get("range").get("filename").asText());
        assertEquals(2, d.get("range").get("start").get("line").asInt());
        assertEquals(11, d.get("range").get("start").get("column").asInt());
    }

    @Test
    void missingDirectoryIsAClearError() {
        Run r = run("validate", "-C", dir.resolve("nope").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Configuration directory not found"), r.err());
    }

    @Test
    void graphPrintsDot() throws Exception {
        write("main.hcl", "variable \"v\" {\n  default = 1\n}\nresource \"terraform_data\" \"a\" {\n"
                + "  input = var.v\n}\noutput \"o\" {\n  value = terraform_data.a.output\n}\n");
        Run r = run("graph", "-C", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("digraph lockstep {"), r.out());
        assertTrue(r.out().contains("\"terraform_data.a\" -> \"var.v\""), r.out());
        assertTrue(r.out().contains("\"output.o\" -> \"terraform_data.a\""), r.out());
    }

    @Test
    void versionAndCompletion() {
        Run v = run("version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("lockstep "), v.out());
        Run c = run("completion");
        assertEquals(0, c.code());
        assertTrue(c.out().contains("complete -F"), c.out());
        assertTrue(c.out().contains("validate"), c.out());
    }

    @Test
    void theLockstepBlockChoosesTheStateDirectoryAndRetention() throws Exception {
        write("main.hcl", "lockstep {\n  backend \"local\" {\n    path      = \"state\"\n    snapshots = 2\n  }\n}\n"
                + "variable \"v\" {\n  default = \"1\"\n}\nresource \"terraform_data\" \"x\" {\n  input = var.v\n}\n");
        for (int i = 1; i <= 3; i++) {
            Run r = run("apply", "--auto-approve", "--var", "v=" + i, "-C", dir.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertTrue(Files.exists(dir.resolve("state").resolve("state.json")));
        assertFalse(Files.exists(dir.resolve(".lockstep")));
        Run h = run("state", "history", "-C", dir.toString());
        assertEquals(3, h.out().lines().count(), "a header and the 2 kept versions:\n" + h.out());
        assertTrue(h.out().contains("3 "), h.out());
    }

    @Test
    void settingsThatDoNotExistYetAreRefused() throws Exception {
        write("main.hcl", "lockstep {\n  approvals {\n  }\n  backend \"consul\" {\n  }\n}\n");
        Run r = run("validate", "--no-color", "-C", dir.toString());
        assertEquals(1, r.code());
        // an empty approvals block names what it needs
        assertTrue(r.err().contains("\"required\"") && r.err().contains("Missing trusted keys"), r.err());
        assertTrue(r.err().contains("Unsupported backend"), r.err());
        // the s3 backend exists now: an empty block names what it needs
        write("main.hcl", "lockstep {\n  backend \"s3\" {\n  }\n}\n");
        Run s3 = run("validate", "--no-color", "-C", dir.toString());
        assertEquals(1, s3.code());
        assertTrue(s3.err().contains("bucket") && s3.err().contains("key") && s3.err().contains("main.hcl"), s3.err());
    }
}
