package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;
import dev.nnc.ir.Optimizer;
import dev.nnc.ir.ParamTensor;
import dev.nnc.ir.Shape;
import dev.nnc.ir.Training;
import dev.nnc.syntax.Ast;
import dev.nnc.syntax.NnSyntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Locale;

/**
 * Shape inference and validation: AST in, every diagnostic and the checked IR out.
 * Problems are collected, never thrown; after an error the checker recovers what it
 * can (a declared size, say) so that later layers are still checked.
 */
public final class Checker {
    private final SourceFile source;
    private final Diagnostics diagnostics = new Diagnostics();
    private final Binder binder = new Binder(diagnostics);

    private Checker(SourceFile source) {
        this.source = source;
    }

    public static CheckResult check(SourceFile source, Ast.Model model) {
        return new Checker(source).run(model);
    }

    /** Layers, and parameter tensors, a model may have: see {@link #run}. */
    static final int MAX_LAYERS = 1_000;
    /** Distinct values in all weight literals together: see {@link #run}. */
    static final int MAX_LITERAL_VALUES = 25_000;

    /** The longest name: the generated class is named after the model (a file name has at most 255 bytes), its fields after the layers. */
    static final int LONGEST_NAME = 100;

    private void namedBriefly(Ast.Ident name, String what) {
        if (name.text().length() <= LONGEST_NAME) return;
        diagnostics.add(Diagnostic.at(Code.NN0214, name.span(), "the " + what + "'s name is " + String.format(Locale.ROOT, "%,d",
                        name.text().length()) + " characters long; the longest nnc takes is " + LONGEST_NAME)
                .label("too long")
                .note("the generated class is named after the model, its fields and methods after the input and the layers")
                .help("give it a shorter name")
                .build());
    }

    private CheckResult run(Ast.Model model) {
        Statements s = Statements.sort(model, diagnostics);
        String inputName = s.input().flatMap(Ast.Input::name).map(Ast.Ident::text).orElse("input");
        Optional<Shape> input = s.input().flatMap(this::inputShape);

        namedBriefly(model.name(), "model");
        s.input().flatMap(Ast.Input::name).ifPresent(n -> namedBriefly(n, "input"));
        s.layers().forEach(l -> l.name().ifPresent(n -> namedBriefly(n, "layer")));

        boolean trains = s.loss().isPresent() || s.optimizer().isPresent();
        Layers layers = new Layers(source, diagnostics, binder, trains);
        layers.infer(s.input().flatMap(Ast.Input::name), s.layers(), input.orElse(null));

        Optional<Loss> loss = s.loss().flatMap(l -> loss(l, layers));
        Optional<Optimizer> optimizer = s.optimizer().flatMap(this::optimizer);
        Training training = training(s.train(), trains, model.name().text());
        if (!diagnostics.hasErrors() && input.isPresent()) batchFits(training.batch(), s, input.get(), layers);

        if (!diagnostics.hasErrors()) {
            Lints.run(layers.sites(), loss, s.loss(), optimizer, s.optimizer(), diagnostics);
        }
        if (diagnostics.hasErrors() || input.isEmpty() || !layers.complete()) {
            return new CheckResult(source, Optional.empty(), diagnostics.sorted());
        }
        List<Layer> ir = layers.sites().stream().map(Layers.Site::layer).toList();
        List<ParamTensor> params = ir.stream().flatMap(l -> l.params().stream()).toList();
        if (ir.size() > MAX_LAYERS || params.size() > MAX_LAYERS) {
            // The generated class calls every layer, and steps every tensor, from one method each;
            // javac refuses a method over 64 KB of bytecode, which ~1,500 tensors reach.
            diagnostics.add(Diagnostic.at(Code.NN0110, model.name().span(), "model `" + model.name().text() + "` has "
                            + String.format(Locale.ROOT, "%,d layers and %,d parameter tensors", ir.size(), params.size())
                            + "; nnc generates classes for up to " + String.format(Locale.ROOT, "%,d", MAX_LAYERS) + " of each")
                    .label("too deep")
                    .note("a Java method holds at most 64 KB of bytecode, and the generated class calls every layer from one")
                    .help("use fewer, wider layers")
                    .build());
            return new CheckResult(source, Optional.empty(), diagnostics.sorted());
        }
        long distinct = params.stream().flatMap(t -> t.values().stream()).flatMap(List::stream).distinct().count();
        if (distinct > MAX_LITERAL_VALUES) {
            // Each distinct value of a literal is a constant of the generated class (two for a
            // double), and a class file holds at most 65,535.
            diagnostics.add(Diagnostic.at(Code.NN0110, model.name().span(), "the weight literals of `" + model.name().text() + "` hold "
                            + String.format(Locale.ROOT, "%,d distinct values; a generated class holds up to %,d", distinct, MAX_LITERAL_VALUES))
                    .label("too many literal values")
                    .note("every distinct value is a constant of the class, and a Java class file holds at most 65,535 constants")
                    .help("leave the large tensors out of the model and load trained weights into the class (setParams, or nnc eval --weights)")
                    .build());
            return new CheckResult(source, Optional.empty(), diagnostics.sorted());
        }
        Model m = new Model(model.name().text(), ref(model.name().span()), NnSyntax.canonicalHash(source.text()), inputName,
                ref(s.input().orElseThrow().span()), input.get(), ir,
                loss, optimizer, training, params);
        return new CheckResult(source, Optional.of(m), diagnostics.sorted());
    }

    private Optional<Shape> inputShape(Ast.Input in) {
        List<Integer> dims = new ArrayList<>();
        boolean ok = true;
        for (Ast.Value v : in.shape().items()) {
            if (!(v instanceof Ast.Value.ExprValue e)) {
                diagnostics.add(Diagnostic.at(Code.NN0109, v.span(), "an input dimension must be a number, found `" + v.span().text() + "`")
                        .label("not a size")
                        .help("write the shape of one sample, e.g. `input [784]` or `input [1, 28, 28]`")
                        .build());
                ok = false;
                continue;
            }
            Optional<Long> d = binder.size(e.expr(), "the input", "dimension");
            if (d.isPresent()) dims.add(d.get().intValue()); else ok = false;
        }
        if (!ok) return Optional.empty();
        if (dims.size() != 1 && dims.size() != 3) {
            Diagnostic.Builder b = Diagnostic.at(Code.NN0109, in.shape().span(),
                            "the input must be a vector [n] or an image [channels, height, width], found " + dims.size()
                                    + " dimension" + (dims.size() == 1 ? "" : "s"))
                    .label(dims.size() + "-dimensional");
            if (dims.size() == 2 && (Math.min(dims.get(0), dims.get(1)) == 1 || Math.max(dims.get(0), dims.get(1)) >= 8 * Math.min(dims.get(0), dims.get(1)))) {
                // [1, 784], [784, 1], [32, 784]: a vector with a batch or column dimension around it
                b.help("for one sample of " + Math.max(dims.get(0), dims.get(1)) + " values write `input [" + Math.max(dims.get(0), dims.get(1))
                        + "]` (the batch is not part of the shape)");
            } else if (dims.size() == 2) b.help("for a one-channel image write `[1, " + dims.get(0) + ", " + dims.get(1) + "]`");
            else if (dims.isEmpty()) b.help("write the shape of one sample, e.g. `input [784]`");
            else if (dims.size() == 4) {
                b.help("the batch is not part of the shape: write one sample's, `[" + dims.get(1) + ", " + dims.get(2) + ", " + dims.get(3) + "]`");
            }
            diagnostics.add(b.build());
            return Optional.empty();
        }
        long size = 1;
        for (int d : dims) size *= d;
        if (size > Integer.MAX_VALUE) {
            diagnostics.add(Diagnostic.at(Code.NN0110, in.shape().span(), "the input has " + String.format(Locale.ROOT, "%,d", size)
                            + " values, more than the largest size nnc supports (" + String.format(Locale.ROOT, "%,d", Integer.MAX_VALUE) + ")")
                    .label("too large")
                    .help("use a smaller input: a batch of inputs lives in one Java array")
                    .build());
            return Optional.empty();
        }
        return Optional.of(new Shape(dims));
    }

    private Optional<Loss> loss(Ast.Loss l, Layers layers) {
        String name = l.kind().text();
        Loss.Kind kind = Catalog.LOSSES.get(name);
        if (kind == null) {
            Diagnostic.Builder b = Diagnostic.at(Code.NN0209, l.kind().span(), "unknown loss `" + name + "`")
                    .label("not a loss")
                    .note("losses are " + Names.list(Catalog.LOSSES.keySet()));
            Names.suggest(name, Catalog.LOSSES.keySet()).ifPresent(s -> b.help("did you mean `" + s + "`?"));
            diagnostics.add(b.build());
            return Optional.empty();
        }
        binder.bind(Signature.of(name), l.arguments(), "loss `" + name + "`", l.kind().span());
        Loss loss = new Loss(kind, ref(l.span()));
        Optional<Layers.Site> last = layers.last();
        if (last.isEmpty() || !layers.outputKnown()) return Optional.of(loss);
        List<Layers.Site> sites = layers.sites();
        Layers.Site output = Layers.shapingOutput(sites).orElse(last.get());
        List<Layers.Site> after = sites.subList(sites.indexOf(output) + 1, sites.size());
        LossRules.check(loss, l, last.get(), output, after, diagnostics);
        return Optional.of(loss);
    }

    private Optional<Optimizer> optimizer(Ast.Optimizer o) {
        String name = o.kind().text();
        Optimizer.Kind kind = Catalog.OPTIMIZERS.get(name);
        if (kind == null) {
            Diagnostic.Builder b = Diagnostic.at(Code.NN0210, o.kind().span(), "unknown optimizer `" + name + "`")
                    .label("not an optimizer")
                    .note("optimizers are " + Names.list(Catalog.OPTIMIZERS.keySet()));
            Names.suggest(name, Catalog.OPTIMIZERS.keySet()).ifPresent(s -> b.help("did you mean `" + s + "`?"));
            diagnostics.add(b.build());
            return Optional.empty();
        }
        Signature sig = Catalog.optimizer(kind);
        Bound b = binder.bind(sig, o.arguments(), "optimizer `" + name + "`", o.kind().span());
        double momentum = kind == Optimizer.Kind.MOMENTUM ? b.real("mu") : kind == Optimizer.Kind.SGD ? b.real("momentum") : 0;
        return Optional.of(new Optimizer(kind, b.real("lr"), momentum, kind == Optimizer.Kind.RMSPROP ? b.real("rho") : 0,
                kind == Optimizer.Kind.ADAM ? b.real("beta1") : 0, kind == Optimizer.Kind.ADAM ? b.real("beta2") : 0,
                sig.named("eps").isPresent() ? b.real("eps") : 0, b.real("weight_decay"), b.real("l1"), ref(o.span())));
    }

    /** {@code trains}: whether the model has a loss or an optimizer, without which only batch and seed mean anything. */
    private Training training(Optional<Ast.Train> train, boolean trains, String model) {
        Bound b = binder.bind(Catalog.TRAIN, train.flatMap(Ast.Train::arguments), "`train`",
                train.map(Ast.Train::keyword).orElse(null));
        if (!trains) unusedTraining(b, model);
        double[] normalize = b.pair("normalize").orElse(new double[] {0, 1});
        Optional<String> unusable = b.has("normalize") ? Training.normalizeProblem(normalize[0], normalize[1]) : Optional.empty();
        if (unusable.isPresent()) {
            diagnostics.add(Diagnostic.at(Code.NN0206, b.span("normalize").orElseThrow(), "`normalize` cannot be used: " + unusable.get())
                    .label("each input x becomes (x − mean) / std")
                    .help("write `normalize: [mean, std]`, e.g. `normalize: [0.5, 0.5]`")
                    .build());
        }
        OptionalInt earlyStop = b.has("early_stop") && b.integer("early_stop") > 0 ? OptionalInt.of((int) b.integer("early_stop")) : OptionalInt.empty();
        if (trains && earlyStop.isPresent() && !(b.real("validation") > 0)) {
            // A warning: these are defaults, and the command line or a run file may give the split (`--validation 0.1`).
            diagnostics.add(Diagnostic.at(Code.NN0509, b.span("early_stop").orElseThrow(),
                            "early stopping watches the validation loss, but no validation split is set")
                    .label("needs `validation`")
                    .note("`nnc train` refuses these defaults unless `--validation` (or a run file) sets a split")
                    .help("add `validation: 0.1` to hold out 10% of the training set")
                    .build());
        }
        return new Training(b.size("batch").orElse(Training.DEFAULT_BATCH), b.size("epochs").orElse(Training.DEFAULT_EPOCHS),
                b.integer("seed"), b.bool("shuffle"), b.real("validation"), earlyStop, normalize[0], normalize[1]);
    }

    /** The settings of training a model without a loss or optimizer has no use for: nothing trains it. */
    private static final List<String> TRAINING_ONLY = List.of("epochs", "shuffle", "validation", "early_stop", "normalize");

    /**
     * An inference-only model's {@code train(...)} settings other than batch and seed (the class's default batch
     * and its initialization) have no effect: said, lest a user think the model can be trained as it is.
     */
    private void unusedTraining(Bound b, String model) {
        List<String> unused = TRAINING_ONLY.stream().filter(b::has)
                .sorted(java.util.Comparator.comparingInt(n -> b.span(n).orElseThrow().start())).toList(); // as written
        if (unused.isEmpty()) return;
        String names = unused.stream().map(n -> "`" + n + "`").collect(java.util.stream.Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        if (last >= 0) names = names.substring(0, last) + " and " + names.substring(last + 2);
        Diagnostic.Builder d = Diagnostic.at(Code.NN0515, b.span(unused.get(0)).orElseThrow(), names + (unused.size() == 1 ? " has" : " have")
                        + " no effect: model `" + model + "` has no loss or optimizer, so nothing trains it")
                .label("not used");
        for (String other : unused.subList(1, unused.size())) d.secondary(b.span(other).orElseThrow(), "not used either");
        diagnostics.add(d.note("`batch` and `seed` still set the generated class's default batch and its initialization")
                .help("remove " + (unused.size() == 1 ? "it" : "them") + ", or add a `loss` and an `optimizer` to train the model")
                .build());
    }

    /**
     * The generated class's buffers hold a batch of its values: of train's batch (or the default)
     * times the largest layer output or the input per sample, more than a Java array holds (2^31 − 1
     * values) would make its default constructor throw. A warning, not an error: the class works
     * with a smaller batch ({@code new M(21)}), and {@code nnc train} takes one that fits. (Scratch
     * buffers of the generated code may be larger still; its constructor checks those.)
     */
    private void batchFits(int batch, Statements s, Shape input, Layers layers) {
        long largest = input.size();
        String what = "the input " + input;
        Span at = s.input().orElseThrow().shape().span();
        for (Layers.Site site : layers.sites()) {
            if (site.layer().out().size() > largest) {
                largest = site.layer().out().size();
                what = "the output of `" + site.layer().name() + "`, " + site.layer().out() + ",";
                at = site.kindSpan();
            }
        }
        long fits = Integer.MAX_VALUE / largest;
        if (batch <= fits) return;
        Optional<Span> written = s.train().flatMap(Ast.Train::arguments).stream().flatMap(a -> a.items().stream())
                .filter(a -> a instanceof Ast.Argument.Named n && n.name().text().equals("batch")).map(Ast.Argument::span).findFirst();
        String values = String.format(Locale.ROOT, "%,d", (long) batch * largest);
        String most = String.format(Locale.ROOT, "%,d", fits);
        diagnostics.add(Diagnostic.at(Code.NN0514, written.orElse(at), "a batch of " + String.format(Locale.ROOT, "%,d", batch)
                        + (written.isPresent() ? "" : " (the default)") + " of " + what + " is " + values
                        + " values, more than a Java array holds")
                .label(written.isPresent() ? "at most " + most + " samples fit" : "too large for a batch of " + batch)
                .note("the generated class keeps each layer's output for a whole batch in one array of at most 2,147,483,647 values,"
                        + " so its constructor without arguments (this batch) fails; given a batch of at most " + most + ", it works")
                .help((written.isPresent() ? "write `batch: " + fits + "` or less" : "add `train(batch: " + fits + ")` (or less) to the model")
                        + (what.startsWith("the input") ? ", or use a smaller input" : ", or make that layer smaller"))
                .build());
    }

    private dev.nnc.ir.SourceRef ref(Span span) {
        return new dev.nnc.ir.SourceRef(source.path(), span.line(), span.column());
    }
}
