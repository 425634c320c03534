package dev.nnc.ir;

import java.util.List;
import java.util.Optional;

/**
 * One trainable tensor, e.g. {@code h1.weight} of shape [128, 784]. {@code offset} is its
 * position in the model's flat parameter array; {@code fanIn}/{@code fanOut} feed the
 * initializer. {@code values} holds a literal from the source (row-major), if one was written.
 */
public record ParamTensor(String name, String layer, Role role, Shape shape, int offset,
                          int fanIn, int fanOut, Init init, Optional<List<Double>> values) {
    public enum Role { WEIGHT, BIAS }

    public ParamTensor {
        values = values.map(List::copyOf);
    }

    public int size() { return shape.size(); }
}
