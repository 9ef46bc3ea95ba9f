package dev.lockstep.planner.hcl.library;

import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.lib.CollectionFunctions;
import dev.lockstep.planner.hcl.function.lib.ConversionFunctions;
import dev.lockstep.planner.hcl.function.lib.CryptoFunctions;
import dev.lockstep.planner.hcl.function.lib.DateTimeFunctions;
import dev.lockstep.planner.hcl.function.lib.EncodingFunctions;
import dev.lockstep.planner.hcl.function.lib.EnvironmentFunctions;
import dev.lockstep.planner.hcl.function.lib.FileFunctions;
import dev.lockstep.planner.hcl.function.lib.FormatFunctions;
import dev.lockstep.planner.hcl.function.lib.MapFunctions;
import dev.lockstep.planner.hcl.function.lib.MarkFunctions;
import dev.lockstep.planner.hcl.function.lib.NetworkFunctions;
import dev.lockstep.planner.hcl.function.lib.NumericFunctions;
import dev.lockstep.planner.hcl.function.lib.PathFunctions;
import dev.lockstep.planner.hcl.function.lib.RegexFunctions;
import dev.lockstep.planner.hcl.function.lib.SequenceFunctions;
import dev.lockstep.planner.hcl.function.lib.SetFunctions;
import dev.lockstep.planner.hcl.function.lib.StringFunctions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The standard function library of lockstep's HCL: Terraform's built-in functions (except
 * {@code try}, {@code can} and {@code templatefile}, which need the evaluator) plus the lockstep
 * extension {@code env}. See {@code docs/functions.md} for the list and the deliberate
 * differences from Terraform.
 */
public final class StandardLibrary {

    private StandardLibrary() {
    }

    /** Every standard function, by name, in name order. */
    public static SortedMap<String, Function> create(FunctionContext ctx) {
        TreeMap<String, Function> all = new TreeMap<>();
        for (List<Function> group : List.of(NumericFunctions.all(), StringFunctions.all(), FormatFunctions.all(),
                RegexFunctions.all(), CollectionFunctions.all(), SequenceFunctions.all(), MapFunctions.all(),
                SetFunctions.all(), ConversionFunctions.all(), EncodingFunctions.all(), CryptoFunctions.all(ctx),
                DateTimeFunctions.all(ctx), NetworkFunctions.all(), FileFunctions.all(ctx), PathFunctions.all(ctx),
                EnvironmentFunctions.all(ctx), MarkFunctions.all())) {
            for (Function f : group) {
                if (all.put(f.name(), f) != null) {
                    throw new IllegalStateException("function " + f.name() + " is defined twice");
                }
            }
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /** The names of the standard functions. */
    public static List<String> names() {
        Map<String, Function> all = create(FunctionContext.defaults());
        return List.copyOf(all.keySet());
    }
}
