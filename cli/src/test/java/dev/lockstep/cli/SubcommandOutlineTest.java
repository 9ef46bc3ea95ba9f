package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The root command builds the full model of the subcommand being run only; the usage built from
 * the others' outlines must be exactly the usage built from their full models.
 */
class SubcommandOutlineTest {

    private static String usage(String running) {
        CommandLine cl = new CommandLine(new Lockstep());
        Lockstep.addSubcommands(cl, running);
        StringWriter sw = new StringWriter();
        cl.usage(new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void outlinesRenderLikeFullModels() {
        String full = usage("completion");
        assertEquals(full, usage(null));
        assertEquals(full, usage("plan"));
        CommandLine cl = new CommandLine(new Lockstep());
        Lockstep.addSubcommands(cl, "plan");
        assertEquals(Lockstep.SUBCOMMANDS.size(), cl.getSubcommands().size());
        assertEquals("plan", cl.getSubcommands().get("plan").getCommandSpec().userObject().getClass()
                .getAnnotation(CommandLine.Command.class).name());
    }

    @Test
    void findsTheSubcommandPicocliWillRun() {
        assertEquals("plan", Lockstep.subcommandName(new String[] {"plan", "-C", "x"}));
        assertEquals("plan", Lockstep.subcommandName(new String[] {"-C", "validate", "--sandbox", "plan"}));
        assertEquals("plan", Lockstep.subcommandName(new String[] {"--chdir", "x", "plan"}));
        assertEquals("state", Lockstep.subcommandName(new String[] {"--chdir=x", "--no-color", "state", "list"}));
        assertEquals("plan", Lockstep.subcommandName(new String[] {"--", "plan"}));
        assertNull(Lockstep.subcommandName(new String[] {"--help"}));
        assertNull(Lockstep.subcommandName(new String[] {}));
    }
}
