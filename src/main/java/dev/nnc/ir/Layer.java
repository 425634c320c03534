package dev.nnc.ir;

import java.util.List;

/**
 * One resolved step of the forward pass. An activation written after a layer on the
 * same line is a layer of its own here, in order, as it is in the fixtures.
 */
public sealed interface Layer permits Layer.Dense, Layer.Conv2d, Layer.Pool2d, Layer.Flatten,
        Layer.Dropout, Layer.Activation {

    /** Position in {@link Model#layers()}, from 0. */
    int index();

    /** The name written in the source, or one made up from the kind (e.g. {@code maxpool2d_1}). */
    String name();

    Shape in();

    Shape out();

    SourceRef source();

    /** A word for summaries: dense, conv2d, maxpool2d, flatten, relu, ... */
    String kind();

    default List<ParamTensor> params() { return List.of(); }

    default long paramCount() { return params().stream().mapToLong(ParamTensor::size).sum(); }

    /** Floating-point operations of one forward pass for one sample (a multiply-add counts 2). */
    long flops();

    /**
     * Whether it neither weighs nor activates (pools, dropout, flatten): a value keeps its sign through
     * it, so the activation it met before still describes it, and the one it meets after is the one a
     * weight layer before it feeds. The lints look past such layers; a new kind of layer must say.
     */
    boolean passesValuesOn();

    record Dense(int index, String name, Shape in, Shape out, SourceRef source,
                 int inputs, int outputs, ParamTensor weight, java.util.Optional<ParamTensor> bias) implements Layer {
        public String kind() { return "dense"; }

        public List<ParamTensor> params() { return bias.isPresent() ? List.of(weight, bias.get()) : List.of(weight); }

        public long flops() { return 2L * inputs * outputs + (bias.isPresent() ? outputs : 0); }

        public boolean passesValuesOn() { return false; }
    }

    record Conv2d(int index, String name, Shape in, Shape out, SourceRef source,
                  int inChannels, int outChannels, int kernelH, int kernelW, int stride, int padding,
                  ParamTensor weight, java.util.Optional<ParamTensor> bias) implements Layer {
        public String kind() { return "conv2d"; }

        public List<ParamTensor> params() { return bias.isPresent() ? List.of(weight, bias.get()) : List.of(weight); }

        public long flops() {
            long outputs = (long) out.size();
            return outputs * (2L * inChannels * kernelH * kernelW + (bias.isPresent() ? 1 : 0));
        }

        public boolean passesValuesOn() { return false; }
    }

    record Pool2d(int index, String name, Shape in, Shape out, SourceRef source,
                  Mode mode, int kernelH, int kernelW, int strideH, int strideW) implements Layer {
        public enum Mode { MAX, AVG }

        /** "2", or "1×2" for a window that moves by other steps down and across. */
        public String strideText() { return strideH == strideW ? String.valueOf(strideH) : strideH + "×" + strideW; }

        public String kind() { return mode == Mode.MAX ? "maxpool2d" : "avgpool2d"; }

        public long flops() { return (long) out.size() * kernelH * kernelW; }

        public boolean passesValuesOn() { return true; } // the largest or the mean of values: signs and bounds kept
    }

    record Flatten(int index, String name, Shape in, Shape out, SourceRef source) implements Layer {
        public String kind() { return "flatten"; }

        public long flops() { return 0; }

        public boolean passesValuesOn() { return true; }
    }

    /** Identity at inference; in training keeps each value with probability 1 − rate, scaled by 1/(1 − rate). */
    record Dropout(int index, String name, Shape in, Shape out, SourceRef source, double rate) implements Layer {
        public String kind() { return "dropout"; }

        public long flops() { return 0; }

        public boolean passesValuesOn() { return true; } // zeros and scaled values: signs kept
    }

    record Activation(int index, String name, Shape in, Shape out, SourceRef source,
                      Function function, double alpha) implements Layer {
        public enum Function { IDENTITY, STEP, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTMAX }

        public String kind() { return function.name().toLowerCase(java.util.Locale.ROOT); }

        public long flops() {
            return switch (function) {
                case IDENTITY -> 0;
                case SOFTMAX -> 3L * out.size();
                default -> out.size();
            };
        }

        public boolean passesValuesOn() { return false; } // (identity does, but is an activation: the lints treat it as one)
    }
}
