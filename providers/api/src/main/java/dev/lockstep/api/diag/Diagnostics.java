package dev.lockstep.api.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered, growable collection of diagnostics that an operation accumulates and returns
 * alongside its result. Not thread-safe; merge per-thread collections at the end.
 */
public final class Diagnostics implements Iterable<Diagnostic> {

    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics() {
    }

    public static Diagnostics of(Diagnostic... diagnostics) {
        Diagnostics d = new Diagnostics();
        for (Diagnostic x : diagnostics) {
            d.add(x);
        }
        return d;
    }

    public Diagnostics add(Diagnostic d) {
        items.add(d);
        return this;
    }

    public Diagnostics addAll(Iterable<Diagnostic> others) {
        for (Diagnostic d : others) {
            items.add(d);
        }
        return this;
    }

    public Diagnostics error(String summary, String detail, SourceRange subject) {
        return add(Diagnostic.error(summary, detail, subject));
    }

    public Diagnostics warning(String summary, String detail, SourceRange subject) {
        return add(Diagnostic.warning(summary, detail, subject));
    }

    public boolean hasErrors() {
        for (Diagnostic d : items) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public int errorCount() {
        int n = 0;
        for (Diagnostic d : items) {
            if (d.isError()) {
                n++;
            }
        }
        return n;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    public List<Diagnostic> asList() {
        return Collections.unmodifiableList(items);
    }

    /** The diagnostics sorted by file and position, errors and warnings interleaved. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort((a, b) -> {
            if (a.subject() == null || b.subject() == null) {
                return a.subject() == null ? (b.subject() == null ? 0 : -1) : 1;
            }
            int c = a.subject().file().compareTo(b.subject().file());
            return c != 0 ? c : a.subject().start().compareTo(b.subject().start());
        });
        return copy;
    }

    /**
     * A copy without repeated diagnostics (same severity, summary, detail and subject), which
     * arise when one expression is evaluated several times, keeping the first of each.
     */
    public Diagnostics deduplicated() {
        Diagnostics out = new Diagnostics();
        java.util.Set<Diagnostic> seen = new java.util.HashSet<>();
        for (Diagnostic d : items) {
            if (seen.add(d)) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public Iterator<Diagnostic> iterator() {
        return asList().iterator();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
