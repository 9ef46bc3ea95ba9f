package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.Library;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.validate.ConfigValidator;
import java.nio.file.Path;

/** What a command needs to work on one configuration directory: the directory, schemas and functions. */
final class Workspace {

    private final Path dir;
    private final Schemas schemas;

    private Workspace(Path dir, Schemas schemas) {
        this.dir = dir;
        this.schemas = schemas;
    }

    static Workspace open(Lockstep root) {
        return new Workspace(root.dir(), Schemas.discover());
    }

    Path dir() {
        return dir;
    }

    Schemas schemas() {
        return schemas;
    }

    FunctionContext functionContext(boolean impureUnknown) {
        return new FunctionContext(dir, System.getenv(), impureUnknown);
    }

    ConfigValidator validator() {
        return new ConfigValidator(schemas, Library.all(functionContext(true)));
    }
}
