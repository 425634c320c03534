package dev.nnc.ir;

/** Where a piece of the model was written: kept in the IR so generated code can point back. */
public record SourceRef(String file, int line, int column) {
    @Override
    public String toString() { return file + ":" + line; }
}
