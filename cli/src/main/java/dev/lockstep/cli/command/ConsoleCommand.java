package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.Console;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep console}: evaluates expressions read from standard input (one per line, or
 * continued while brackets are open) against the configuration's variables, locals, data sources
 * and recorded resources, printing values as {@code terraform console} does.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Evaluate expressions against the configuration and its state.",
            "Reads one expression per line from standard input; at a terminal, type `exit` or Ctrl-D to leave."})
public final class ConsoleCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Override
    public Integer call() throws IOException {
        Invocation inv = new Invocation(root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<Console> opened = ws.operations().console(variables.inputs());
        if (!opened.ok()) {
            return inv.finish(opened);
        }
        PrintWriter out = inv.out();
        try (Console console = opened.result()) {
            inv.print(opened.diagnostics());
            boolean interactive = System.console() != null;
            boolean failed = false;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder pending = new StringBuilder();
            while (true) {
                if (interactive) {
                    out.print(pending.length() == 0 ? "> " : ". ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null || (pending.length() == 0 && line.trim().equals("exit"))) {
                    break;
                }
                if (pending.length() == 0 && line.isBlank()) {
                    continue;
                }
                pending.append(line).append('\n');
                if (Console.incomplete(pending)) {
                    continue;
                }
                Outcome<String> v = console.evaluate(pending.toString());
                pending.setLength(0);
                if (v.ok()) {
                    out.println(v.result());
                } else {
                    failed = true;
                    inv.print(v.diagnostics());
                }
                out.flush();
            }
            return failed && !interactive ? ExitCode.ERROR.code() : ExitCode.OK.code();
        }
    }
}
