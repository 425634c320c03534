package dev.nnc.ir;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.stream.Collectors;

/** A per-sample tensor shape: {@code [784]} or {@code [channels, height, width]}. */
public record Shape(List<Integer> dims) {
    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public int rank() { return dims.size(); }

    public int dim(int i) { return dims.get(i); }

    /** Number of values; shapes are checked to fit an int before they are built. */
    public int size() {
        long n = 1;
        for (int d : dims) n *= d;
        return (int) n;
    }

    public boolean isVector() { return dims.size() == 1; }

    public boolean isImage() { return dims.size() == 3; }

    @JsonValue
    @Override
    public String toString() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
