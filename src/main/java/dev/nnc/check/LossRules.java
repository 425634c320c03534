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
     * @param after  the layers after {@code output}: what stands between it and the loss
     */
    static void check(Loss loss, Ast.Loss stmt, Layers.Site last, Layers.Site output, java.util.List<Layers.Site> after,
                      Diagnostics diagnostics) {
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
                            .help(removing(after) + "write `loss cross_entropy` to train through this softmax, or remove the `softmax`")
                            .build());
                }
            }
            case CROSS_ENTROPY -> {
                // On an output that is no vector of classes, a softmax would not help: that error alone.
                if (!classes(stmt, out, diagnostics)) return;
                if (finalActivation == Function.SOFTMAX && dropoutAfter) {
                    dropoutAfter(stmt, "softmax", output, after, diagnostics);
                } else if (finalActivation != Function.SOFTMAX) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`cross_entropy` expects probabilities from a final softmax, but the model ends in `" + out.kind() + "`")
                            .label("needs a final softmax")
                            .secondary(last.kindSpan(), "last layer")
                            .help(addOrReplace("softmax", finalActivation) + ", or " + removingFinal(finalActivation)
                                    + "write `loss softmax_cross_entropy` to train on logits")
                            .build());
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                if (finalActivation == Function.SIGMOID && dropoutAfter) {
                    dropoutAfter(stmt, "sigmoid", output, after, diagnostics);
                } else if (finalActivation != Function.SIGMOID) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`binary_cross_entropy` expects probabilities from a final sigmoid, but the model ends in `" + out.kind() + "`")
                            .label("needs a final sigmoid")
                            .secondary(last.kindSpan(), "last layer")
                            .help(addOrReplace("sigmoid", finalActivation) + ", or " + removingFinal(finalActivation)
                                    + "write `loss sigmoid_binary_cross_entropy` to train on logits")
                            .build());
                }
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                if (finalActivation == Function.SIGMOID) {
                    diagnostics.add(Diagnostic.at(Code.NN0108, stmt.kind().span(),
                                    "`" + name + "` applies sigmoid itself, but the model already ends in sigmoid")
                            .label("expects logits")
                            .secondary(output.kindSpan(), "sigmoid applied here")
                            .help(removing(after) + "write `loss binary_cross_entropy` to train through this sigmoid, or remove the `sigmoid`")
                            .build());
                }
            }
            case MSE, SUM_SQUARES -> { } // element by element: any output, a vector or an image
        }
    }

    /**
     * "add `softmax` after the last layer", or, when the model ends in another activation (identity aside),
     * "replace `sigmoid` with `softmax`": the one squashed by the other would train badly, unsaid but for NN0516.
     */
    /** "remove the `relu` and " before a loss on logits, when the model ends in an activation (NN0508 otherwise). */
    private static String removingFinal(Function finalActivation) {
        if (finalActivation == null || finalActivation == Function.IDENTITY) return "";
        return "remove the `" + finalActivation.name().toLowerCase(java.util.Locale.ROOT) + "` and ";
    }

    private static String addOrReplace(String needed, Function finalActivation) {
        if (finalActivation == null || finalActivation == Function.IDENTITY) return "add `" + needed + "` after the last layer";
        return "replace `" + finalActivation.name().toLowerCase(java.util.Locale.ROOT) + "` with `" + needed + "`";
    }

    /** The loss trains through the final activation, which must therefore come last; a dropout or an identity follows it. */
    private static void dropoutAfter(Ast.Loss stmt, String activation, Layers.Site output, java.util.List<Layers.Site> after,
                                     Diagnostics diagnostics) {
        Layers.Site next = after.get(0);
        boolean dropout = after.size() == 1 && next.layer() instanceof Layer.Dropout;
        String what = after.stream().map(s -> "`" + written(s.layer()) + "`").collect(java.util.stream.Collectors.joining(", "));
        Diagnostic.Builder d = Diagnostic.at(Code.NN0108, next.kindSpan(),
                        "`" + stmt.kind().text() + "` trains through the final " + activation + ", but " + (dropout ? "a " : "")
                                + what + (after.size() == 1 ? " follows" : " follow") + " it")
                .label("after the output")
                .secondary(output.kindSpan(), "the " + activation + " the loss needs last");
        if (after.size() > 1) {
            d.note("they stand between the " + activation + " and the loss")
                    .help("remove them; a dropout belongs between hidden layers, above the output layer");
        } else if (dropout) {
            d.note(next.layer() instanceof Layer.Dropout r && r.rate() == 0
                            ? "`dropout(0)` does nothing, but it stands between the " + activation + " and the loss"
                            : "in training, a dropout here would zero some of the " + activation + "'s outputs before the loss reads them")
                    .help("remove this `dropout`, or move it above the output layer: dropout belongs between hidden layers");
        } else {
            d.note(what + " changes nothing, but it stands between the " + activation + " and the loss").help("remove this " + what);
        }
        diagnostics.add(d.build());
    }

    /**
     * "remove `identity` and " when layers stand between the output's activation and the loss: a loss that
     * trains through that activation needs it last, so the help must say to remove them too.
     */
    static String removing(java.util.List<Layers.Site> after) {
        if (after.isEmpty()) return "";
        return "remove " + after.stream().map(s -> "`" + written(s.layer()) + "`").collect(java.util.stream.Collectors.joining(", "))
                + " and ";
    }

    /** A layer as one writes it, whatever the spacing of the source: {@code identity}, {@code leaky_relu(alpha: 1)}, {@code dropout}. */
    static String written(Layer l) {
        if (l instanceof Layer.Activation a && a.function() == Function.LEAKY_RELU) {
            return "leaky_relu(alpha: " + dev.nnc.common.Decimals.of(a.alpha()) + ")";
        }
        return l.kind();
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
                // [10, 1, 1]: one value per channel is a vector already but for its shape.
                .help(out.out().rank() == 3 && out.out().size() == out.out().dim(0) && out.out().dim(0) >= 2
                        ? "end the model with `flatten`: it makes " + out.out() + " the vector [" + out.out().dim(0) + "]"
                        : "end the model with `flatten` and a `dense` layer")
                .build());
        return false;
    }
}
