package dev.nnc.diag;

/** A secondary span with a short explanation, drawn with {@code -} under the source. */
public record Label(Span span, String message) {}
