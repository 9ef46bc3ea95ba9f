package dev.lockstep.cli;

import dev.lockstep.cli.command.ApplyCommand;
import dev.lockstep.cli.command.ApproveCommand;
import dev.lockstep.cli.command.KeygenCommand;
import dev.lockstep.cli.command.PolicyCommand;
import dev.lockstep.cli.command.CompletionCommand;
import dev.lockstep.cli.command.ConsoleCommand;
import dev.lockstep.cli.command.DestroyCommand;
import dev.lockstep.cli.command.DriftCommand;
import dev.lockstep.cli.command.FmtCommand;
import dev.lockstep.cli.command.ForceUnlockCommand;
import dev.lockstep.cli.command.GraphCommand;
import dev.lockstep.cli.command.ImportCommand;
import dev.lockstep.cli.command.LockCommand;
import dev.lockstep.cli.command.OutputCommand;
import dev.lockstep.cli.command.PlanCommand;
import dev.lockstep.cli.command.SandboxCommand;
import dev.lockstep.cli.command.ShowCommand;
import dev.lockstep.cli.command.StateCommand;
import dev.lockstep.cli.command.ValidateCommand;
import dev.lockstep.cli.command.VersionCommand;
import dev.lockstep.cli.render.Style;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code lockstep} command: global options shared by every subcommand, the subcommand
 * list, and the mapping of failures to exit codes (usage errors exit 1, not picocli's 2, which
 * means "changes present" here; unexpected exceptions print a short bug-report message).
 */
@Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true,
        description = "Declarative reconciler for Kubernetes and Databricks, configured in HCL.",
        footer = {"", "Exit codes: 0 success or no changes; 1 error; 2 changes present, drift found or (fmt --check) "
            + "files to format; 3 blocked by a mandatory policy; 4 state locked; 5 saved plan refused (stale, altered or "
            + "not approved)."})
public final class Lockstep implements Runnable {

    /**
     * The subcommands, in the order the usage lists them. They are not in the {@code @Command}
     * annotation because picocli builds the model of every annotated subcommand (reflection over
     * each one's options, mixins and inherited options) before parsing: about 120 ms of every
     * start-up on the project's build machine. {@link #run} builds the model of the subcommand
     * being run only, and gives the others a model of their name and description (what the usage
     * and "did you mean" need).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ValidateCommand.class, PlanCommand.class, ApplyCommand.class,
            DestroyCommand.class, ShowCommand.class, DriftCommand.class, OutputCommand.class, ImportCommand.class,
            StateCommand.class, LockCommand.class, ForceUnlockCommand.class, SandboxCommand.class, GraphCommand.class,
            ConsoleCommand.class, FmtCommand.class, PolicyCommand.class, KeygenCommand.class, ApproveCommand.class,
            VersionCommand.class, CompletionCommand.class);

    @Option(names = {"-C", "--chdir"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Configuration directory (default: the current directory).")
    Path dir = Path.of(".");

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Do not colour the output.")
    boolean noColor;

    @Option(names = "--sandbox", scope = ScopeType.INHERIT,
            description = "Use lockstep's loopback emulators (Kubernetes, Databricks, Vault, Secrets Manager, S3) instead of "
                + "real systems; their data is kept in .lockstep/sandbox/. Also LOCKSTEP_SANDBOX=1.")
    boolean sandbox;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected error.")
    boolean stacktrace;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The process environment as the command sees it (tests give their own). */
    private Map<String, String> environment = System.getenv();

    /** The environment the command runs in: credentials, {@code LOCKSTEP_VAR_*}. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Workspaces the command opened, closed when it ends (a shared backend's client, the sandbox). */
    private final java.util.List<dev.lockstep.planner.ops.Workspace> opened = new java.util.ArrayList<>();

    /** Records a workspace the running command opened, so that it is closed when the command ends. */
    public void opened(dev.lockstep.planner.ops.Workspace w) {
        opened.add(w);
    }

    /** The configuration directory given with -C, normalised. */
    public Path dir() {
        return dir.toAbsolutePath().normalize();
    }

    /** The directory as the user wrote it, for messages. */
    public Path dirAsGiven() {
        return dir;
    }

    /** Whether --stacktrace was given: show the causes of unexpected errors. */
    public boolean stacktrace() {
        return stacktrace;
    }

    public boolean sandbox() {
        return sandbox;
    }

    public Style style() {
        return Style.detect(noColor);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs lockstep with the given arguments and returns the process exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs lockstep writing to the given streams (tests capture output this way). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** Runs lockstep in the given environment, writing to the given streams. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        Lockstep root = new Lockstep();
        root.environment = Map.copyOf(environment);
        CommandLine cl = new CommandLine(root);
        addSubcommands(cl, subcommandName(args));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args2) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println("error: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, e)) {
                e.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            e.flush();
            return ExitCode.ERROR.code();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof dev.lockstep.sandbox.SandboxFileException f) {
                    // a sandbox file or directory that cannot be used: the user's to fix, not a bug
                    e.println(root.style().boldRed("error") + ": " + root.style().bold(f.summary()));
                    e.println("  on " + f.where() + ": " + f.getMessage() + ".");
                    e.println("  " + f.hint());
                    e.flush();
                    return ExitCode.ERROR.code();
                }
            }
            e.println("lockstep: unexpected error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage())));
            e.println("This is a bug in lockstep. Please report it with the command you ran"
                    + (root.stacktrace ? " and the stack trace below." : "; run again with --stacktrace for details."));
            if (root.stacktrace) {
                ex.printStackTrace(e);
            }
            e.flush();
            return ExitCode.ERROR.code();
        });
        try {
            return cl.execute(args);
        } finally {
            for (dev.lockstep.planner.ops.Workspace w : root.opened) {
                w.close();
            }
        }
    }

    /**
     * Adds every subcommand to the root: the one named {@code running} (every one when it is
     * {@code completion}, which prints them all) with its full model, the others as a name and a
     * description only.
     */
    static void addSubcommands(CommandLine cl, String running) {
        boolean all = "completion".equals(running);
        for (Class<?> c : SUBCOMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (all || a.name().equals(running)) {
                cl.addSubcommand(a.name(), c);
            } else {
                CommandLine.Model.CommandSpec stub = CommandLine.Model.CommandSpec.wrapWithoutInspection(
                        (Runnable) () -> {
                            throw new IllegalStateException("lockstep ran the outline of " + a.name());
                        });
                stub.name(a.name());
                stub.usageMessage().description(a.description());
                cl.addSubcommand(a.name(), new CommandLine(stub));
            }
        }
    }

    /**
     * The subcommand picocli will run for {@code args}: the first argument that is neither an
     * option of the root nor the value of {@code -C}/{@code --chdir} (null when there is none).
     */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1 < args.length ? args[i + 1] : null;
            }
            if (a.equals("-C") || a.equals("--chdir")) {
                i++;
                continue;
            }
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
