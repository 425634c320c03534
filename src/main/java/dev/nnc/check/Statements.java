package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.syntax.Ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of a model sorted by role, with the rules on how many of each there
 * may be and in which order: input first, then layers, then loss, optimizer and train.
 */
record Statements(Optional<Ast.Input> input, List<Ast.Layer> layers, Optional<Ast.Loss> loss,
                  Optional<Ast.Optimizer> optimizer, Optional<Ast.Train> train) {

    /**
     * {@code optimizr sgd(lr: 0.1)}, {@code los mse}, {@code trian(batch: 4)} parse as layers of an
     * unknown kind; read as the statement they almost surely are, after an error that says so, so
     * that no "a loss but no optimizer" or "layers must come before loss" follows from the typo.
     */
    private static Ast.Statement misspelledKeyword(Ast.Statement st, Diagnostics diagnostics) {
        if (!(st instanceof Ast.Layer l) || !l.literals().isEmpty() || l.activation().isPresent()) return st;
        String kind = l.kind().text();
        if (Catalog.LAYER_KINDS.contains(kind) || Catalog.ACTIVATIONS.containsKey(kind)
                || Names.suggest(kind, Catalog.layerOrActivationNames()).isPresent()) {
            return st; // a layer, or a layer misspelled: the layer rules say so
        }
        Optional<String> meant = Names.suggest(kind, List.of("loss", "optimizer", "train"));
        if (meant.isEmpty() || meant.get().equals("train") != l.name().isEmpty()) return st; // `los` needs a kind after it, `trian` none
        diagnostics.add(Diagnostic.at(Code.NN0201, l.kind().span(), "unknown layer kind or statement `" + kind + "`")
                .label("neither a layer kind nor a statement")
                .help(kind.toLowerCase(java.util.Locale.ROOT).equals(meant.get()) ? "keywords are lowercase: `" + meant.get() + "`"
                        : "did you mean `" + meant.get() + "`?")
                .build());
        return switch (meant.get()) {
            case "loss" -> new Ast.Loss(l.name().get(), l.arguments(), l.span());
            case "optimizer" -> new Ast.Optimizer(l.name().get(), l.arguments(), l.span());
            default -> new Ast.Train(l.arguments(), l.kind().span(), l.span());
        };
    }

    static Statements sort(Ast.Model model, Diagnostics diagnostics) {
        Ast.Input input = null;
        Ast.Loss loss = null;
        Ast.Optimizer optimizer = null;
        Ast.Train train = null;
        Ast.Statement firstTail = null; // the first of loss/optimizer/train
        List<Ast.Layer> layers = new ArrayList<>();
        for (Ast.Statement written : model.statements()) {
            Ast.Statement st = misspelledKeyword(written, diagnostics);
            if (st instanceof Ast.Input in) {
                if (input != null) duplicate(diagnostics, "input", in, input);
                else input = in;
                if (!layers.isEmpty()) {
                    diagnostics.add(Diagnostic.at(Code.NN0304, in.span(), "`input` must come before the layers")
                            .label("after the first layer")
                            .secondary(layers.get(0).span(), "first layer")
                            .help("move `input` to the first line of the model")
                            .build());
                }
            } else if (st instanceof Ast.Layer l) {
                if (firstTail != null) {
                    diagnostics.add(Diagnostic.at(Code.NN0304, l.span(), "layers must come before `loss`, `optimizer` and `train`")
                            .label("layer after the training statements")
                            .secondary(firstTail.span(), "training statements start here")
                            .help("move this layer up, above `" + firstWord(firstTail) + "`")
                            .build());
                }
                layers.add(l);
            } else if (st instanceof Ast.Loss l) {
                if (loss != null) duplicate(diagnostics, "loss", l, loss); else loss = l;
                if (firstTail == null) firstTail = l;
            } else if (st instanceof Ast.Optimizer o) {
                if (optimizer != null) duplicate(diagnostics, "optimizer", o, optimizer); else optimizer = o;
                if (firstTail == null) firstTail = o;
            } else if (st instanceof Ast.Train t) {
                if (train != null) duplicate(diagnostics, "train", t, train); else train = t;
                if (firstTail == null) firstTail = t;
            }
        }
        String name = model.name().text();
        if (input == null) {
            diagnostics.add(Diagnostic.at(Code.NN0302, model.name().span(), "model `" + name + "` has no `input` statement")
                    .label("no input")
                    .help("add the shape of one sample as the first line, e.g. `input [784]` or `input [1, 28, 28]`")
                    .build());
        }
        if (layers.isEmpty()) {
            diagnostics.add(Diagnostic.at(Code.NN0302, model.name().span(), "model `" + name + "` has no layers")
                    .label("nothing to compute")
                    .help("add a layer, e.g. `dense out(10)`")
                    .build());
        }
        if (loss != null && optimizer == null) {
            diagnostics.add(Diagnostic.at(Code.NN0302, loss.span(), "model `" + name + "` has a loss but no optimizer")
                    .label("training needs an optimizer too")
                    .help("add `optimizer adam(lr: 0.001)` after the loss, or remove the loss for an inference-only model")
                    .build());
        }
        if (optimizer != null && loss == null) {
            diagnostics.add(Diagnostic.at(Code.NN0302, optimizer.span(), "model `" + name + "` has an optimizer but no loss")
                    .label("nothing to minimize")
                    .help("add a loss before the optimizer, e.g. `loss softmax_cross_entropy`")
                    .build());
        }
        return new Statements(Optional.ofNullable(input), List.copyOf(layers), Optional.ofNullable(loss),
                Optional.ofNullable(optimizer), Optional.ofNullable(train));
    }

    private static void duplicate(Diagnostics diagnostics, String what, Ast.Statement again, Ast.Statement first) {
        diagnostics.add(Diagnostic.at(Code.NN0303, again.span(), "a model has one `" + what + "` statement, this is the second")
                .label("second `" + what + "`")
                .secondary(first.span(), "first `" + what + "` here")
                .help("remove one of them")
                .build());
    }

    private static String firstWord(Ast.Statement st) {
        String text = st.span().text();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) end++;
        return text.substring(0, end);
    }
}
