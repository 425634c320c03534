package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Init;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;
import dev.nnc.ir.ParamTensor;
import dev.nnc.ir.Training;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Locale;

/**
 * Turns a checked model into one Java class specialized to it: every shape, offset and
 * hyperparameter a constant, the layers called one after another with no list of layers
 * and no virtual call per layer. Pure: IR in, a {@link JavaFile} out; writing it is the
 * caller's business.
 */
public final class ModelGenerator {
    static final ClassName RNG = ClassName.get("dev.nnc.api", "Rng");
    static final ClassName INITIALIZERS = ClassName.get("dev.nnc.api", "Initializers");
    static final ClassName WORKERS = ClassName.get("dev.nnc.api.simd", "Workers");
    static final ClassName VECTOR_TRANSPOSE = ClassName.get("dev.nnc.api.simd", "VectorTranspose");
    static final ClassName VECTOR_GEMM = ClassName.get("dev.nnc.api.simd", "VectorGemm");
    static final ClassName VECTOR_MODULE = ClassName.get("dev.nnc.api.simd", "VectorModule");
    static final ClassName PARAM_INFO = ClassName.get("dev.nnc.api", "ParamInfo");
    static final TypeName LIST_OF_INTEGER = ParameterizedTypeName.get(List.class, Integer.class);
    static final TypeName LIST_OF_STRING = ParameterizedTypeName.get(List.class, String.class);

    private final Model model;
    private final GeneratorOptions options;
    private final Ctx ctx;
    private final List<LayerEmitter> emitters;
    private final String className;

    private ModelGenerator(Model model, GeneratorOptions options) {
        this.model = model;
        this.options = options;
        this.ctx = new Ctx(model, options.precision(), options.vector());
        this.emitters = model.layers().stream().map(LayerEmitter::of).toList();
        this.className = ClassNames.forModel(model.name());
        this.allocations = allocations();
        ctx.finalBuffers = statements(allocations) <= ALLOCATIONS_PER_METHOD;
    }

    /**
     * Buffer allocations per method: some 12 bytes of bytecode each, so that a method of them
     * stays far below javac's 64 KB. A deeper model (a --vector class of some 200 convolutions)
     * allocates its buffers in methods the constructor calls, and its buffer fields are not final.
     */
    static final int ALLOCATIONS_PER_METHOD = 2_000;

    /** Each layer's batch buffers, {@code this.x = new float[maxBatch * size]}: one block per layer. */
    private final List<CodeBlock> allocations;

    private List<CodeBlock> allocations() {
        List<CodeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < emitters.size(); i++) {
            LayerEmitter e = emitters.get(i);
            CodeBlock.Builder b = CodeBlock.builder();
            if (e.ownsBuffers()) {
                int size = e.layer().out().size();
                ctx.batchBuffer(b, ctx.out(i), ctx.p.type, size);
                ctx.batchBuffer(b, ctx.grad(i), ctx.p.type, size);
            }
            e.allocate(b, ctx);
            blocks.add(b.build());
        }
        return blocks;
    }

    private static int statements(List<CodeBlock> blocks) {
        return blocks.stream().mapToInt(ModelGenerator::statements).sum();
    }

    private static int statements(CodeBlock block) {
        String code = block.toString();
        int n = 0;
        for (int at = code.indexOf(";\n"); at >= 0; at = code.indexOf(";\n", at + 1)) n++;
        return n;
    }

    /** The class answers {@code modelHash()} with the model's {@code sourceHash} ({@code TrainedWeights} checks weights against it). */
    public static JavaFile generate(Model model, GeneratorOptions options) {
        return new ModelGenerator(model, options).file();
    }

    private JavaFile file() {
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ctx.p.api)
                .addJavadoc(classDoc());
        constants(type);
        fields(type);
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("A network for batches of up to $L samples (the model's {@code train(batch: ...)}, $L by default), initialized"
                                + " with seed $L.\n", defaultBatch(), Training.DEFAULT_BATCH, model.training().seed())
                .addStatement("this($L)", defaultBatch()).build());
        type.addMethod(constructor(type));
        List<List<LayerEmitter>> runs = forwardRuns();
        type.addMethod(forward(runs));
        runs.forEach(run -> type.addMethod(forwardRunPart(run)));
        // A layer whose forward runs inside a run of parts needs no forward method of its own.
        java.util.Set<String> unused = runs.stream().flatMap(List::stream).map(e -> ctx.name(e.layer(), "Forward"))
                .collect(Collectors.toSet());
        for (LayerEmitter e : emitters) e.methods(ctx).stream().filter(m -> !unused.contains(m.name())).forEach(type::addMethod);
        training(type);
        parameterMethods(type);
        if (ctx.vector) workers(type); // after every method that runs parts: it declares their Range fields
        metadata(type);
        helpers(type);
        return JavaFile.builder(options.packageName(), type.build())
                .addFileComment("$L", GeneratedHeader.comment(Ctx.pathInComment(model.sourceFile())))
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private int defaultBatch() { return Math.max(1, model.training().batch()); }

    private CodeBlock classDoc() {
        CodeBlock.Builder b = CodeBlock.builder();
        b.add("$L, generated by nnc from {@code $L}: input $L → output $L, $L parameters, $L precision.\n",
                model.name(), Ctx.pathInComment(model.sourceFile()), model.input(), model.output(), String.format(Locale.ROOT, "%,d", model.paramCount()),
                ctx.p.word());
        b.add("\n<p>Use it directly:\n<pre>{@code\n");
        String t = ctx.p.word();
        boolean literals = model.params().stream().allMatch(p -> p.values().isPresent());
        boolean someLiterals = model.params().stream().anyMatch(p -> p.values().isPresent());
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {className + " net = new " + className + "();", literals ? "parameters from the model's literals"
                : "parameters from the initializers, seed " + model.training().seed() + (someLiterals ? ", and the literals" : "")});
        int k = model.input().size();
        String values = k + (k == 1 ? " value" : " values");
        if (model.trainsOnMnist()) {
            lines.add(new String[] {"var scaling = TrainedWeights.load(net, runFolder);", "the weights that nnc train saved"});
            lines.add(new String[] {t + "[] y = net.predict(scaling.apply(x));", "x: " + values + ", scaled as the run did"});
        } else {
            // nnc train feeds MNIST only: weights of this model come from a program's own training, or setParams.
            lines.add(new String[] {t + "[] y = net.predict(x);", "x: " + values});
        }
        if (model.trainable()) {
            boolean classes = model.loss().get().classTargets();
            String targets = classes ? "labels" : "targets";
            lines.add(new String[] {"double loss = net.trainBatch(xs, " + targets + ", n);", "one step on n ≤ " + defaultBatch()
                    + " samples (new " + className + "(maxBatch) for more); " + (classes ? "int labels, one per sample"
                    : "targets shaped like the output, " + model.output().size() + " per sample")});
        }
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 2;
        for (String[] l : lines) b.add("$L// $L\n", String.format(Locale.ROOT, "%-" + width + "s", l[0]), l[1]);
        b.add("}</pre>\n");
        if (model.trainable()) {
            // The order lives in the api's trainBatch; a reader of this class should not have to look for it.
            b.add("<p>{@code trainBatch} is one step of gradient descent, written out below method by method:\n"
                    + "{@code zeroGrad()}, {@code forward} (layer by layer), {@code loss}, {@code backward} (the layers in reverse)\n"
                    + "and {@code step()} (the optimizer's update of every parameter).\n");
        }
        b.add("<p>A network is not thread-safe: it owns the buffers of its batch.\n");
        b.add("<p>Layers, in order:\n<ol>\n");
        for (Layer l : model.layers()) {
            b.add("<li>{@code $L} $L → $L ($L:$L)</li>\n", l.name(), l.kind(), l.out(), Ctx.pathInComment(l.source().file()), l.source().line());
        }
        b.add("</ol>\n");
        return b.build();
    }

    // ---- constants and fields ----

    private void constants(TypeSpec.Builder type) {
        if (ctx.vector) {
            // First, so that it runs before any static field that loads a kernel class.
            type.addField(FieldSpec.builder(boolean.class, "VECTOR_API", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Without the Vector API module, fail here with the flag to add.\n")
                    .initializer("$T.require($S)", VECTOR_MODULE, options.packageName().isEmpty() ? className : options.packageName() + "." + className)
                    .build());
        }
        type.addField(intConstant("INPUT_SIZE", model.input().size(), "Values per input sample, shape " + model.input() + "."));
        type.addField(intConstant("OUTPUT_SIZE", model.output().size(), "Values per output sample, shape " + model.output() + "."));
        type.addField(intConstant("PARAM_COUNT", (int) model.paramCount(), "Trainable values in all."));
        for (ParamTensor t : model.params()) {
            type.addField(intConstant(ctx.offset(t), t.offset(), "Offset of " + t.name() + " " + shapeText(t) + " in params and grads."));
        }
        model.optimizer().ifPresent(o -> new OptimizerEmitter(ctx, o).constants(type));
    }

    private static FieldSpec intConstant(String name, int value, String doc) {
        return FieldSpec.builder(int.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n").initializer("$L", value).build();
    }

    private static String shapeText(ParamTensor t) {
        return t.shape().dims().stream().map(d -> "[" + d + "]").collect(Collectors.joining());
    }

    private int stateSlots() { return model.optimizer().map(o -> o.stateSlots()).orElse(0); }

    /** The threads of a --vector class, and one Workers.Range per method it runs in parts (made once: no allocation per call). */
    private void workers(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(WORKERS, "workers", Modifier.PRIVATE)
                .addJavadoc("Threads for the layers' parts; results do not depend on how many.\n")
                .initializer("$T.of(1)", WORKERS).build());
        for (String part : ctx.parts) {
            type.addField(FieldSpec.builder(WORKERS.nestedClass("Range"), part, Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("this::$N", part).build());
        }
        ctx.rowOffsets.forEach((cols, name) -> type.addField(FieldSpec.builder(int[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Gather offsets for transposing a source of $L columns.\n", cols)
                .initializer("$T.rowOffsets($L)", VECTOR_TRANSPOSE, cols).build()));
        type.addMethod(MethodSpec.methodBuilder("setThreads").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(int.class, "threads")
                .addStatement("$T next = $T.of(threads)", WORKERS, WORKERS)
                .addStatement("workers.close()")
                .addStatement("workers = next").build());
        type.addMethod(MethodSpec.methodBuilder("threads").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(int.class).addStatement("return workers.threads()").build());
    }

    private void fields(TypeSpec.Builder type) {
        TypeName arr = ctx.p.array;
        type.addField(FieldSpec.builder(int.class, "maxBatch", Modifier.PRIVATE, Modifier.FINAL).build());
        if (model.trainable()) {
            type.addField(FieldSpec.builder(int.class, "forwardN", Modifier.PRIVATE)
                    .addJavadoc("Samples of the last forward (0 before the first): loss and backward read its buffers, and\n"
                            + "refuse another n (the same n after a predict is not seen: call forward on the batch again).\n").build());
        }
        type.addField(FieldSpec.builder(arr, Ctx.PARAMS, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T[PARAM_COUNT]", ctx.p.type).build());
        type.addField(FieldSpec.builder(arr, Ctx.GRADS, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T[PARAM_COUNT]", ctx.p.type).build());
        type.addField(FieldSpec.builder(arr, "state", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Optimizer state: $L.\n", stateDoc())
                .initializer("new $T[$L]", ctx.p.type, stateSlots() == 0 ? "0" : stateSlots() == 1 ? "PARAM_COUNT" : stateSlots() + " * PARAM_COUNT").build());
        type.addField(FieldSpec.builder(RNG, "rng", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Draws dropout masks.\n").initializer("new $T(0)", RNG).build());
        type.addField(FieldSpec.builder(long.class, "steps", Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(boolean.class, "training", Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(boolean.class, "inputGradient", Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(arr, Ctx.INPUT, Modifier.PRIVATE)
                .addJavadoc("The input of the last forward (the caller's array, not a copy).\n").build());
        type.addField(FieldSpec.builder(arr, Ctx.INPUT_GRAD, Modifier.PRIVATE, Modifier.FINAL).build());
        for (int i = 0; i < emitters.size(); i++) {
            LayerEmitter e = emitters.get(i);
            if (e.ownsBuffers()) {
                Layer l = e.layer();
                type.addField(FieldSpec.builder(arr, ctx.out(i), ctx.bufferModifiers())
                        .addJavadoc("Output of $L, [n]$L.\n", l.name(), dims(l)).build());
                type.addField(FieldSpec.builder(arr, ctx.grad(i), ctx.bufferModifiers())
                        .addJavadoc("d loss / d output of $L.\n", l.name()).build());
            }
            e.declare(type, ctx);
        }
        for (ParamTensor t : model.params()) {
            t.values().ifPresent(values -> literal(type, t, values));
        }
    }

    /** Values per method of a large literal: about 4 KB of bytecode each, well under HotSpot's 8,000. */
    static final int LITERAL_CHUNK = 512;

    /**
     * A weight literal as a static array. A small one is an array initializer; a large one
     * is filled by one method per chunk, because every value costs bytecode and javac
     * refuses a method (here the static initializer) over 64 KB.
     */
    private void literal(TypeSpec.Builder type, ParamTensor t, List<Double> values) {
        TypeName arr = ctx.p.array;
        FieldSpec.Builder field = FieldSpec.builder(arr, literalName(t), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The literal values of $L written in the model.\n", t.name());
        if (values.size() <= LITERAL_CHUNK) {
            type.addField(field.initializer("{$L}", values.stream().map(ctx::lit).collect(Collectors.joining(", "))).build());
            return;
        }
        String fill = "fill" + literalName(t).charAt(0) + Ctx.camel(literalName(t).toLowerCase(java.util.Locale.ROOT)).substring(1);
        type.addField(field.initializer("$N()", fill).build());
        MethodSpec.Builder all = MethodSpec.methodBuilder(fill).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(arr)
                .addStatement("$T values = new $T[$L]", arr, ctx.p.type, values.size());
        for (int start = 0, part = 0; start < values.size(); start += LITERAL_CHUNK, part++) {
            List<Double> chunk = values.subList(start, Math.min(values.size(), start + LITERAL_CHUNK));
            String name = fill + part;
            type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(arr, "values")
                    .addStatement("$T.arraycopy(new $T[] {$L}, 0, values, $L, $L)", System.class, ctx.p.type,
                            chunk.stream().map(ctx::lit).collect(Collectors.joining(", ")), start, chunk.size())
                    .build());
            all.addStatement("$N(values)", name);
        }
        type.addMethod(all.addStatement("return values").build());
    }

    private String stateDoc() {
        return model.optimizer().map(o -> switch (o.kind()) {
            case SGD -> o.momentum() != 0 ? "the velocity v per parameter" : "none";
            case MOMENTUM -> "the velocity v per parameter";
            case ADAGRAD -> "the sum of squared gradients s per parameter";
            case RMSPROP -> "the running mean of squared gradients s per parameter";
            case ADAM -> "the first moments m, then the second moments v";
        }).orElse("none: the model is not trained");
    }

    private static String dims(Layer l) {
        return l.out().dims().stream().map(d -> "[" + d + "]").collect(Collectors.joining());
    }

    private String literalName(ParamTensor t) { return ctx.offset(t) + "_VALUES"; }

    private MethodSpec constructor(TypeSpec.Builder type) {
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("this.$N = new $T[maxBatch * INPUT_SIZE]", Ctx.INPUT_GRAD, ctx.p.type);
        if (ctx.finalBuffers) {
            allocations.forEach(b::add);
        } else {
            allocationMethods().forEach(m -> {
                b.addStatement("$N(maxBatch)", m);
                type.addMethod(m);
            });
        }
        b.addStatement("initialize($LL)", model.training().seed());
        // Checked before the buffers: maxBatch × a buffer's values per sample must fit an int (a Java array's length).
        long perSample = Math.max(ctx.largestPerSample(), model.input().size());
        long largest = Integer.MAX_VALUE / perSample;
        CodeBlock.Builder checks = CodeBlock.builder();
        checks.beginControlFlow("if (maxBatch < 1 || maxBatch > $L)", largest);
        checks.addStatement("throw new IllegalArgumentException($S + maxBatch)", "maxBatch must be 1 to " + String.format(Locale.ROOT, "%,d", largest)
                + " (a buffer holds " + String.format(Locale.ROOT, "%,d", perSample) + " values per sample, a Java array at most 2,147,483,647), got ");
        checks.endControlFlow();
        checks.addStatement("this.maxBatch = maxBatch");
        return MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).addParameter(int.class, "maxBatch")
                .addJavadoc("A network for batches of up to {@code maxBatch} samples, initialized with seed $L.\n", model.training().seed())
                .addCode(checks.build()).addCode(b.build()).build();
    }

    /** The allocations in methods of up to {@link #ALLOCATIONS_PER_METHOD} statements, whole layers each. */
    private List<MethodSpec> allocationMethods() {
        List<MethodSpec> methods = new ArrayList<>();
        int from = 0;
        while (from < emitters.size()) {
            int to = from, count = 0;
            while (to < emitters.size() && (to == from || count + statements(allocations.get(to)) <= ALLOCATIONS_PER_METHOD)) {
                count += statements(allocations.get(to++));
            }
            String first = emitters.get(from).layer().name(), last = emitters.get(to - 1).layer().name();
            CodeBlock.Builder body = CodeBlock.builder();
            allocations.subList(from, to).forEach(body::add);
            methods.add(MethodSpec.methodBuilder(ctx.networkPart("allocate" + from, "allocate" + Ctx.capitalized(first) + "To" + Ctx.capitalized(last)))
                    .addModifiers(Modifier.PRIVATE).addParameter(int.class, "maxBatch")
                    .addJavadoc("The batch buffers of $L to $L (a constructor allocating every layer's would exceed 64 KB of bytecode).\n", first, last)
                    .addCode(body.build()).build());
            from = to;
        }
        return methods;
    }

    // ---- forward, loss, backward, step ----

    /**
     * --vector classes: the runs of consecutive layers whose forwards are parts over samples
     * (flatten goes along), each with at least two layers that compute. Each run becomes one part
     * per thread: a thread takes its samples through every layer of the run, so their activations
     * stay in its caches and the threads meet once per run instead of once per layer (for
     * MlpSmall's inference, the small layers after the first no longer run on one thread).
     */
    private List<List<LayerEmitter>> forwardRuns() {
        List<List<LayerEmitter>> runs = new ArrayList<>();
        if (!ctx.vector) return runs;
        List<LayerEmitter> run = new ArrayList<>();
        for (LayerEmitter e : emitters) {
            if (e.forwardPartCost(ctx).isPresent()) {
                run.add(e);
                continue;
            }
            closeRun(runs, run);
            run = new ArrayList<>();
        }
        closeRun(runs, run);
        return runs;
    }

    private static void closeRun(List<List<LayerEmitter>> runs, List<LayerEmitter> run) {
        if (run.stream().filter(e -> !(e instanceof FlattenEmitter)).count() >= 2) runs.add(List.copyOf(run));
    }

    private String runPart(List<LayerEmitter> run) {
        return ctx.networkPart("forward" + run.get(0).layer().index(), "forwardFrom" + Ctx.capitalized(run.get(0).layer().name()));
    }

    private MethodSpec forwardRunPart(List<LayerEmitter> run) {
        CodeBlock.Builder b = CodeBlock.builder();
        for (LayerEmitter e : run) {
            if (!(e instanceof FlattenEmitter)) b.addStatement("$N(n, from, to)", ctx.name(e.layer(), "ForwardPart"));
        }
        return Ctx.partMethod(runPart(run), "Samples [from, to) through " + names(run) + ", one layer after the other.\n", b.build());
    }

    /** "h1, relu_1, out": the layers of a run that compute (flatten does not). */
    private static String names(List<LayerEmitter> run) {
        return run.stream().filter(e -> !(e instanceof FlattenEmitter)).map(e -> e.layer().name()).collect(Collectors.joining(", "));
    }

    private MethodSpec forward(List<List<LayerEmitter>> runs) {
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("$T.batch(n, maxBatch)", Ctx.BATCH_CHECKS);
        b.beginControlFlow("if (inputs.length < n * INPUT_SIZE)");
        b.addStatement("throw new IllegalArgumentException($S + n * INPUT_SIZE + $S + inputs.length)",
                "expected at least ", " input values, got ");
        b.endControlFlow();
        b.addStatement("$N = inputs", Ctx.INPUT);
        if (model.trainable()) b.addStatement("forwardN = n");
        for (int i = 0; i < emitters.size(); i++) {
            LayerEmitter e = emitters.get(i);
            List<LayerEmitter> run = runs.stream().filter(r -> r.get(0) == e).findFirst().orElse(null);
            if (run != null) {
                long cost = run.stream().mapToLong(x -> x.forwardPartCost(ctx).getAsLong()).sum();
                b.add("// $L: one part per thread through all of them\n", names(run));
                b.addStatement(ctx.runParts(runPart(run), "n", cost + "L", "n"));
                i += run.size() - 1;
            } else if (e instanceof FlattenEmitter) {
                b.add("// $L: flatten $L → $L reads the same memory\n", e.layer().name(), e.layer().in(), e.layer().out());
            } else {
                b.addStatement("$N(n)", ctx.name(e.layer(), "Forward"));
            }
        }
        b.addStatement("return $N", emitters.isEmpty() ? Ctx.INPUT : ctx.out(emitters.size() - 1));
        return MethodSpec.methodBuilder("forward").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ctx.p.array).addParameter(ctx.p.array, "inputs").addParameter(int.class, "n")
                .addCode(b.build()).build();
    }

    private void training(TypeSpec.Builder type) {
        TypeName arr = ctx.p.array;
        TypeName ints = TypeName.get(int[].class);
        if (model.loss().isEmpty() || model.optimizer().isEmpty()) {
            String why = "model " + model.name() + " has no loss and optimizer: it is for inference only";
            for (TypeName t : List.of(ints, arr)) {
                type.addMethod(MethodSpec.methodBuilder("loss").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(double.class).addParameter(t, "targets").addParameter(int.class, "n")
                        .addStatement("throw new IllegalStateException($S)", why).build());
                type.addMethod(MethodSpec.methodBuilder("backward").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .addParameter(t, "targets").addParameter(int.class, "n")
                        .addStatement("throw new IllegalStateException($S)", why).build());
            }
            type.addMethod(MethodSpec.methodBuilder("step").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addStatement("throw new IllegalStateException($S)", why).build());
            return;
        }
        Loss loss = model.loss().get();
        LossEmitter le = new LossEmitter(ctx, loss);
        type.addMethod(le.lossMethod());
        CodeBlock.Builder back = CodeBlock.builder();
        back.addStatement("$T.forwardDone(n, forwardN)", Ctx.BATCH_CHECKS);
        back.add(le.checkTargets());
        // The model's output y, or the logits z: those under a final activation fused with the loss, or those the model outputs.
        boolean logits = loss.kind() == Loss.Kind.SOFTMAX_CROSS_ENTROPY || loss.kind() == Loss.Kind.SIGMOID_BINARY_CROSS_ENTROPY;
        back.add("// dL/d$L: $L\n", loss.fusedActivation() ? "z under the final " + model.layers().get(model.layers().size() - 1).kind()
                : logits ? "z, the logits the model outputs" : "y", le.formula());
        back.add(le.seedGradient());
        for (int i = le.firstBackward(); i >= 0; ) {
            List<LayerEmitter> run = new ArrayList<>();
            for (int j = i; j >= 0 && emitters.get(j).splitBackward(ctx).isPresent(); j--) run.add(emitters.get(j));
            if (run.isEmpty()) {
                LayerEmitter e = emitters.get(i);
                if (!(e instanceof FlattenEmitter)) back.addStatement("$N(n)", ctx.name(e.layer(), "Backward"));
                i--;
                continue;
            }
            backwardRun(run, back, type);
            i -= run.size();
        }
        type.addMethod(MethodSpec.methodBuilder("backward").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(le.targetsType(), loss.classTargets() ? "labels" : "targets").addParameter(int.class, "n")
                .addJavadoc("Backpropagates the loss of the last forward through every layer, adding to the gradients.\n")
                .addCode(back.build()).build());
        // The other kind of targets does not fit this model. Named for every method a caller may have
        // called: trainBatch reaches these through loss.
        TypeName other = loss.classTargets() ? arr : ints;
        String hint = loss.classTargets()
                ? model.name() + " is trained on class indices: pass int[] labels, one per sample, to trainBatch, loss and backward"
                : model.name() + " is trained on target vectors: pass " + ctx.p.word() + "[] targets, " + model.output().size()
                        + " per sample, to trainBatch, loss and backward";
        for (String method : List.of("loss", "backward")) {
            MethodSpec.Builder m = MethodSpec.methodBuilder(method).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addParameter(other, "targets").addParameter(int.class, "n")
                    .addStatement("throw new IllegalArgumentException($S)", hint);
            if (method.equals("loss")) m.returns(double.class);
            type.addMethod(m.build());
        }

        OptimizerEmitter oe = new OptimizerEmitter(ctx, model.optimizer().get());
        MethodSpec.Builder step = MethodSpec.methodBuilder("step").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addJavadoc(oe.rule() + "\n").addCode(oe.body());
        if (ctx.vector) {
            // Each thread updates the rows it owns and rebuilds what they make of the derived copies.
            step.addStatement(ctx.runParts("stepPart", "workers.threads()", ownedCost(16 + 32) + "L / workers.threads()", "workers.threads()"));
            ownedRowsMethods(type, "stepPart", "The update of the rows that part [from, to) of n owns, and their part of the derived copies.\n",
                    oe.prelude(), (b, e) -> {
                        for (ParamTensor t : e.layer().params()) b.add(oe.update(rowStart(t, "lo"), rowStart(t, "hi")));
                        e.refreshRows(b, ctx, "lo", "hi");
                    });
        } else {
            step.addStatement("refreshDerived()");
        }
        type.addMethod(step.build());
    }

    /**
     * --vector classes: the backward of consecutive layers (last first) whose backward splits in
     * two ({@link LayerEmitter#splitBackward}): their parts over samples as one part per thread,
     * going down through all of them, then the weight gradients of each, which need every sample.
     */
    private void backwardRun(List<LayerEmitter> run, CodeBlock.Builder back, TypeSpec.Builder type) {
        List<LayerEmitter.SplitBackward> splits = run.stream().map(e -> e.splitBackward(ctx).orElseThrow()).toList();
        List<LayerEmitter.SamplePart> parts = splits.stream().flatMap(split -> split.perSample().stream()).toList();
        if (!parts.isEmpty()) {
            String name = ctx.networkPart("backward" + run.get(0).layer().index(), "backwardFrom" + Ctx.capitalized(run.get(0).layer().name()));
            CodeBlock.Builder body = CodeBlock.builder();
            for (LayerEmitter.SamplePart part : parts) {
                if (part.onRequest()) body.addStatement("if (inputGradient) $N(n, from, to)", part.method());
                else body.addStatement("$N(n, from, to)", part.method());
            }
            type.addMethod(Ctx.partMethod(name, "Samples [from, to) back through " + names(run) + ", one layer after the other.\n", body.build()));
            back.add("// $L, per sample: one part per thread back through all of them\n", names(run));
            back.addStatement(ctx.runParts(name, "n", parts.stream().mapToLong(LayerEmitter.SamplePart::cost).sum() + "L", "n"));
        }
        if (splits.size() <= OWNED_ROWS_PER_METHOD) {
            for (LayerEmitter.SplitBackward split : splits) back.add(split.afterAll());
            return;
        }
        // Deep models: the weight gradients in methods of a group of layers each, as in ownedRowsMethods.
        for (int from = 0; from < splits.size(); from += OWNED_ROWS_PER_METHOD) {
            int to = Math.min(splits.size(), from + OWNED_ROWS_PER_METHOD);
            String first = run.get(from).layer().name(), last = run.get(to - 1).layer().name();
            String method = ctx.networkPart("weightGradients:" + first, "weightGradients" + Ctx.capitalized(first));
            CodeBlock.Builder body = CodeBlock.builder();
            for (LayerEmitter.SplitBackward split : splits.subList(from, to)) body.add(split.afterAll());
            back.addStatement("$N(n)", method);
            type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                    .addJavadoc("Of backward: the weight gradients of layers " + first + " down to " + last
                            + " (a method holds at most 64 KB of bytecode).\n")
                    .addCode(body.build()).build());
        }
    }

    // ---- parameters ----

    private void parameterMethods(TypeSpec.Builder type) {
        TypeName arr = ctx.p.array;
        CodeBlock.Builder init = CodeBlock.builder();
        init.addStatement("$T draw = new $T(seed)", RNG, RNG);
        for (ParamTensor t : model.params()) {
            String off = ctx.offset(t);
            init.add("// $L $L: $L\n", t.name(), shapeText(t), t.values().isPresent() ? "the literal in the model" : t.init());
            if (t.values().isPresent()) {
                init.addStatement("$T.arraycopy($N, 0, $N, $N, $L)", System.class, literalName(t), Ctx.PARAMS, off, t.size());
                continue;
            }
            Init in = t.init();
            switch (in.kind()) {
                case ZEROS -> init.addStatement("$T.fill($N, $N, $N + $L, $L)", Arrays.class, Ctx.PARAMS, off, off, t.size(), ctx.lit(0));
                case NORMAL -> init.addStatement("$T.normal($N, $N, $L, $L, draw)", INITIALIZERS, Ctx.PARAMS, off, t.size(), Precision.doubleLiteral(in.scale()));
                case UNIFORM -> init.addStatement("$T.uniform($N, $N, $L, $L, draw)", INITIALIZERS, Ctx.PARAMS, off, t.size(), Precision.doubleLiteral(in.scale()));
                case XAVIER -> init.addStatement("$T.uniform($N, $N, $L, $T.xavierLimit($L, $L), draw)", INITIALIZERS, Ctx.PARAMS, off, t.size(),
                        INITIALIZERS, t.fanIn(), t.fanOut());
                case HE -> init.addStatement("$T.normal($N, $N, $L, $T.heStd($L), draw)", INITIALIZERS, Ctx.PARAMS, off, t.size(), INITIALIZERS, t.fanIn());
            }
        }
        init.addStatement("$T.fill($N, $L)", Arrays.class, Ctx.GRADS, ctx.lit(0));
        init.addStatement("$T.fill(state, $L)", Arrays.class, ctx.lit(0));
        init.addStatement("steps = 0");
        init.add("// Dropout draws from its own stream, derived from the same seed.\n");
        init.addStatement("rng.setState(draw.nextLong())");
        init.addStatement("refreshDerived()");
        type.addMethod(MethodSpec.methodBuilder("initialize").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(long.class, "seed").addCode(init.build()).build());

        CodeBlock.Builder refresh = CodeBlock.builder();
        if (ctx.vector) {
            String part = ctx.networkPart("refresh", "refreshPart");
            refresh.addStatement(ctx.runParts(part, "workers.threads()", ownedCost(32) + "L / workers.threads()", "workers.threads()"));
            ownedRowsMethods(type, part, "What the rows that part [from, to) of n owns make of the derived copies.\n", CodeBlock.of(""),
                    (b, e) -> e.refreshRows(b, ctx, "lo", "hi"));
        } else {
            for (LayerEmitter e : emitters) e.refresh(refresh, ctx);
        }
        type.addMethod(MethodSpec.methodBuilder("refreshDerived").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Recomputes what is derived from the parameters, after every change to them.\n")
                .addCode(refresh.build()).build());

        type.addMethod(getter("params", arr, Ctx.PARAMS));
        type.addMethod(getter("grads", arr, Ctx.GRADS));
        type.addMethod(getter("optimizerState", arr, "state"));
        type.addMethod(getter("inputGrad", arr, Ctx.INPUT_GRAD));
        type.addMethod(MethodSpec.methodBuilder("setParams").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(arr, "values")
                .beginControlFlow("if (values.length != PARAM_COUNT)")
                .addStatement("throw new IllegalArgumentException($S + values.length)", "expected " + model.paramCount() + " parameters, got ")
                .endControlFlow()
                .addStatement("$T.arraycopy(values, 0, $N, 0, PARAM_COUNT)", System.class, Ctx.PARAMS)
                .addStatement("refreshDerived()").build());
        MethodSpec.Builder zero = MethodSpec.methodBuilder("zeroGrad").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
        if (ctx.vector) {
            // By the rows' owners, who then add the weight gradients to them.
            String part = ctx.networkPart("zeroGrad", "zeroGradPart");
            zero.addStatement(ctx.runParts(part, "workers.threads()", ownedCost(16) + "L / workers.threads()", "workers.threads()"));
            ownedRowsMethods(type, part, "The gradients of the rows that part [from, to) of n owns, set to 0.\n", CodeBlock.of(""), (b, e) -> {
                for (ParamTensor t : e.layer().params()) {
                    b.addStatement("$T.fill($N, $L, $L, $L)", Arrays.class, Ctx.GRADS, rowStart(t, "lo"), rowStart(t, "hi"), ctx.lit(0));
                }
            });
        } else {
            zero.addStatement("$T.fill($N, $L)", Arrays.class, Ctx.GRADS, ctx.lit(0));
        }
        type.addMethod(zero.build());
    }

    /** What a part method over owned rows does for one layer with parameters, over its rows {@code lo} to {@code hi}. */
    private interface RowsOfLayer {
        void add(CodeBlock.Builder b, LayerEmitter e);
    }

    /**
     * Layers of parameters per method of {@link #ownedRowsMethods} (and of a deep backward's
     * weight gradients): a deep --vector model's step part outgrew the 64 KB of bytecode a Java
     * method may hold at about 300 convolutions, and HotSpot leaves a method over 8,000 bytes
     * interpreted. A layer takes some 100 to 250 bytes there.
     */
    static final int OWNED_ROWS_PER_METHOD = 24;

    /**
     * --vector classes: the part method {@code name} (n, from, to) that works on the rows each
     * part owns: for every layer with parameters, its units (or output channels) R split as
     * [R·from/n, R·to/n) (the split of the weight gradients' parts), and {@code perLayer} over
     * those rows ({@code lo}, {@code hi}), after {@code prelude}. Past
     * {@link #OWNED_ROWS_PER_METHOD} such layers, {@code name} calls one method per group of them.
     */
    private void ownedRowsMethods(TypeSpec.Builder type, String name, String doc, CodeBlock prelude, RowsOfLayer perLayer) {
        List<LayerEmitter> owners = emitters.stream().filter(e -> !e.layer().params().isEmpty()).toList();
        if (owners.size() <= OWNED_ROWS_PER_METHOD) {
            type.addMethod(Ctx.partMethod(name, doc, ownedRows(owners, prelude, perLayer)));
            return;
        }
        CodeBlock.Builder calls = CodeBlock.builder();
        List<MethodSpec> groups = new ArrayList<>();
        for (int from = 0; from < owners.size(); from += OWNED_ROWS_PER_METHOD) {
            List<LayerEmitter> group = owners.subList(from, Math.min(owners.size(), from + OWNED_ROWS_PER_METHOD));
            String first = group.get(0).layer().name(), last = group.get(group.size() - 1).layer().name();
            String method = ctx.networkPart(name + ":" + first, name + Ctx.capitalized(first));
            calls.addStatement("$N(n, from, to)", method);
            groups.add(Ctx.partMethod(method, "Of " + name + ": layers " + first + " to " + last
                    + " (a method holds at most 64 KB of bytecode).\n", ownedRows(group, prelude, perLayer)));
        }
        type.addMethod(Ctx.partMethod(name, doc, calls.build()));
        groups.forEach(type::addMethod);
    }

    private CodeBlock ownedRows(List<LayerEmitter> owners, CodeBlock prelude, RowsOfLayer perLayer) {
        CodeBlock.Builder b = CodeBlock.builder().add(prelude);
        for (LayerEmitter e : owners) {
            int rows = e.layer().params().get(0).shape().dim(0);
            b.add("// $L: rows [$L·from/n, $L·to/n)\n", e.layer().name(), rows, rows);
            b.add("{\n").indent();
            b.addStatement("int lo = $L * from / n, hi = $L * to / n", rows, rows);
            perLayer.add(b, e);
            b.unindent().add("}\n");
        }
        return b.build();
    }

    /** Where row {@code row} (an expression) of a parameter tensor starts in the flat arrays. */
    private String rowStart(ParamTensor t, String row) {
        int size = t.size() / t.shape().dim(0);
        return ctx.offset(t) + " + " + (size == 1 ? row : row + " * " + size);
    }

    /** Operations of a pass over every parameter at {@code perValue} each. */
    private long ownedCost(int perValue) {
        return model.paramCount() * (long) perValue;
    }

    private static MethodSpec getter(String name, TypeName type, String field) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(type).addStatement("return $N", field).build();
    }

    // ---- what the harness asks about the model ----

    private void metadata(TypeSpec.Builder type) {
        type.addMethod(value("modelName", String.class, CodeBlock.of("$S", model.name())));
        if (!model.sourceHash().isEmpty()) type.addMethod(value("modelHash", String.class, CodeBlock.of("$S", model.sourceHash())));
        type.addMethod(value("sourceFile", String.class, CodeBlock.of("$S", model.sourceFile())));
        type.addMethod(value("precision", String.class, CodeBlock.of("$S", ctx.p.word())));
        type.addMethod(value("inputSize", int.class, CodeBlock.of("INPUT_SIZE")));
        type.addMethod(value("outputSize", int.class, CodeBlock.of("OUTPUT_SIZE")));
        type.addMethod(value("paramCount", int.class, CodeBlock.of("PARAM_COUNT")));
        type.addMethod(value("maxBatch", int.class, CodeBlock.of("maxBatch")));
        type.addMethod(value("classTargets", boolean.class, CodeBlock.of("$L", model.loss().map(Loss::classTargets).orElse(false))));
        if (model.loss().map(Loss::sumsOverBatch).orElse(false)) {
            type.addMethod(value("lossSumsOverBatch", boolean.class, CodeBlock.of("true")));
        }
        type.addMethod(value("trainable", boolean.class, CodeBlock.of("$L", model.trainable())));
        type.addMethod(value("optimizerStateSize", int.class, CodeBlock.of("state.length")));
        type.addMethod(value("inputShape", LIST_OF_INTEGER, CodeBlock.of("$T.of($L)", List.class,
                model.input().dims().stream().map(String::valueOf).collect(Collectors.joining(", ")))));
        type.addMethod(value("layerNames", LIST_OF_STRING, CodeBlock.of("$T.of($L)", List.class,
                model.layers().stream().map(l -> "\"" + l.name() + "\"").collect(Collectors.joining(", ")))));

        CodeBlock.Builder sizes = CodeBlock.builder().add("return switch (i) {\n").indent();
        CodeBlock.Builder outputs = CodeBlock.builder().add("return switch (i) {\n").indent();
        for (int i = 0; i < emitters.size(); i++) {
            sizes.add("case $L -> $L;\n", i, emitters.get(i).layer().out().size());
            outputs.add("case $L -> $N;\n", i, ctx.out(i));
        }
        String bad = "no layer ";
        sizes.add("default -> throw new IndexOutOfBoundsException($S + i);\n", bad).unindent().add("};\n");
        outputs.add("default -> throw new IndexOutOfBoundsException($S + i);\n", bad).unindent().add("};\n");
        type.addMethod(MethodSpec.methodBuilder("layerSize").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(int.class).addParameter(int.class, "i").addCode(sizes.build()).build());
        type.addMethod(MethodSpec.methodBuilder("layerOutput").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ctx.p.array).addParameter(int.class, "i").addCode(outputs.build()).build());

        List<CodeBlock> infos = new ArrayList<>();
        for (ParamTensor t : model.params()) {
            infos.add(CodeBlock.of("new $T($S, $S, $L, $N, $T.of($L))", PARAM_INFO, t.name(), t.layer(), t.role() == ParamTensor.Role.WEIGHT,
                    ctx.offset(t), List.class, t.shape().dims().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        type.addMethod(value("parameters", ParameterizedTypeName.get(ClassName.get(List.class), PARAM_INFO),
                CodeBlock.builder().add("$T.of(", List.class).add(infos.isEmpty() ? CodeBlock.of("") : CodeBlock.builder()
                        .add("\n").indent().add(CodeBlock.join(infos, ",\n")).unindent().build()).add(")").build()));

        type.addMethod(value("stepCount", long.class, CodeBlock.of("steps")));
        type.addMethod(setter("setStepCount", long.class, "steps", "steps = value"));
        type.addMethod(value("rngState", long.class, CodeBlock.of("rng.state()")));
        type.addMethod(setter("setRngState", long.class, "state", "rng.setState(value)"));
        type.addMethod(value("isTraining", boolean.class, CodeBlock.of("training")));
        type.addMethod(setter("setTraining", boolean.class, "training", "training = value"));
        type.addMethod(setter("setInputGradient", boolean.class, "inputGradient", "inputGradient = value"));
    }

    private static MethodSpec value(String name, java.lang.reflect.Type type, CodeBlock value) {
        return value(name, TypeName.get(type), value);
    }

    private static MethodSpec value(String name, TypeName type, CodeBlock value) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(type).addStatement("return $L", value).build();
    }

    private static MethodSpec setter(String name, java.lang.reflect.Type type, String what, String statement) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(type, "value").addStatement(statement).build();
    }

    private void helpers(TypeSpec.Builder type) {
        if (!ctx.vector && emitters.stream().anyMatch(e -> e instanceof DenseEmitter d && !d.unrolled() || e instanceof Conv2dEmitter)) {
            TypeName arr = ctx.p.array;
            type.addMethod(MethodSpec.methodBuilder("transpose").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("dst[c][r] = src[offset + r·cols + c]\n")
                    .addParameter(arr, "src").addParameter(int.class, "offset").addParameter(int.class, "rows")
                    .addParameter(int.class, "cols").addParameter(arr, "dst")
                    .beginControlFlow("for (int r = 0; r < rows; r++)")
                    .addStatement("for (int c = 0; c < cols; c++) dst[c * rows + r] = src[offset + r * cols + c]")
                    .endControlFlow().build());
        }
        if (model.loss().map(Loss::classTargets).orElse(false)) {
            int k = model.output().size();
            type.addMethod(MethodSpec.methodBuilder("logSumExp").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(double.class).addParameter(ctx.p.array, "z").addParameter(int.class, "offset")
                    .addJavadoc("log Σ_k e^(z[k]) over one sample, as m + log Σ e^(z[k] − m) with m the largest z: never overflows.\n")
                    .addStatement("double max = z[offset]")
                    .addStatement("for (int k = 1; k < $L; k++) max = Math.max(max, z[offset + k])", k)
                    .addStatement("double sum = 0")
                    .addStatement("for (int k = 0; k < $L; k++) sum += Math.exp(z[offset + k] - max)", k)
                    .addStatement("return max + Math.log(sum)").build());
            type.addMethod(MethodSpec.methodBuilder("label").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(int.class).addParameter(int[].class, "labels").addParameter(int.class, "s")
                    .addStatement("int t = labels[s]")
                    .beginControlFlow("if (t < 0 || t >= $L)", k)
                    .addStatement("throw new IllegalArgumentException($S + s + $S + t)", "label of sample ", " must be a class from 0 to " + (k - 1) + ", got ")
                    .endControlFlow()
                    .addStatement("return t").build());
        }
    }
}
