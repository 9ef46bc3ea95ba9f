package dev.lockstep.cli.command;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.DiagnosticPrinter;
import dev.lockstep.cli.render.UnifiedDiff;
import dev.lockstep.planner.ops.Formatting;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep fmt}: rewrites HCL files in the canonical style, as {@code terraform fmt} does (docs/fmt.md). */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Rewrite *.hcl files in the canonical style (that of terraform fmt) and list the files changed.",
            "With no argument, the *.hcl files of the configuration directory; '-' formats standard input to standard "
                + "output. Exit 0 when done, 1 on errors (after a syntax error no file is changed), 2 with --check "
                + "when a file needs formatting."})
public final class FmtCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--check", description = "Change no file; exit 2 if any file needs formatting.")
    boolean check;

    @Option(names = "--diff", description = "Print the changes as a unified diff.")
    boolean diff;

    @Option(names = "--write", arity = "0..1", paramLabel = "BOOL", defaultValue = "true", fallbackValue = "true",
            description = "Rewrite the files (default true).")
    boolean write;

    @Option(names = "--list", arity = "0..1", paramLabel = "BOOL", defaultValue = "true", fallbackValue = "true",
            description = "List the files that change (default true).")
    boolean list;

    @Option(names = {"-r", "--recursive"}, description = "Also the subdirectories (hidden ones such as .lockstep excepted).")
    boolean recursive;

    @Parameters(paramLabel = "FILE|DIR|-", description = "Files or directories (default: the configuration directory).")
    List<String> targets = List.of();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Diagnostics diags = new Diagnostics();
        boolean stdin = targets.equals(List.of("-"));
        List<Formatting.Result> results = stdin ? List.of(Formatting.formatStdin(System.in, diags))
                : Formatting.format(root.dir(), targets, recursive, diags);
        boolean rewrite = write && !check && !stdin;
        for (Formatting.Result r : diags.hasErrors() ? List.<Formatting.Result>of() : results) {
            if (r.changed() && list && (!stdin || check)) {
                out.println(r.display());
            }
            try {
                if (r.changed() && rewrite) {
                    Formatting.replace(r.path(), r.formatted());
                }
            } catch (IOException e) {
                Formatting.writeFailed(diags, r, e);
            }
            if (diff) {
                out.print(UnifiedDiff.render(r.display(), r.source(), r.formatted()));
            } else if (!check && (stdin || !list && !write)) {
                out.print(r.formatted());
            }
        }
        out.flush();
        new DiagnosticPrinter(Formatting.sources(results), root.style()).print(diags, spec.commandLine().getErr());
        if (diags.hasErrors()) {
            return ExitCode.ERROR.code();
        }
        return check && results.stream().anyMatch(Formatting.Result::changed) ? ExitCode.CHANGES.code() : ExitCode.OK.code();
    }
}
