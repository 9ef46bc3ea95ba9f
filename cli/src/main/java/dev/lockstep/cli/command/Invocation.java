package dev.lockstep.cli.command;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.RunSettings;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.log.CliProviderLog;
import dev.lockstep.cli.render.DiagnosticPrinter;
import dev.lockstep.cli.render.Style;
import dev.lockstep.planner.ops.ConfigSources;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.io.PrintWriter;
import java.util.Map;

/**
 * One command's run as the command line sees it: its output streams and style, the core
 * workspace it opens from the global options, and the rendering of an outcome's diagnostics with
 * the exit code the outcome maps to ({@link ExitCode#of}).
 */
final class Invocation {

    private final Lockstep root;
    private final PrintWriter out;
    private final PrintWriter err;
    private Workspace workspace;

    Invocation(Lockstep root, picocli.CommandLine.Model.CommandSpec spec) {
        this.root = root;
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Style style() {
        return root.style();
    }

    Lockstep root() {
        return root;
    }

    /** The workspace of {@code -C DIR}, or null after printing why it cannot be opened. */
    Workspace open(boolean allowLockout) {
        if (!SandboxSupport.usable(root, err)) {
            return null;
        }
        Outcome<Workspace> o = openOutcome(allowLockout);
        print(o.diagnostics());
        return o.result();
    }

    /** The outcome of opening the workspace of {@code -C DIR}, printing nothing (for JSON output). */
    Outcome<Workspace> openOutcome(boolean allowLockout) {
        Outcome<Workspace> o = Workspace.open(new Workspace.Request(root.dir(), root.environment(),
                new RunSettings(allowLockout), SandboxSupport.factory(root), new CliProviderLog("lockstep")));
        workspace = o.result();
        if (workspace != null) {
            root.opened(workspace);
        }
        return o;
    }

    Workspace open() {
        return open(false);
    }

    /** Prints an outcome's diagnostics and returns its exit code (2 when it succeeded with {@code changes}). */
    int finish(Outcome<?> o, boolean changes) {
        print(o.diagnostics());
        return ExitCode.of(o, changes).code();
    }

    int finish(Outcome<?> o) {
        return finish(o, false);
    }

    /** The exit code of a workspace that could not be opened (its diagnostics are printed). */
    int notOpened() {
        return ExitCode.ERROR.code();
    }

    /** Prints diagnostics, with the lines they point at and (with --stacktrace) their causes. */
    void print(Diagnostics d) {
        if (d.isEmpty()) {
            return;
        }
        Map<String, String> sources = workspace != null ? workspace.sources() : ConfigSources.of(root.dir());
        new DiagnosticPrinter(sources, root.style()).withStackTraces(root.stacktrace()).print(d, err);
    }

    /** A usage error: exit 1 with the message. */
    int usage(String message) {
        err.println(root.style().boldRed("error") + ": " + message);
        err.flush();
        return ExitCode.ERROR.code();
    }
}
