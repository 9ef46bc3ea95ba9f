package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.OperationGraph.Operation;
import dev.lockstep.planner.graph.DependencyGraph;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.backend.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out a plan: walks the operation graph with at most {@code parallelism} provider calls
 * at a time, records every result in the journal as it happens, stops the dependants of a failed
 * operation while letting independent branches finish, and, when cancelled (first Ctrl-C),
 * starts nothing new but lets in-flight calls complete.
 */
public final class Applier {

    /** What the apply did. */
    public record Result(Diagnostics diagnostics, int succeeded, int failed, int skipped, boolean interrupted,
            Map<ResourceAddress, String> outcomes) {
    }

    private final Planner.Result planned;
    private final Planner.Request request;
    private final Journal journal;
    private final ApplyListener listener;
    private final AtomicBoolean cancelled;
    private final int parallelism;

    public Applier(Planner.Request request, Planner.Result planned, Journal journal, int parallelism,
            ApplyListener listener, AtomicBoolean cancelled) {
        this.request = request;
        this.planned = planned;
        this.journal = journal;
        this.parallelism = parallelism;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    public Result apply() {
        Diagnostics diags = new Diagnostics();
        List<ResourceChange> changes = new ArrayList<>();
        for (ResourceChange c : planned.plan().changes()) {
            if (c.action().isChange() || c.action() == dev.lockstep.planner.plan.Action.READ) {
                changes.add(c);
            }
        }
        OperationGraph og = OperationGraph.of(changes);
        DependencyGraph<Operation> g = og.graph();
        List<List<Operation>> cycles = g.cycles();
        if (!cycles.isEmpty()) {
            diags.error("Cannot order the changes", "These operations depend on each other in a loop: " + cycles.get(0)
                    + ". This happens when a resource replaced with create_before_destroy depends on one that is not; "
                    + "set create_before_destroy on both.", null);
            return new Result(diags, 0, 0, changes.size(), false, Map.of());
        }
        Map<Operation, Set<Operation>> dependents = new HashMap<>();
        Map<Operation, Integer> waiting = new HashMap<>();
        for (Operation o : g.nodes()) {
            waiting.put(o, g.dependencies(o).size());
            for (Operation d : g.dependencies(o)) {
                dependents.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(o);
            }
        }
        OperationRunner runner = new OperationRunner(request, planned, journal, listener);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "lockstep-apply");
            t.setDaemon(true);
            return t;
        });
        LinkedBlockingQueue<Map.Entry<Operation, Diagnostics>> done = new LinkedBlockingQueue<>();
        Map<ResourceAddress, String> outcomes = new java.util.TreeMap<>();
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        Set<Operation> finished = new LinkedHashSet<>();
        List<Operation> ready = new ArrayList<>();
        for (Map.Entry<Operation, Integer> e : waiting.entrySet()) {
            if (e.getValue() == 0) {
                ready.add(e.getKey());
            }
        }
        ready.sort((a, b) -> a.address().compareTo(b.address()));
        try {
            while (true) {
                while (!ready.isEmpty() && running < parallelism && !cancelled.get()) {
                    Operation o = ready.remove(0);
                    running++;
                    pool.submit(() -> {
                        Diagnostics d;
                        try {
                            d = runner.run(o);
                        } catch (RuntimeException ex) {
                            d = new Diagnostics().add(dev.lockstep.api.diag.Diagnostic.error(
                                    "Operation failed unexpectedly", o + " failed with "
                                    + ex.getClass().getSimpleName() + ". This is a bug in lockstep or its provider; "
                                    + "please report it (run again with --stacktrace for details).", null)
                                    .withCause(ex));
                        }
                        done.add(Map.entry(o, d));
                    });
                }
                if (running == 0) {
                    break;
                }
                Map.Entry<Operation, Diagnostics> r;
                try {
                    r = done.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled.set(true);
                    continue;
                }
                running--;
                Operation o = r.getKey();
                finished.add(o);
                diags.addAll(r.getValue());
                if (r.getValue().hasErrors()) {
                    failed++;
                    outcomes.put(o.address(), "failed");
                    continue; // its dependants never become ready
                }
                succeeded++;
                outcomes.putIfAbsent(o.address(), "ok");
                for (Operation next : dependents.getOrDefault(o, Set.of())) {
                    int left = waiting.merge(next, -1, Integer::sum);
                    if (left == 0) {
                        ready.add(next);
                    }
                }
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!cancelled.get()) {
            afterOperations(runner, finished.size() == g.nodes().size(), diags);
        }
        int skipped = 0;
        for (Operation o : g.nodes()) {
            if (!finished.contains(o)) {
                skipped++;
                listener.skipped(o.address(), o.op(), cancelled.get() ? "the apply was interrupted"
                        : "an operation it depends on failed");
                outcomes.putIfAbsent(o.address(), "skipped");
            }
        }
        return new Result(diags, succeeded, failed, skipped, cancelled.get(), outcomes);
    }

    /**
     * What follows the operations, as in Terraform: the conditions of the instances left
     * unchanged are checked again against the applied values, and, when every operation ran, the
     * check blocks' assertions (warnings only).
     */
    private void afterOperations(OperationRunner runner, boolean allRan, Diagnostics diags) {
        var failure = planned.plan().mode() == dev.lockstep.planner.plan.PlanMode.REFRESH_ONLY
                ? dev.lockstep.api.diag.Severity.WARNING : dev.lockstep.api.diag.Severity.ERROR;
        for (PlannedInstance pi : planned.instances().values()) {
            if (pi.change().action() == dev.lockstep.planner.plan.Action.NO_OP) {
                diags.addAll(runner.recheck(pi, failure));
            }
        }
        if (allRan && planned.plan().mode() != dev.lockstep.planner.plan.PlanMode.DESTROY) {
            var ctx = dev.lockstep.planner.hcl.eval.EvalContext.of(planned.scope(), request.functions(),
                    request.functionContext());
            Conditions.checkBlocks(request.config().checks().values(), ctx, false, diags);
        }
    }

    /**
     * The final value of every output, evaluated after the apply against the applied values; an
     * output whose precondition fails (an error in {@code diags}) has no value.
     */
    public static Map<String, Value> outputs(Planner.Request request, Planner.Result planned, Diagnostics diags) {
        Map<String, Value> out = new java.util.TreeMap<>();
        var ctx = dev.lockstep.planner.hcl.eval.EvalContext.of(planned.scope(), request.functions(),
                request.functionContext());
        for (var o : request.config().outputs().values()) {
            int errs = diags.errorCount();
            Conditions.check(Conditions.Kind.OUTPUT_PRECONDITION, o.preconditions(), ctx,
                    dev.lockstep.api.diag.Severity.ERROR, false, diags);
            if (diags.errorCount() > errs) {
                continue;
            }
            out.put(o.name(), dev.lockstep.planner.hcl.eval.Evaluator.evaluate(o.value(), ctx, diags));
        }
        return out;
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
