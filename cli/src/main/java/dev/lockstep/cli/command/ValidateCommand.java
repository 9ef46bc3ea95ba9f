package dev.lockstep.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.DiagnosticPrinter;
import dev.lockstep.planner.validate.ConfigValidator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep validate}: checks the configuration without contacting any system. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the configuration: syntax, references, types, variables and resource schemas.",
            "Contacts no cluster or workspace. Exit 0 when valid, 1 when not."})
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        Workspace ws = Workspace.open(root);
        ConfigValidator.Result r = ws.validator().validate(ws.dir(), variables.sources());
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = m.createObjectNode();
            o.put("format_version", "1.0");
            o.put("valid", r.valid());
            o.put("error_count", r.diagnostics().errorCount());
            o.put("warning_count", r.diagnostics().size() - r.diagnostics().errorCount());
            o.set("diagnostics", DiagnosticPrinter.toJson(r.diagnostics(), m));
            out.println(o.toPrettyString());
            out.flush();
        } else {
            PrintWriter err = spec.commandLine().getErr();
            new DiagnosticPrinter(r.config().sources(), root.style()).print(r.diagnostics(), err);
            if (r.valid()) {
                out.println(root.style().green("Success!") + " The configuration is valid.");
                out.flush();
            }
        }
        return r.valid() ? ExitCode.OK.code() : ExitCode.ERROR.code();
    }
}
