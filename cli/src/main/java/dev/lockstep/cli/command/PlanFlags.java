package dev.lockstep.cli.command;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that shape a plan, shared by {@code plan}, {@code apply} and {@code destroy}. */
public final class PlanFlags {

    @Option(names = "--target", paramLabel = "ADDR", description = "Plan only this resource (and what it depends on); "
            + "repeatable.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--replace", paramLabel = "ADDR", description = "Replace this instance even if unchanged; "
            + "repeatable.")
    List<String> replace = new ArrayList<>();

    @Option(names = "--refresh-only", description = "Only record changes made outside lockstep in the state.")
    boolean refreshOnly;

    @Option(names = "--refresh", arity = "1", paramLabel = "BOOL", defaultValue = "true",
            description = "Read live objects before planning (default true; --refresh=false uses the state as is).")
    boolean refresh = true;

    @Option(names = "--allow-lockout", description = "Allow a plan that removes lockstep's own right to manage an ACL "
            + "(Databricks permissions); refused otherwise.")
    boolean allowLockout;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "Provider calls to run at once (default 10).")
    int parallelism = 10;

    /** The plan options; throws IllegalArgumentException with a user-facing message for a bad address. */
    PlanOptions options(boolean destroy) {
        if (destroy && refreshOnly) {
            throw new IllegalArgumentException("--destroy and --refresh-only cannot be combined.");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1.");
        }
        PlanMode mode = destroy ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY : PlanMode.NORMAL;
        return new PlanOptions(mode, refresh, parse(targets), parse(replace), parallelism);
    }

    private static List<ResourceAddress> parse(List<String> addrs) {
        List<ResourceAddress> out = new ArrayList<>();
        for (String a : addrs) {
            out.add(ResourceAddress.parse(a));
        }
        return out;
    }
}
