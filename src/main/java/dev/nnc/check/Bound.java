package dev.nnc.check;

import dev.nnc.diag.Span;
import dev.nnc.ir.Init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Arguments after binding: each known name with its converted value and the span it was
 * written at. Arguments that were wrong are absent (their error is already reported), so
 * callers fall back to defaults and carry on checking.
 */
final class Bound {
    record Entry(Object value, Span span) {}

    private final Signature signature;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    Bound(Signature signature) {
        this.signature = signature;
    }

    void put(String name, Object value, Span span) { entries.put(name, new Entry(value, span)); }

    boolean has(String name) { return entries.containsKey(name); }

    Optional<Span> span(String name) { return Optional.ofNullable(entries.get(name)).map(Entry::span); }

    private Object get(String name) {
        Entry e = entries.get(name);
        if (e != null) return e.value();
        return signature.named(name).map(Param::fallback).orElse(null);
    }

    Optional<Integer> size(String name) { return Optional.ofNullable((Long) get(name)).map(Long::intValue); }

    long integer(String name) { Object v = get(name); return v == null ? 0 : (Long) v; }

    double real(String name) { Object v = get(name); return v == null ? 0 : ((Number) v).doubleValue(); }

    boolean bool(String name) { Object v = get(name); return v != null && (Boolean) v; }

    Optional<Init> init(String name) { return Optional.ofNullable((Init) get(name)); }

    Optional<int[]> window(String name) { return Optional.ofNullable((int[]) get(name)); }

    Optional<double[]> pair(String name) { return Optional.ofNullable((double[]) get(name)); }
}
