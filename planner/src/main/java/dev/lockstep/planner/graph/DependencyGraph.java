package dev.lockstep.planner.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directed graph of nodes where an edge {@code a -> b} means "a depends on b". Finds strongly
 * connected components (Tarjan, iterative, so deep graphs cannot overflow the stack) to report
 * cycles, and orders nodes so that dependencies come first.
 */
public final class DependencyGraph<N> {

    private final Map<N, Set<N>> edges = new LinkedHashMap<>();

    public void addNode(N n) {
        edges.computeIfAbsent(n, k -> new LinkedHashSet<>());
    }

    /** Records that {@code from} depends on {@code to}; both become nodes. */
    public void addEdge(N from, N to) {
        addNode(to);
        edges.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
    }

    public Set<N> nodes() {
        return Collections.unmodifiableSet(edges.keySet());
    }

    /** What {@code n} depends on directly. */
    public Set<N> dependencies(N n) {
        Set<N> d = edges.get(n);
        return d == null ? Set.of() : Collections.unmodifiableSet(d);
    }

    /** What depends on {@code n} directly. */
    public Set<N> dependents(N n) {
        Set<N> out = new LinkedHashSet<>();
        for (Map.Entry<N, Set<N>> e : edges.entrySet()) {
            if (e.getValue().contains(n)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Every node reachable from {@code start} through dependencies, {@code start} included. */
    public Set<N> transitiveDependencies(N start) {
        Set<N> seen = new LinkedHashSet<>();
        Deque<N> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            N n = todo.pop();
            if (seen.add(n)) {
                for (N d : dependencies(n)) {
                    todo.push(d);
                }
            }
        }
        return seen;
    }

    /** Each cycle: a strongly connected component with more than one node, or a self-edge. */
    public List<List<N>> cycles() {
        List<List<N>> out = new ArrayList<>();
        for (List<N> scc : components()) {
            if (scc.size() > 1 || dependencies(scc.get(0)).contains(scc.get(0))) {
                out.add(scc);
            }
        }
        return out;
    }

    /**
     * The strongly connected components in dependency order: every component comes after the
     * components it depends on. With no cycles, each component is one node, so this is a
     * topological order.
     */
    public List<List<N>> components() {
        Map<N, Integer> index = new HashMap<>();
        Map<N, Integer> low = new HashMap<>();
        Set<N> onStack = new LinkedHashSet<>();
        Deque<N> stack = new ArrayDeque<>();
        List<List<N>> result = new ArrayList<>();
        int[] counter = {0};
        for (N root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            // iterative Tarjan: frames of (node, iterator over its dependencies)
            Deque<Map.Entry<N, java.util.Iterator<N>>> frames = new ArrayDeque<>();
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            frames.push(Map.entry(root, dependencies(root).iterator()));
            while (!frames.isEmpty()) {
                Map.Entry<N, java.util.Iterator<N>> f = frames.peek();
                N v = f.getKey();
                if (f.getValue().hasNext()) {
                    N w = f.getValue().next();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        frames.push(Map.entry(w, dependencies(w).iterator()));
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    N parent = frames.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<N> scc = new ArrayList<>();
                    N w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        scc.add(w);
                    } while (!w.equals(v));
                    Collections.reverse(scc);
                    result.add(scc);
                }
            }
        }
        return result;
    }

    /** Nodes with dependencies first; nodes inside cycles appear in some order. */
    public List<N> topologicalOrder() {
        List<N> out = new ArrayList<>();
        for (List<N> c : components()) {
            out.addAll(c);
        }
        return out;
    }
}
