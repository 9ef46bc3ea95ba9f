package dev.lockstep.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep completion}: prints a bash completion script, which zsh also loads through
 * {@code bashcompinit}. Usage: {@code source <(lockstep completion)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script.",
            "bash: source <(lockstep completion)",
            "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(lockstep completion)"})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine().getParent();
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("lockstep", root));
        out.flush();
        return 0;
    }
}
