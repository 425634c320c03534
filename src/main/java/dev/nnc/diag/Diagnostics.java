package dev.nnc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the diagnostics of one phase instead of throwing at the first, in the
 * manner of Wire's ErrorCollector: report everything, then decide whether to go on.
 */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) { all.add(d); }

    public void addAll(List<Diagnostic> ds) { all.addAll(ds); }

    /** How many there are: a mark for {@link #dropAfter}. */
    public int size() { return all.size(); }

    /** Drops those added after {@code mark}: the complaints of a guess made only to check what follows it. */
    public void dropAfter(int mark) { all.subList(mark, all.size()).clear(); }

    public boolean hasErrors() { return all.stream().anyMatch(Diagnostic::isError); }

    /** In source order, which is the order a reader meets them. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(BY_POSITION);
        return List.copyOf(copy);
    }

    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.file() == null ? "" : d.file())
            .thenComparingInt(d -> d.span() == null ? 0 : d.span().start())
            .thenComparing(d -> d.code().name());
}
