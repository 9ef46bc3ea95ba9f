package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state list|show|history|rm|mv} from the command line, on a state made by a real apply. */
class StateCommandsTest {

    @TempDir
    Path dir;

    private CliTest.Run run(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-C";
        all[args.length + 1] = dir.toString();
        all[args.length + 2] = "--no-color";
        return CliTest.run(all);
    }

    private void write(String config) throws Exception {
        Files.writeString(dir.resolve("main.hcl"), config);
    }

    private void applied() throws Exception {
        write("""
                resource "terraform_data" "web" {
                  for_each = toset(["a", "b"])
                  input    = each.key
                }
                resource "terraform_data" "db" {
                  input = "db"
                }
                """);
        CliTest.Run r = run("apply", "--auto-approve");
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void listShowAndHistory() throws Exception {
        applied();
        CliTest.Run list = run("state", "list");
        assertEquals("terraform_data.db\nterraform_data.web[\"a\"]\nterraform_data.web[\"b\"]\n",
                list.out().replace("\r\n", "\n"));
        CliTest.Run filtered = run("state", "list", "terraform_data.web");
        assertEquals(2, filtered.out().lines().count(), filtered.out());
        CliTest.Run show = run("state", "show", "terraform_data.web[\"a\"]");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("input") && show.out().contains("\"a\""), show.out());
        CliTest.Run history = run("state", "history");
        assertTrue(history.out().lines().anyMatch(l -> l.contains("apply")), history.out());
        CliTest.Run missing = run("state", "show", "terraform_data.nope");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("No instance terraform_data.nope"), missing.err());
    }

    @Test
    void rmOfAWholeResourceForgetsEveryInstanceAndThePlanWouldRecreateThem() throws Exception {
        applied();
        CliTest.Run rm = run("state", "rm", "terraform_data.web");
        assertEquals(0, rm.code(), rm.err());
        assertTrue(rm.out().contains("Removed terraform_data.web[\"a\"]"), rm.out());
        assertTrue(rm.out().contains("Removed terraform_data.web[\"b\"]"), rm.out());
        assertEquals("terraform_data.db\n", run("state", "list").out().replace("\r\n", "\n"));
        CliTest.Run plan = run("plan");
        assertTrue(plan.out().contains("Plan: 2 to add, 0 to change, 0 to destroy."), plan.out());
        String audit = Files.readString(dir.resolve(".lockstep/audit.jsonl"));
        assertTrue(audit.contains("state rm"), audit);
    }

    @Test
    void mvAfterARenameInTheConfigurationLeavesNothingToDo() throws Exception {
        applied();
        write("""
                resource "terraform_data" "frontend" {
                  for_each = toset(["a", "b"])
                  input    = each.key
                }
                resource "terraform_data" "database" {
                  input = "db"
                }
                """);
        assertEquals(0, run("state", "mv", "terraform_data.web", "terraform_data.frontend").code());
        CliTest.Run one = run("state", "mv", "terraform_data.db", "terraform_data.database");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("Moved terraform_data.db -> terraform_data.database"), one.out());
        CliTest.Run plan = run("plan", "--detailed-exitcode");
        assertEquals(0, plan.code(), plan.out() + plan.err());
        assertTrue(plan.out().contains("No changes."), plan.out());
    }

    @Test
    void refusedEditsExitOneAndChangeNothing() throws Exception {
        applied();
        byte[] before = Files.readAllBytes(dir.resolve(".lockstep/state.json"));
        CliTest.Run occupied = run("state", "mv", "terraform_data.web[\"a\"]", "terraform_data.db");
        assertEquals(1, occupied.code());
        assertTrue(occupied.err().contains("already in the state"), occupied.err());
        CliTest.Run type = run("state", "mv", "terraform_data.db", "kubernetes_namespace.db");
        assertEquals(1, type.code());
        CliTest.Run bad = run("state", "rm", "not an address");
        assertEquals(1, bad.code());
        assertFalse(bad.err().contains("Exception"), bad.err());
        assertEquals(new String(before), new String(Files.readAllBytes(dir.resolve(".lockstep/state.json"))));
    }
}
