package dev.lockstep.planner.hcl.library;

import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.StandardLibrary;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Every function available to configurations: the standard library plus {@code templatefile}. */
public final class Library {

    private Library() {
    }

    /** The functions for a configuration in {@code ctx.baseDir()}, sorted by name. */
    public static Map<String, Function> all(FunctionContext ctx) {
        Map<String, Function> all = new TreeMap<>(StandardLibrary.create(ctx));
        all.put("templatefile", TemplateFile.create(ctx, Collections.unmodifiableMap(all)));
        return Collections.unmodifiableMap(all);
    }
}
