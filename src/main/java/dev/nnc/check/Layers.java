package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import dev.nnc.ir.Init;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Layer.Activation.Function;
import dev.nnc.ir.ParamTensor;
import dev.nnc.ir.Shape;
import dev.nnc.ir.SourceRef;
import dev.nnc.syntax.Ast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;

/**
 * Walks the layer statements in order, inferring the per-sample shape after each and
 * checking every shape rule. {@code current} is null once a shape cannot be known
 * (after an error); checking goes on, and a layer that states its input size brings the
 * shape back.
 */
final class Layers {
    /**
     * A resolved layer with where it is written, for later lints: the whole statement, its kind, and where its
     * initial weights are given, if they are: its {@code weights} literal, else its {@code init:} value.
     */
    record Site(Layer layer, Span span, Span kindSpan, Optional<Span> initSpan) {
        Site(Layer layer, Span span, Span kindSpan) {
            this(layer, span, kindSpan, Optional.empty());
        }
    }

    private final SourceFile source;
    private final Diagnostics diagnostics;
    private final Binder binder;
    private final Literals literals;
    private final boolean trains;

    private final List<Site> sites = new ArrayList<>();
    private final Map<String, Span> explicitNames = new HashMap<>();
    /** Where the input is named ({@code input image[...]}), if it is: its name is taken like a layer's. */
    private Span inputSpan;
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, Integer> kindCounters = new HashMap<>();
    private Shape current;
    /** A dense layer with errors still fixes the shape it hands on, but makes no site: it is named from here. */
    private Ast.Layer shapeFromLayerWithErrors;
    private boolean complete = true;
    private long paramOffset = 0;

    Layers(SourceFile source, Diagnostics diagnostics, Binder binder, boolean trains) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.binder = binder;
        this.literals = new Literals(diagnostics, binder);
        this.trains = trains;
    }

    List<Site> sites() { return List.copyOf(sites); }

    Optional<Site> last() { return sites.isEmpty() ? Optional.empty() : Optional.of(sites.get(sites.size() - 1)); }

    /**
     * The last layer that shapes the output: not a dropout, nor an activation that passes its input
     * through ({@code identity}, {@code leaky_relu(alpha: 1)}), which would hide a final softmax or ReLU
     * from the rules about the loss.
     */
    static Optional<Site> shapingOutput(List<Site> sites) {
        for (int i = sites.size() - 1; i >= 0; i--) {
            Layer l = sites.get(i).layer();
            if (!(l instanceof Layer.Dropout) && !passesThrough(l)) return Optional.of(sites.get(i));
        }
        return Optional.empty();
    }

    /** An activation that is the identity function: {@code identity}, or a leaky ReLU whose slope below 0 is 1. */
    static boolean passesThrough(Layer l) {
        return l instanceof Layer.Activation a && (a.function() == Layer.Activation.Function.IDENTITY
                || a.function() == Layer.Activation.Function.LEAKY_RELU && a.alpha() == 1);
    }

    /** True when every layer resolved, so the IR is whole. */
    boolean complete() { return complete && current != null && !guessed; }

    /** Whether every layer's shape is known, some perhaps through a guessed layer kind: the loss can be judged. */
    boolean outputKnown() { return complete && current != null; }

    /** A layer of an unknown kind was checked as the kind it most likely is: no IR, but the shapes after it hold. */
    private boolean guessed;

    void infer(Optional<Ast.Ident> inputName, List<Ast.Layer> layers, Shape input) {
        current = input;
        if (input == null) complete = false;
        inputName.ifPresent(name -> {
            inputSpan = name.span();
            explicitNames.put(name.text(), name.span());
            usedNames.add(name.text());
        });
        for (Ast.Layer l : layers) l.name().ifPresent(this::claimName);
        for (int i = 0; i < layers.size(); i++) {
            layer(normalize(layers.get(i)), activationAfter(layers, i + 1));
        }
    }

    /**
     * {@code flatten relu} parses as a flatten named relu, and {@code relu tanh} as a relu named
     * tanh; nobody means that. Both are read as a layer followed by an activation on its line.
     */
    private static Ast.Layer normalize(Ast.Layer l) {
        if (l.name().isPresent() && l.arguments().isEmpty() && l.activation().isEmpty()
                && Catalog.ACTIVATIONS.containsKey(l.name().get().text())) {
            Ast.Ident act = l.name().get();
            return new Ast.Layer(l.kind(), Optional.empty(), Optional.empty(),
                    Optional.of(new Ast.Activation(act, Optional.empty(), act.span())), l.literals(), l.span());
        }
        return l;
    }

    /**
     * {@code flatten dense h(10)} parses as a flatten named {@code dense}: the grammar cannot
     * tell names from kinds. A name that is a layer kind is almost surely a second layer.
     */
    private boolean twoLayersOnOneLine(Ast.Layer l) {
        if (l.name().isEmpty() || !Catalog.LAYER_KINDS.contains(l.name().get().text())) return false;
        Ast.Ident second = l.name().get();
        if (l.arguments().isPresent() && Catalog.LAYER_KINDS.contains(l.kind().text()) && !l.kind().text().equals("flatten")) {
            // `dense flatten(4 -> 2)`: the arguments follow the name, so the name was meant (a `flatten`, which takes
            // none, is followed by a second layer: `flatten dense(10)`); a layer kind cannot be one.
            diagnostics.add(Diagnostic.at(Code.NN0001, second.span(), "`" + second.text() + "` is a layer kind and cannot name a layer")
                    .label("a layer kind")
                    .help("rename it, for example `" + l.kind().text() + " " + second.text() + "1(...)`")
                    .build());
            return true;
        }
        diagnostics.add(Diagnostic.at(Code.NN0001, second.span(), "`" + second.text() + "` starts a second layer on the line of `"
                        + l.kind().text() + "`")
                .label("a new layer")
                .secondary(l.kind().span(), "first layer")
                .help("put each layer on a line of its own")
                .build());
        return true;
    }

    private void claimName(Ast.Ident name) {
        Span first = explicitNames.putIfAbsent(name.text(), name.span());
        if (first != null) {
            boolean input = first.equals(inputSpan);
            diagnostics.add(Diagnostic.at(Code.NN0207, name.span(), input ? "the input and a layer are both named `" + name.text() + "`"
                            : "two layers are named `" + name.text() + "`")
                    .label("second `" + name.text() + "`")
                    .secondary(first, input ? "the input's name" : "first named here")
                    .note("names must be unique: the layer table, the generated fields and parameters (`" + name.text()
                            + ".weight`) are named after them")
                    .help("rename one of them")
                    .build());
        }
        usedNames.add(name.text());
    }

    private String nameFor(Ast.Layer l, String kind) {
        if (l.name().isPresent()) return l.name().get().text();
        return autoName(kind);
    }

    private String autoName(String kind) {
        while (true) {
            int n = kindCounters.merge(kind, 1, Integer::sum);
            String candidate = kind + "_" + n;
            if (usedNames.add(candidate)) return candidate;
        }
    }

    private void layer(Ast.Layer l, String following) {
        if (twoLayersOnOneLine(l)) {
            lose();
            return;
        }
        String kind = l.kind().text();
        Function asActivation = Catalog.ACTIVATIONS.get(kind);
        if (asActivation != null) {
            activation(asActivation, l.kind(), l.arguments(), l.name(), l.span());
            rejectLiterals(l, "an activation");
            if (l.activation().isPresent()) attached(l.activation().get());
            return;
        }
        if (!Catalog.LAYER_KINDS.contains(kind)) {
            unknownKind(l, following);
            return;
        }
        layerOfKind(l, following);
    }

    private void layerOfKind(Ast.Layer l, String following) {
        String kind = l.kind().text();
        switch (kind) {
            case "dense" -> dense(l, following);
            case "conv2d" -> conv2d(l, following);
            case "maxpool2d", "avgpool2d" -> pool(l, kind);
            case "flatten" -> flatten(l);
            case "dropout" -> dropout(l);
            // A kind added to Catalog.LAYER_KINDS is not a dropout: it says here that it needs its check.
            default -> throw new IllegalStateException("no check for layer kind `" + kind + "`");
        }
        if (!kind.equals("dense") && !kind.equals("conv2d")) rejectLiterals(l, "`" + kind + "`");
        else literalsGivenTwice(l, "`" + l.name().map(Ast.Ident::text).orElse(kind) + "`");
        l.activation().ifPresent(this::attached);
    }

    /** A second {@code weights} (or {@code bias}) of one layer: which would count is a guess, so neither does. */
    private void literalsGivenTwice(Ast.Layer l, String layer) {
        java.util.Map<Boolean, Ast.Literal> first = new java.util.HashMap<>();
        for (Ast.Literal lit : l.literals()) {
            Ast.Literal before = first.putIfAbsent(lit.isWeights(), lit);
            if (before != null) {
                diagnostics.add(Diagnostic.at(Code.NN0208, lit.which().span(), "`" + lit.which().text() + "` is given twice to layer " + layer)
                        .label("second literal")
                        .secondary(before.which().span(), "first given here")
                        .help("remove one of them")
                        .build());
            }
        }
    }

    private void attached(Ast.Activation a) {
        Function f = Catalog.ACTIVATIONS.get(a.kind().text());
        if (f == null) {
            Diagnostic.Builder b = Diagnostic.at(Code.NN0202, a.kind().span(), "unknown activation `" + a.kind().text() + "`")
                    .label("not an activation")
                    .note("activations are " + Names.list(Catalog.ACTIVATIONS.keySet()));
            Names.activationHelp(a.kind().text(), Catalog.ACTIVATIONS.keySet()).ifPresent(b::help);
            diagnostics.add(b.build());
            // The activation keeps the shape, so checking goes on undisturbed.
            return;
        }
        activation(f, a.kind(), a.arguments(), Optional.empty(), a.span());
    }

    private void unknownKind(Ast.Layer l, String following) {
        String kind = l.kind().text();
        Diagnostic.Builder b = Diagnostic.at(Code.NN0201, l.kind().span(), "unknown layer kind `" + kind + "`")
                .label("not a layer kind")
                .note("layers are " + Names.list(Catalog.LAYER_KINDS) + ", and any activation");
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(kind) && dev.nnc.syntax.NnSyntax.KEYWORDS.contains(lower)) {
            b.help("keywords are lowercase: `" + lower + "`");
        } else {
            Names.activationHelp(kind, Catalog.layerOrActivationNames()).ifPresent(b::help);
        }
        diagnostics.add(b.build());
        Optional<String> meant = Names.suggest(kind, Catalog.LAYER_KINDS);
        if (meant.isPresent() && current != null) {
            // `dens h(32)`: checked as the kind it most likely is, so that the shapes after it are checked
            // too; its own complaints are not shown (the guess may be wrong), and no IR is made.
            int mark = diagnostics.size();
            layerOfKind(new Ast.Layer(new Ast.Ident(meant.get(), l.kind().span()), l.name(), l.arguments(), l.activation(),
                    l.literals(), l.span()), following);
            diagnostics.dropAfter(mark);
            guessed = true;
            // Whether the activation exists does not depend on the guess: `dens h(32) rleu` has two slips.
            l.activation().filter(a -> !Catalog.ACTIVATIONS.containsKey(a.kind().text())).ifPresent(this::attached);
            return;
        }
        lose();
        l.activation().ifPresent(this::attached);
    }

    private void activation(Function f, Ast.Ident kindIdent, Optional<Ast.Arguments> args, Optional<Ast.Ident> name, Span span) {
        String kind = kindIdent.text();
        Bound b = binder.bind(Catalog.activation(f), args, "`" + kind + "`", kindIdent.span());
        if (f == Function.STEP && trains) {
            diagnostics.add(Diagnostic.at(Code.NN0301, kindIdent.span(), "`step` has no useful gradient, so a model that trains cannot use it")
                    .label("derivative is 0 wherever it exists")
                    .note("backpropagation multiplies by this derivative, so every layer before it would never learn")
                    .help("use `sigmoid`, a smooth step, or `relu`; `step` fits only a model with no loss and no optimizer")
                    .build());
        }
        if (current != null && f == Function.SOFTMAX && !current.isVector()) {
            diagnostics.add(Diagnostic.at(Code.NN0103, kindIdent.span(), "softmax needs a vector, but receives " + current)
                    .label("receives " + current)
                    .help("insert `flatten` before it")
                    .build());
            lose();
            return;
        }
        if (current == null) return;
        String layerName = name.map(Ast.Ident::text).orElseGet(() -> autoName(kind));
        add(new Layer.Activation(sites.size(), layerName, current, current, ref(span), f, b.real("alpha")), span, kindIdent.span());
    }

    private void dense(Ast.Layer l, String following) {
        String name = nameFor(l, "dense");
        String owner = "dense layer `" + name + "`";
        Span blame = l.name().map(Ast.Ident::span).orElse(l.kind().span());
        Bound b = binder.bind(Catalog.DENSE, l.arguments(), owner, blame);
        Optional<Integer> out = b.size("out");
        Optional<Integer> declared = b.size("in");
        Integer in = null;
        if (current != null) {
            if (!current.isVector()) {
                needsVector(l, owner, name, declared, out);
                in = current.size();
            } else {
                in = current.dim(0);
                if (declared.isPresent() && !declared.get().equals(in)) {
                    denseMismatch(l, b, name, declared.get(), in, out);
                }
            }
        }
        // After an error the input is unknown (a declared size is not trusted in its place): only the output carries on.
        if (in == null || out.isEmpty()) {
            current = out.map(o -> Shape.of(o)).orElse(null);
            shapeFromLayerWithErrors = l;
            complete = false;
            return;
        }
        int o = out.get();
        if ((long) in * o > Integer.MAX_VALUE) {
            tooLarge(blame, "W^[" + name + "]", (long) in * o);
            current = Shape.of(o);
            shapeFromLayerWithErrors = l;
            complete = false;
            return;
        }
        Init init = b.init("init").orElse(defaultInit(l, following));
        boolean bias = b.bool("bias");
        Shape wShape = Shape.of(o, in);
        Optional<List<Double>> w = literal(l, true, "W^[" + name + "]", wShape, owner,
                "W of a dense layer is [outputs][inputs]: one row of " + in + " input weights for each of the " + o + " outputs");
        Optional<List<Double>> bv = bias ? literal(l, false, "b^[" + name + "]", Shape.of(o), owner, null) : Optional.empty();
        if (!bias) noBiasLiteral(l, owner);
        initBesideWeights(b, name, w.isPresent()); // a literal with errors has its own; the init may yet be wanted
        ParamTensor weight = param(blame, name, ParamTensor.Role.WEIGHT, wShape, in, o, init, w);
        Optional<ParamTensor> biasT = bias ? Optional.of(param(blame, name, ParamTensor.Role.BIAS, Shape.of(o), in, o, Init.ZEROS, bv)) : Optional.empty();
        add(new Site(new Layer.Dense(sites.size(), name, Shape.of(in), Shape.of(o), ref(l.span()), in, o, weight, biasT), l.span(),
                l.kind().span(), initialWeightsSpan(l, b, w)));
        current = Shape.of(o);
    }

    /** An {@code init:} beside a valid {@code weights} literal would be silently ignored: the literal gives the initial weights. */
    private void initBesideWeights(Bound b, String name, boolean literalOk) {
        Optional<Span> init = b.span("init");
        if (init.isEmpty() || !literalOk) return;
        String written = "init: " + init.get().text();
        diagnostics.add(Diagnostic.at(Code.NN0513, init.get(), "`" + written + "` is not used: the `weights` literal gives `"
                        + name + "`'s initial weights")
                .label("ignored")
                .help("remove `" + written + "`, or the `weights` literal to initialize at random")
                .build());
    }

    /** After an error the shape is unknown: later layers are still checked, but no IR is made. */
    private void lose() {
        current = null;
        shapeFromLayerWithErrors = null;
        complete = false;
    }

    /** {@code declared}: the layer's stated input size, which must then become the flattened size too (the next error otherwise). */
    private void needsVector(Ast.Layer l, String owner, String name, Optional<Integer> declared, Optional<Integer> out) {
        Optional<Site> prev = last();
        Diagnostic.Builder b = Diagnostic.at(Code.NN0103, l.kind().span(), owner + " needs a vector, but receives " + current)
                .label("receives " + current);
        prev.ifPresent(p -> describePrevious().ifPresent(text -> b.note(text + "; flatten would make it [" + current.size() + "]")));
        String head = l.kind().text() + l.name().map(n -> " " + n.text()).orElse(""); // an unnamed layer's name is not written
        String outText = out.map(String::valueOf).orElse("out");
        b.help("insert `flatten` on the line before `" + head + "`" + (declared.isPresent() && declared.get() != current.size()
                ? ", and write `" + head + "(" + current.size() + " -> " + outText + ")` or `" + head + "(" + outText + ")` to infer it"
                : ""));
        diagnostics.add(b.build());
    }

    private void denseMismatch(Ast.Layer l, Bound b, String name, int declared, int in, Optional<Integer> out) {
        String outText = out.map(String::valueOf).orElse("out");
        Diagnostic.Builder d = Diagnostic.at(Code.NN0102, b.span("in").orElse(l.kind().span()),
                        "dense layer `" + name + "` expects " + declared + " inputs, but receives " + in)
                .label("declared here");
        describePrevious().ifPresent(p -> d.note(p + "; W^[" + name + "] would be [" + outText + "][" + declared + "]"));
        String head = "dense" + l.name().map(n -> " " + n.text()).orElse("");
        d.help("write `" + head + "(" + in + " -> " + outText + ")` or `" + head + "(" + outText + ")` to infer it");
        diagnostics.add(d.build());
    }

    /**
     * What the previous layer hands on, named the way the user wrote it: "flatten after
     * `c2` delivers [64, 7, 7] = 3136 values", or "`c1` (line 4) delivers [16, 26, 26]".
     * Activations and dropout keep the shape, so the layer they follow is named instead.
     */
    private Optional<String> describePrevious() {
        if (shapeFromLayerWithErrors != null) {
            Ast.Layer l = shapeFromLayerWithErrors;
            String who = l.name().map(n -> "`" + n.text() + "`").orElse("the " + l.kind().text());
            return Optional.of(who + " (line " + l.span().line() + ") delivers " + current);
        }
        if (sites.isEmpty()) return Optional.of("the input delivers " + current);
        Layers.Site prev = sites.get(sites.size() - 1);
        if (prev.layer() instanceof Layer.Flatten f) {
            // Named after the last layer with weights, and the pooling layers after it that shrank the image.
            String after = "the input";
            List<Site> pools = new ArrayList<>();
            for (int i = sites.size() - 2; i >= 0; i--) {
                Layer cand = sites.get(i).layer();
                if (cand instanceof Layer.Pool2d) pools.add(sites.get(i));
                if (cand instanceof Layer.Dense || cand instanceof Layer.Conv2d) {
                    after = "`" + cand.name() + "`";
                    break;
                }
            }
            if (pools.size() == 1) {
                after += " and " + describe(pools.get(0)) + " (line " + pools.get(0).span().line() + ")";
            } else if (pools.size() > 1) {
                after += " and " + pools.size() + " pooling layers (the last on line " + pools.get(0).span().line() + ")";
            }
            return Optional.of("flatten after " + after + " delivers " + f.in() + " = " + f.out().size() + " values");
        }
        int i = sites.size() - 1;
        while (i > 0 && (sites.get(i).layer() instanceof Layer.Activation || sites.get(i).layer() instanceof Layer.Dropout)) i--;
        Layers.Site named = sites.get(i);
        return Optional.of(describe(named) + " (line " + named.span().line() + ") delivers " + prev.layer().out());
    }

    /** `c1` for a layer the user named, "the maxpool2d" for one nnc named. */
    private String describe(Layers.Site site) {
        String name = site.layer().name();
        return explicitNames.containsKey(name) ? "`" + name + "`" : "the " + site.layer().kind();
    }

    private void conv2d(Ast.Layer l, String following) {
        String name = nameFor(l, "conv2d");
        String owner = "conv2d layer `" + name + "`";
        Span blame = l.name().map(Ast.Ident::span).orElse(l.kind().span());
        Bound b = binder.bind(Catalog.CONV2D, l.arguments(), owner, blame);
        Optional<Integer> out = b.size("out");
        Optional<Integer> declared = b.size("in");
        Optional<int[]> kernel = b.window("kernel");
        int stride = b.size("stride").orElse(1);
        int padding = (int) b.integer("padding");
        if (current == null || out.isEmpty() || kernel.isEmpty()) {
            lose();
            return;
        }
        if (!current.isImage()) {
            needsImage(l, owner);
            lose();
            return;
        }
        int cin = current.dim(0);
        if (declared.isPresent() && declared.get() != cin) {
            String head = "conv2d" + l.name().map(n -> " " + n.text()).orElse("");
            Diagnostic.Builder d = Diagnostic.at(Code.NN0101, b.span("in").orElseThrow(),
                            owner + " expects " + declared.get() + " input channel" + (declared.get() == 1 ? "" : "s") + ", but receives " + cin)
                    .label("declared here");
            if (sites.isEmpty() && current.dim(2) == declared.get() && current.dim(0) > 4 && current.dim(2) <= 4) {
                // [28, 28, 1] with conv2d(1 -> ...): the input is written channels last, as in Keras. That is the one mistake.
                d.note(readsAs(current));
                d.help(channelsFirst(current));
                diagnostics.add(d.build());
                lose();
                return;
            }
            describePrevious().ifPresent(p -> d.note(p + "; channels come first in [channels, height, width]"));
            d.help("write `" + head + "(" + cin + " -> " + out.get() + ", ...)` or `" + head + "(" + out.get() + ", ...)` to infer it");
            diagnostics.add(d.build());
        }
        Shape in = current;
        Optional<Shape> o = window(owner, "kernel", b.span("kernel").orElse(blame), b.span("padding"), kernel.get(), new int[] {stride, stride},
                padding, out.get(), l);
        if (o.isEmpty()) return;
        int[] k = kernel.get();
        long weights = (long) out.get() * cin * k[0] * k[1];
        if (weights > Integer.MAX_VALUE) {
            tooLarge(blame, "the kernel of `" + name + "`", weights);
            current = o.get();
            complete = false;
            return;
        }
        Init init = b.init("init").orElse(defaultInit(l, following));
        boolean bias = b.bool("bias");
        Shape wShape = Shape.of(out.get(), cin, k[0], k[1]);
        Optional<List<Double>> w = literal(l, true, "the kernel of `" + name + "`", wShape, owner,
                "a conv2d kernel is [out_channels][in_channels][height][width]");
        Optional<List<Double>> bv = bias ? literal(l, false, "b^[" + name + "]", Shape.of(out.get()), owner, null) : Optional.empty();
        if (!bias) noBiasLiteral(l, owner);
        initBesideWeights(b, name, w.isPresent()); // a literal with errors has its own; the init may yet be wanted
        int fanIn = cin * k[0] * k[1];
        int fanOut = out.get() * k[0] * k[1];
        ParamTensor weight = param(blame, name, ParamTensor.Role.WEIGHT, wShape, fanIn, fanOut, init, w);
        Optional<ParamTensor> biasT = bias
                ? Optional.of(param(blame, name, ParamTensor.Role.BIAS, Shape.of(out.get()), fanIn, fanOut, Init.ZEROS, bv)) : Optional.empty();
        add(new Site(new Layer.Conv2d(sites.size(), name, in, o.get(), ref(l.span()), cin, out.get(), k[0], k[1], stride, padding, weight,
                biasT), l.span(), l.kind().span(), initialWeightsSpan(l, b, w)));
    }

    private void pool(Ast.Layer l, String kind) {
        String name = nameFor(l, kind);
        String owner = "`" + (l.name().isPresent() ? name : kind) + "`";
        Bound b = binder.bind(Catalog.pool(kind), l.arguments(), owner, l.kind().span());
        Optional<int[]> kernel = b.window("kernel");
        if (current == null || kernel.isEmpty()) {
            lose();
            return;
        }
        if (!current.isImage()) {
            needsImage(l, owner);
            lose();
            return;
        }
        int[] k = kernel.get();
        // The stride defaults to the kernel, along each axis: a [2, 3] window moves 2 down and 3 across (PyTorch's rule).
        int[] stride = b.window("stride").orElse(k);
        Shape in = current;
        Optional<Shape> o = window(owner, "window", b.span("kernel").orElse(l.kind().span()), Optional.empty(), k, stride, 0, current.dim(0), l);
        if (o.isEmpty()) return;
        Layer.Pool2d.Mode mode = kind.equals("maxpool2d") ? Layer.Pool2d.Mode.MAX : Layer.Pool2d.Mode.AVG;
        add(new Layer.Pool2d(sites.size(), name, in, o.get(), ref(l.span()), mode, k[0], k[1], stride[0], stride[1]), l.span(), l.kind().span());
    }

    /** How nnc reads an input written channels last ({@code [28, 28, 1]}). */
    private static String readsAs(Shape input) {
        return "the input " + input + " reads as " + input.dim(0) + " channels of " + input.dim(1) + "×" + input.dim(2)
                + " pixels: nnc puts the channels first";
    }

    private static String channelsFirst(Shape input) {
        return "write the input channels first: `input [" + input.dim(2) + ", " + input.dim(0) + ", " + input.dim(1) + "]`";
    }

    /** Applies the window size rule; reports a window that does not fit. */
    private Optional<Shape> window(String owner, String what, Span at, Optional<Span> paddingAt, int[] k, int[] stride, int padding,
                                   int channels, Ast.Layer l) {
        int h = current.dim(1), w = current.dim(2);
        long oh = WindowArithmetic.outputSize(h, k[0], stride[0], padding);
        long ow = WindowArithmetic.outputSize(w, k[1], stride[1], padding);
        if (oh < 1 || ow < 1) {
            boolean tall = oh < 1;
            int size = tall ? h : w;
            int kk = tall ? k[0] : k[1];
            int step = tall ? stride[0] : stride[1];
            long raw = Math.floorDiv((long) size + 2L * padding - kk, step) + 1;
            Diagnostic.Builder d = Diagnostic.at(Code.NN0104, at,
                            owner + " has " + (String.valueOf(k[0]).startsWith("8") || k[0] == 11 || k[0] == 18 ? "an " : "a ") + k[0] + "×" + k[1] + " "
                                    + what + ", but its input is only " + h + "×" + w
                                    + (padding > 0 ? " (" + (h + 2 * padding) + "×" + (w + 2 * padding) + " padded)" : ""))
                    .label(what + " " + kk + " > " + (size + 2 * padding));
            boolean channelsLast = sites.isEmpty() && current.dim(2) <= 4 && current.dim(0) > 4; // [28, 28, 1], as in Keras
            if (channelsLast) {
                d.note(readsAs(current));
            } else {
                describePrevious().ifPresent(p -> d.note(p));
            }
            d.note("output size would be (" + size + " + 2·" + padding + " − " + kk + ")/" + step + " + 1 = " + raw);
            d.help(channelsLast ? channelsFirst(current)
                    : "use a " + what + " of at most " + (size + 2 * padding)
                    + (what.equals("kernel") ? (poolBefore() ? ", add padding," : " or add padding") : "")
                    + (poolBefore() ? " or remove a pooling layer before it" : ""));
            diagnostics.add(d.build());
            lose();
            return Optional.empty();
        }
        long values = (long) channels * oh * ow;
        if (oh > Integer.MAX_VALUE || ow > Integer.MAX_VALUE || values > Integer.MAX_VALUE) {
            // The image itself would not fit an array (padding of 100,000 on an 8×8 input, say).
            // The padding is to blame only when it is more than keeps the image's size.
            boolean padded = padding > (k[0] - 1) / 2;
            diagnostics.add(Diagnostic.at(Code.NN0110, padded ? paddingAt.orElse(at) : l.kind().span(), "the output of " + owner + " would be [" + channels
                            + ", " + oh + ", " + ow + "], " + String.format(Locale.ROOT, "%,d", values) + " values per sample, more than a Java array can hold")
                    .label(padded ? "padding " + padding : "too large")
                    .note("output size (" + h + " + 2·" + padding + " − " + k[0] + ")/" + stride[0] + " + 1 = " + oh)
                    .help(padded ? "use a smaller padding: " + (k[0] - 1) / 2 + " keeps the image's size with a " + what + " of "
                            + k[0] + ", with stride 1" : "use fewer channels, a stride above 1, or pool the image before this layer")
                    .build());
            lose();
            return Optional.empty();
        }
        current = Shape.of(channels, (int) oh, (int) ow);
        return Optional.of(current);
    }

    private void needsImage(Ast.Layer l, String owner) {
        Diagnostic.Builder d = Diagnostic.at(Code.NN0107, l.kind().span(), owner + " needs an image [channels, height, width], but receives " + current)
                .label("receives " + current);
        int n = current.size();
        int side = (int) Math.round(Math.sqrt(n));
        if (current.isVector() && side * side == n && last().isEmpty()) {
            d.help("declare the input as an image: `input [1, " + side + ", " + side + "]`");
        } else {
            d.help("convolution and pooling work on images; put them before `flatten` and `dense`");
        }
        diagnostics.add(d.build());
    }

    private void flatten(Ast.Layer l) {
        Bound ignored = binder.bind(Catalog.FLATTEN, l.arguments(), "`flatten`", l.kind().span());
        if (current == null) return;
        String name = nameFor(l, "flatten");
        Shape in = current;
        current = Shape.of(in.size());
        add(new Layer.Flatten(sites.size(), name, in, current, ref(l.span())), l.span(), l.kind().span());
    }

    private void dropout(Ast.Layer l) {
        String name = nameFor(l, "dropout");
        Bound b = binder.bind(Catalog.DROPOUT, l.arguments(), "`dropout`", l.kind().span());
        if (current == null || !b.has("rate")) {
            if (!b.has("rate")) complete = false;
            return;
        }
        add(new Layer.Dropout(sites.size(), name, current, current, ref(l.span()), b.real("rate")), l.span(), l.kind().span());
    }

    /**
     * he before relu-family activations, xavier otherwise (the language's rule). {@code following}: the
     * activation the layer's output meets first after it ({@link #activationAfter}), when no activation
     * is attached to the layer itself.
     */
    private static Init defaultInit(Ast.Layer l, String following) {
        String activation = l.activation().map(a -> a.kind().text()).filter(a -> !a.equals(IDENTITY)).orElse(following);
        return activation.equals("relu") || activation.equals("leaky_relu") ? Init.HE : Init.XAVIER;
    }

    /** Layers a weight layer's output may pass through on its way to its activation: they neither weigh nor activate. */
    private static final java.util.Set<String> ON_THE_WAY = java.util.Set.of("maxpool2d", "avgpool2d", "dropout", "flatten");
    /** Passes its input on unchanged: the activation that counts for the initializer comes after it. */
    private static final String IDENTITY = "identity";

    /**
     * The activation that {@code layers[from..]} apply first, past pools, dropout and flatten (max-pooling
     * and ReLU commute, so {@code conv2d → maxpool2d → relu} is a convolution before a ReLU, as PyTorch's
     * MNIST example writes it) and {@code identity}; "" when a layer with weights, or nothing, comes first.
     */
    private static String activationAfter(List<Ast.Layer> layers, int from) {
        for (int j = from; j < layers.size(); j++) {
            Ast.Layer l = normalize(layers.get(j));
            String kind = l.kind().text();
            if (Catalog.ACTIVATIONS.containsKey(kind) && !kind.equals(IDENTITY)) return kind;
            if (!ON_THE_WAY.contains(kind) && !kind.equals(IDENTITY)) return "";
            Optional<String> attached = l.activation().map(a -> a.kind().text());
            if (attached.isPresent() && !attached.get().equals(IDENTITY)) return attached.get();
        }
        return "";
    }

    /** Where the layer's initial weights are given: its valid {@code weights} literal's keyword, else its {@code init:}, if any. */
    private static Optional<Span> initialWeightsSpan(Ast.Layer l, Bound b, Optional<List<Double>> weights) {
        if (weights.isPresent()) {
            for (Ast.Literal lit : l.literals()) if (lit.isWeights()) return Optional.of(lit.which().span());
        }
        return b.span("init");
    }

    private Optional<List<Double>> literal(Ast.Layer l, boolean weights, String tensor, Shape shape, String owner, String rowsMean) {
        for (Ast.Literal lit : l.literals()) {
            if (lit.isWeights() == weights) return literals.check(lit, tensor, shape, owner, rowsMean);
        }
        return Optional.empty();
    }

    private void noBiasLiteral(Ast.Layer l, String owner) {
        for (Ast.Literal lit : l.literals()) {
            if (!lit.isWeights()) {
                diagnostics.add(Diagnostic.at(Code.NN0213, lit.which().span(), owner + " has `bias: false`, so it takes no bias literal")
                        .label("no bias to set")
                        .help("remove `bias: false` or the bias literal")
                        .build());
            }
        }
    }

    private void rejectLiterals(Ast.Layer l, String what) {
        for (Ast.Literal lit : l.literals()) {
            diagnostics.add(Diagnostic.at(Code.NN0213, lit.which().span(), what + " has no parameters to set")
                    .label("`" + lit.which().text() + "` not allowed here")
                    .help("weights and bias literals follow a `dense` or `conv2d` layer")
                    .build());
        }
    }

    private void tooLarge(Span at, String what, long values) {
        diagnostics.add(Diagnostic.at(Code.NN0110, at, what + " would hold " + String.format(Locale.ROOT, "%,d", values)
                        + " values, more than a Java array can hold")
                .label("too large")
                .help(imageBefore() ? "use fewer units or channels, or pool the image before this layer" : "use fewer units")
                .build());
    }

    /** Whether a pooling layer comes before the current one (advice to remove one needs one). */
    private boolean poolBefore() {
        return sites.stream().anyMatch(s -> s.layer() instanceof Layer.Pool2d);
    }

    /** Whether the model has an image before the current layer (advice to pool it needs one). */
    private boolean imageBefore() {
        return (current != null && current.isImage()) || sites.stream().anyMatch(s -> s.layer().in().isImage());
    }

    private ParamTensor param(Span at, String layer, ParamTensor.Role role, Shape shape, int fanIn, int fanOut, Init init,
                              Optional<List<Double>> values) {
        String suffix = role == ParamTensor.Role.WEIGHT ? ".weight" : ".bias";
        ParamTensor p = new ParamTensor(layer + suffix, layer, role, shape, (int) Math.min(paramOffset, Integer.MAX_VALUE),
                fanIn, fanOut, init, values);
        long before = paramOffset;
        paramOffset += shape.size();
        if (paramOffset > Integer.MAX_VALUE && before <= Integer.MAX_VALUE) {
            // Every tensor fits, but all of them together do not fit one flat array.
            diagnostics.add(Diagnostic.at(Code.NN0110, at, "the model has more than "
                            + String.format(Locale.ROOT, "%,d", Integer.MAX_VALUE) + " parameters, more than nnc can hold")
                    .label("the parameters reach that limit at `" + p.name() + "`")
                    .note("the parameters before `" + p.name() + "` number " + String.format(Locale.ROOT, "%,d", before) + "; it adds "
                            + String.format(Locale.ROOT, "%,d", shape.size()))
                    .help("use fewer units or channels")
                    .build());
            complete = false;
        }
        return p;
    }

    private void add(Layer layer, Span span, Span kindSpan) {
        add(new Site(layer, span, kindSpan));
    }

    private void add(Site site) {
        sites.add(site);
        if (!(site.layer() instanceof Layer.Activation || site.layer() instanceof Layer.Dropout)) shapeFromLayerWithErrors = null;
    }

    private SourceRef ref(Span span) {
        return new SourceRef(source.path(), span.line(), span.column());
    }
}
