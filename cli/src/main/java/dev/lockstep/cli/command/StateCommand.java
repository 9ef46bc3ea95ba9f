package dev.lockstep.cli.command;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.VersionInfo;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.state.Identity;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.edit.StateEdits;
import dev.lockstep.state.local.GitHead;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep state ...}: inspect and edit the recorded state. */
@Command(name = "state", mixinStandardHelpOptions = true, description = "Inspect and edit the recorded state.",
        subcommands = {StateCommand.ListCmd.class, StateCommand.ShowCmd.class, StateCommand.HistoryCmd.class,
            StateCommand.RmCmd.class, StateCommand.MvCmd.class})
public final class StateCommand implements Runnable {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the latest (or a given) state version; null after printing why. */
    static State load(Workspace ws, Long serial, PrintWriter err, int[] code) {
        try {
            if (serial == null) {
                return ws.backend().load().state();
            }
            Optional<State> s = ws.backend().snapshot(serial);
            if (s.isEmpty()) {
                err.println("error: No snapshot with serial " + serial + " is kept; `lockstep state history` lists "
                        + "them.");
                err.flush();
                code[0] = ExitCode.ERROR.code();
                return null;
            }
            return s.get();
        } catch (StateException e) {
            code[0] = ws.stateError(e, err);
            return null;
        }
    }

    /** {@code state list}: the recorded instances. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the recorded resource instances.")
    static final class ListCmd implements Callable<Integer> {
        @ParentCommand
        StateCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "ADDR", description = "Only these addresses (prefix match).")
        List<String> filters = List.of();

        @Override
        public Integer call() {
            Workspace ws = Workspace.open(parent.root);
            int[] code = {0};
            State s = load(ws, null, spec.commandLine().getErr(), code);
            if (s == null) {
                return code[0];
            }
            PrintWriter out = spec.commandLine().getOut();
            for (ResourceAddress a : s.resources().keySet()) {
                String t = a.toString();
                if (filters.isEmpty() || filters.stream().anyMatch(t::startsWith)) {
                    out.println(t);
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code state show ADDR} or {@code state show --serial N}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one recorded instance, or a whole past state version with --serial.")
    static final class ShowCmd implements Callable<Integer> {
        @ParentCommand
        StateCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "ADDR")
        String address;

        @Option(names = "--serial", paramLabel = "N", description = "Show the state as it was at this serial.")
        Long serial;

        @Override
        public Integer call() {
            Workspace ws = Workspace.open(parent.root);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int[] code = {0};
            State s = load(ws, serial, err, code);
            if (s == null) {
                return code[0];
            }
            if (address == null) {
                out.println("# state serial " + s.serial() + ", lineage " + s.lineage());
                for (ResourceInstance r : s.resources().values()) {
                    print(r, out);
                }
                OutputRenderer.text(s.outputs(), out, true);
                out.flush();
                return 0;
            }
            ResourceAddress a;
            try {
                a = ResourceAddress.parse(address);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCode.ERROR.code();
            }
            ResourceInstance r = s.resource(a);
            if (r == null) {
                err.println("error: No instance " + a + " in the state; `lockstep state list` shows what is there.");
                err.flush();
                return ExitCode.ERROR.code();
            }
            print(r, out);
            out.flush();
            return 0;
        }

        static void print(ResourceInstance r, PrintWriter out) {
            out.println("# " + r.address() + (r.status() == ResourceInstance.Status.READY ? ""
                    : " (" + r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"));
            out.println("resource \"" + r.address().type() + "\" \"" + r.address().name() + "\" = "
                    + ConsoleFormat.format(r.attributes()));
            out.println();
        }
    }

    /** {@code state history}: the kept versions. */
    @Command(name = "history", mixinStandardHelpOptions = true, description = "List the kept state versions.")
    static final class HistoryCmd implements Callable<Integer> {
        @ParentCommand
        StateCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Workspace ws = Workspace.open(parent.root);
            PrintWriter out = spec.commandLine().getOut();
            try {
                List<SnapshotInfo> h = ws.backend().history();
                out.println(String.format("%-7s %-24s %-22s %-12s %s", "SERIAL", "TIME", "USER", "COMMAND", "GIT"));
                for (SnapshotInfo i : h) {
                    out.println(String.format("%-7d %-24s %-22s %-12s %s", i.serial(), i.time(), i.user(), i.command(),
                            i.gitCommit() == null ? "-" : i.gitCommit().substring(0, Math.min(12,
                                    i.gitCommit().length()))));
                }
                out.flush();
                return 0;
            } catch (StateException e) {
                return ws.stateError(e, spec.commandLine().getErr());
            }
        }
    }

    /** {@code state rm ADDR...}: forget instances without touching the live objects. */
    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = {"Forget instances: they stay in the live systems, no longer managed.",
                "An address without an instance key names every instance of that resource."})
    static final class RmCmd implements Callable<Integer> {
        @ParentCommand
        StateCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "ADDR")
        List<String> addresses;

        @Mixin
        LockOptions lock;

        @Override
        public Integer call() {
            return edit(parent.root, spec, lock, "state rm", addresses, null);
        }
    }

    /** {@code state mv SRC DST}: rename an instance in the state (after renaming it in the configuration). */
    @Command(name = "mv", mixinStandardHelpOptions = true,
            description = {"Move an instance to another address, after renaming it in the configuration.",
                "An address without an instance key moves every instance of that resource, keys kept."})
    static final class MvCmd implements Callable<Integer> {
        @ParentCommand
        StateCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SRC")
        String source;

        @Parameters(index = "1", paramLabel = "DST")
        String destination;

        @Mixin
        LockOptions lock;

        @Override
        public Integer call() {
            return edit(parent.root, spec, lock, "state mv", List.of(source), destination);
        }
    }

    private static int edit(Lockstep root, picocli.CommandLine.Model.CommandSpec spec, LockOptions lockOptions,
            String command, List<String> addresses, String destination) {
        Workspace ws = Workspace.open(root);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Lock lock = ws.backend().locker().acquire(command, lockOptions.timeout())) {
            State s = ws.backend().load().state();
            List<ResourceAddress> parsed = new ArrayList<>();
            for (String text : addresses) {
                parsed.add(ResourceAddress.parse(text));
            }
            StateEdits.Result result = destination == null ? StateEdits.remove(s, parsed)
                    : StateEdits.move(s, parsed.get(0), ResourceAddress.parse(destination));
            if (result instanceof StateEdits.Refused r) {
                err.println("error: " + r.reason());
                err.flush();
                return ExitCode.ERROR.code();
            }
            StateEdits.Edited e = (StateEdits.Edited) result;
            State next = e.state();
            ws.backend().persist(next, new SnapshotInfo(next.serial(), Instant.now(), Identity.userAtHost(), command,
                    null, GitHead.commitOf(ws.dir()).orElse(null), VersionInfo.version()));
            Audit.simple(ws, command, e.changes(), destination == null ? "forget" : "move", lock);
            for (String change : e.changes()) {
                out.println((destination == null ? "Removed " : "Moved ") + change);
            }
            if (destination == null) {
                out.println("The live objects are untouched; lockstep no longer manages them.");
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCode.ERROR.code();
        } catch (StateException e) {
            return ws.stateError(e, err);
        }
    }
}
