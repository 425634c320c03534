package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Layer.Activation.Function;
import dev.nnc.ir.Loss;
import dev.nnc.syntax.Ast;

/** Whether a loss fits what the model's last layer delivers. */
final class LossRules {
    private LossRules() {}

    /**
     * @param last   the model's last layer
     * @param output its last layer that shapes the output ({@link Layers#shapingOutput}: the same but
     *               for a trailing dropout or identity): a final activation is looked for there
     * @param next   the layer after {@code output}, if any: what stands between it and the loss
     */
    static void check(Loss loss, Ast.Loss stmt, Layers.Site last, Layers.Site output, Layers.Site next, Diagnostics diagnostics) {
        Layer out = last.layer();
        Function finalActivation = output.layer() instanceof Layer.Activation a ? a.function() : null;
        boolean dropoutAfter = last != output;
        String name = stmt.kind().text();
        switch (loss.kind()) {
            case SOFTMAX_CROSS_ENTROPY -> {
                if (classes(stmt, out, diagnostics) && finalActivation == Function.SOFTMAX) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`softmax_cross_entropy` applies softmax itself, but the model already ends in softmax")
                            .label("expects logits")
                            .secondary(output.kindSpan(), "softmax applied here")
                            .help("write `loss cross_entropy` to train through this softmax, or remove the `softmax`")
                            .build());
                }
            }
            case CROSS_ENTROPY -> {
                // On an output that is no vector of classes, a softmax would not help: that error alone.
                if (!classes(stmt, out, diagnostics)) return;
                if (finalActivation == Function.SOFTMAX && dropoutAfter) {
                    dropoutAfter(stmt, "softmax", output, next, diagnostics);
                } else if (finalActivation != Function.SOFTMAX) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`cross_entropy` expects probabilities from a final softmax, but the model ends in `" + out.kind() + "`")
                            .label("needs a final softmax")
                            .secondary(last.kindSpan(), "last layer")
                            .help("add `softmax` after the last layer, or write `loss softmax_cross_entropy` to train on logits")
                            .build());
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                if (finalActivation == Function.SIGMOID && dropoutAfter) {
                    dropoutAfter(stmt, "sigmoid", output, next, diagnostics);
                } else if (finalActivation != Function.SIGMOID) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`binary_cross_entropy` expects probabilities from a final sigmoid, but the model ends in `" + out.kind() + "`")
                            .label("needs a final sigmoid")
                            .secondary(last.kindSpan(), "last layer")
                            .help("add `sigmoid` after the last layer, or write `loss sigmoid_binary_cross_entropy` to train on logits")
                            .build());
                }
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                if (finalActivation == Function.SIGMOID) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`" + name + "` applies sigmoid itself, but the model already ends in sigmoid")
                            .label("expects logits")
                            .secondary(output.kindSpan(), "sigmoid applied here")
                            .help("write `loss binary_cross_entropy` to train through this sigmoid, or remove the `sigmoid`")
                            .build());
                }
            }
            case MSE, SUM_SQUARES -> { } // element by element: any output, a vector or an image
        }
    }

    /** The loss trains through the final activation, which must therefore come last; a dropout or an identity follows it. */
    private static void dropoutAfter(Ast.Loss stmt, String activation, Layers.Site output, Layers.Site next, Diagnostics diagnostics) {
        boolean dropout = next.layer() instanceof Layer.Dropout;
        String what = dropout ? "dropout" : next.span().text();
        diagnostics.add(Diagnostic.at(Code.NN0108, next.kindSpan(),
                        "`" + stmt.kind().text() + "` trains through the final " + activation + ", but " + (dropout ? "a " : "")
                                + "`" + what + "` follows it")
                .label("after the output")
                .secondary(output.kindSpan(), "the " + activation + " the loss needs last")
                .note(!dropout ? "`" + what + "` changes nothing, but it stands between the " + activation + " and the loss"
                        : next.layer() instanceof Layer.Dropout d && d.rate() == 0
                        ? "`dropout(0)` does nothing, but it stands between the " + activation + " and the loss"
                        : "in training, a dropout here would zero some of the " + activation + "'s outputs before the loss reads them")
                .help(dropout ? "remove this `dropout`, or move it above the output layer: dropout belongs between hidden layers"
                        : "remove this `" + what + "`")
                .build());
    }

    /** Whether the output is a vector of at least 2 classes, reporting why not. */
    private static boolean classes(Ast.Loss stmt, Layer out, Diagnostics diagnostics) {
        if (!vector(stmt, out, diagnostics)) return false;
        if (out.out().dim(0) < 2) {
            diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                            "`" + stmt.kind().text() + "` needs at least 2 classes, but the model outputs " + out.out())
                    .label("one output")
                    .help("for a yes/no target use one sigmoid output with `binary_cross_entropy`")
                    .build());
            return false;
        }
        return true;
    }

    private static boolean vector(Ast.Loss stmt, Layer out, Diagnostics diagnostics) {
        if (out.out().isVector()) return true;
        diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                        "`" + stmt.kind().text() + "` needs a vector output, but the model outputs " + out.out())
                .label("output is " + out.out())
                .help("end the model with `flatten` and a `dense` layer")
                .build());
        return false;
    }
}
