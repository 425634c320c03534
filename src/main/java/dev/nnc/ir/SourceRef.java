package dev.nnc.ir;

/** Where a piece of the model was written: kept in the IR so generated code can point back. */
public record SourceRef(String file, int line, int column) {
    /** {@code file:line:column}, as compilers print a location. */
    public String location() { return file + ":" + line + ":" + column; }

    @Override
    public String toString() { return file + ":" + line; }
}
