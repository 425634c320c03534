package dev.nnc.api;

import java.util.List;

/**
 * One trainable tensor of a generated model: where it lives in the flat parameter array
 * and its shape (row-major, the layouts of the .nn language: a dense W is [out][in], a
 * conv2d kernel [out][in][kh][kw]).
 */
public record ParamInfo(String name, String layer, boolean weight, int offset, List<Integer> shape) {
    public ParamInfo {
        shape = List.copyOf(shape);
    }

    public int size() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
