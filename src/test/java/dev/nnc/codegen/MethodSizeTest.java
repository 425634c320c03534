package dev.nnc.codegen;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.CompileResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.lang.model.element.Modifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every generated method stays small enough for the JIT. HotSpot never compiles a method
 * of more than {@value #HUGE_METHOD} bytes of bytecode (-XX:+DontCompileHugeMethods, on by
 * default): it would run interpreted, some 50 times slower, forever. (javac's own limit,
 * 64 KB per method, is far above; a class that broke it would not compile at all.)
 * The static initializer, the constructor and the like run once, so only javac's limit applies to them.
 *
 * <p>Checked on every sample model and on shapes chosen to stress the generator: a
 * 784-800-10 MLP, dense layers exactly at {@link DenseEmitter#UNROLL_LIMIT} weights in
 * every orientation, wide convolutions, deep stacks, every optimizer; in both precisions and
 * with the --vector kernels.
 */
class MethodSizeTest {
    static final int HUGE_METHOD = 8000;
    static final String STATIC_INITIALIZER = "<clinit>()V";
    /**
     * Methods a network runs once (or once per checkpoint): the JIT's limit does not matter to
     * them, javac's does (every class here must compile). A deep model's constructor allocates
     * some ten buffers per layer.
     */
    static final java.util.Set<String> RUN_ONCE = java.util.Set.of(STATIC_INITIALIZER, "<init>(I)V", "<init>()V",
            "parameters()Ljava/util/List;", "initialize(J)V");

    record Case(String name, String source) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (Path file : sampleModels()) {
            try {
                cases.add(new Case(file.toString(), Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        cases.addAll(stress());
        return cases.stream().flatMap(c -> Stream.of(Flavor.values()).map(f -> Arguments.of(c, f)));
    }

    /** The three kinds of class nnc generates. */
    enum Flavor {
        FLOAT(GeneratorOptions.defaults().withPrecision(Precision.FLOAT)),
        DOUBLE(GeneratorOptions.defaults().withPrecision(Precision.DOUBLE)),
        VECTOR(GeneratorOptions.defaults().withPrecision(Precision.FLOAT).withVector(true));

        final GeneratorOptions options;

        Flavor(GeneratorOptions options) { this.options = options.withPackage("test.size"); }

        @Override
        public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    static List<Path> sampleModels() {
        try (Stream<Path> files = Files.list(Path.of("models"))) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shapes at the edges of what the generator does differently. */
    static List<Case> stress() {
        int limit = DenseEmitter.UNROLL_LIMIT;
        int side = (int) Math.sqrt(limit);
        List<Case> cases = new ArrayList<>();
        cases.add(c("784-800-10 MLP", model("Wide", "[784]",
                "dense h(784 -> 800) relu", "dense out(10)")));
        cases.add(c("dense 1 -> " + limit + " (unrolled, widest)", model("UnrolledWide", "[1]",
                "dense a(1 -> " + limit + ") tanh", "dense b(1)").withLoss("mse")));
        cases.add(c("dense 1 -> " + limit + " after another layer (unrolled, input gradient always computed)",
                model("UnrolledInner", "[1]", "dense a(1 -> 1) tanh", "dense b(1 -> " + limit + ") relu", "dense c(1)").withLoss("mse")));
        cases.add(c("dense " + limit + " -> 1 (unrolled, deepest sum)", model("UnrolledDeep", "[" + limit + "]",
                "dense a(" + limit + " -> 1) sigmoid").withLoss("binary_cross_entropy")));
        cases.add(c("dense " + side + " -> " + side + " x3 (unrolled, square)", model("UnrolledSquare", "[" + side + "]",
                "dense a(" + side + " -> " + side + ") relu", "dense b(" + side + ") leaky_relu(alpha: 0.1)",
                "dense c(" + side + ") softmax").withLoss("cross_entropy")));
        cases.add(c("dense " + limit + " -> 2 (just past the unroll limit)", model("Looped", "[" + limit + "]",
                "dense a(" + limit + " -> 2)")));
        cases.add(c("3 wide convolutions", model("WideConv", "[3, 32, 32]",
                "conv2d c1(3 -> 256, kernel: 5, padding: 2) relu", "maxpool2d(kernel: 2)",
                "conv2d c2(256 -> 256, kernel: 3, padding: 1) relu", "avgpool2d(kernel: 2)",
                "conv2d c3(256 -> 512, kernel: 3, stride: 2) relu", "flatten", "dense out(10)")));
        cases.add(c("rectangular kernels and strides", model("Rect", "[4, 40, 30]",
                "conv2d c1(4 -> 8, kernel: [5, 3], stride: 3, padding: 2) tanh", "maxpool2d(kernel: [2, 3], stride: 2)",
                "dropout(0.3)", "flatten", "dense out(5) sigmoid").withLoss("binary_cross_entropy")));
        List<String> deep = new ArrayList<>();
        for (int i = 1; i <= 60; i++) deep.add("dense d" + i + "(16) " + (i % 2 == 0 ? "relu" : "tanh"));
        deep.add("dropout(0.1)");
        deep.add("dense out(3)");
        cases.add(c("60 dense layers", model("Deep", "[16]", deep.toArray(String[]::new))));
        List<String> deepConv = new ArrayList<>();
        for (int i = 1; i <= 150; i++) deepConv.add("conv2d c" + i + "(4, kernel: 3, padding: 1) relu");
        deepConv.add("flatten");
        deepConv.add("dense out(10)");
        cases.add(c("150 convolutions (the --vector step once outgrew 64 KB)", model("DeepConv", "[1, 8, 8]", deepConv.toArray(String[]::new))
                .withOptimizer("adam(lr: 0.001, weight_decay: 0.01)")));
        for (String optimizer : List.of("sgd(lr: 0.1)", "sgd(lr: 0.1, momentum: 0.9)", "momentum(lr: 0.1)", "adagrad(lr: 0.1)",
                "rmsprop(lr: 0.01)", "adam(lr: 0.001, weight_decay: 0.01)")) {
            cases.add(c("optimizer " + optimizer, model("Opt", "[784]", "dense h(784 -> 800) relu", "dense out(10)")
                    .withOptimizer(optimizer)));
        }
        return cases;
    }

    /** A model source; softmax cross-entropy and SGD unless changed. */
    record Source(String name, String input, List<String> layers, String loss, String optimizer) {
        Source withLoss(String l) { return new Source(name, input, layers, l, optimizer); }

        Source withOptimizer(String o) { return new Source(name, input, layers, loss, o); }

        @Override
        public String toString() {
            return "model " + name + " {\n  input " + input + "\n" + layers.stream().map(l -> "  " + l + "\n").collect(Collectors.joining())
                    + "  loss " + loss + "\n  optimizer " + optimizer + "\n}\n";
        }
    }

    private static Case c(String name, Source source) {
        return new Case(name, source.toString());
    }

    private static Source model(String name, String input, String... layers) {
        return new Source(name, input, List.of(layers), "softmax_cross_entropy", "sgd(lr: 0.1)");
    }

    private record Method(String owner, String name, int size) {}

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyGeneratedMethodIsSmallEnoughToBeCompiled(Case c, Flavor flavor) {
        CompileResult result = NncCompiler.compile(new SourceFile(c.name() + ".nn", c.source()), flavor.options);
        assertFalse(result.hasErrors(), () -> c.name() + " does not check: " + result.check().diagnostics() + "\n" + c.source());
        Map<String, byte[]> classes = JavaSourceCompiler.compile(List.of(result.javaFile().orElseThrow())).classFiles();

        List<Method> methods = new ArrayList<>();
        classes.forEach((owner, bytes) -> ClassFileMethods.codeLengths(bytes)
                .forEach((name, size) -> methods.add(new Method(owner, name, size))));
        methods.sort(Comparator.comparingInt(Method::size).reversed());
        List<Method> jitted = methods.stream().filter(m -> !RUN_ONCE.contains(m.name())).toList();
        Method largest = jitted.get(0);
        String report = String.format(Locale.ROOT, "%s (%s): largest method %s, %,d bytes of bytecode (limit %,d); next: %s",
                c.name(), flavor, largest.name(), largest.size(), HUGE_METHOD,
                jitted.stream().skip(1).limit(3).map(m -> m.name() + " " + m.size()).collect(Collectors.joining(", ")));
        System.out.println(report);

        List<Method> huge = jitted.stream().filter(m -> m.size() > HUGE_METHOD).toList();
        assertTrue(huge.isEmpty(), () -> "HotSpot will never compile " + huge.stream()
                .map(m -> m.owner() + "." + m.name() + " (" + m.size() + " bytes)").collect(Collectors.joining(", "))
                + ": it runs interpreted.\n" + report);
    }

    /**
     * The deepest model the checker accepts (1,000 layers and 1,000 parameter tensors) compiles
     * and trains a step in float and --vector classes alike: a --vector constructor once outgrew
     * 64 KB at some 460 convolutions, allocating ten buffers each; its buffers are now allocated
     * by methods the constructor calls.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Flavor.class, names = {"FLOAT", "VECTOR"})
    void theDeepestModelTheCheckerAcceptsCompilesAndTrains(Flavor flavor) {
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < 499; i++) layers.add("conv2d c" + i + "(1, kernel: 1) relu");
        layers.add("flatten");
        layers.add("dense out(10)");
        Source source = model("Edge", "[1, 4, 4]", layers.toArray(String[]::new)).withOptimizer("adam(lr: 0.001)");
        CompileResult result = NncCompiler.compile(new SourceFile("edge.nn", source.toString()), flavor.options);
        assertFalse(result.hasErrors(), () -> "the checker's limit is 1,000 layers: " + result.check().diagnostics());
        assertEquals(1_000, result.check().model().orElseThrow().layers().size());
        JavaFile file = result.javaFile().orElseThrow();
        assertTrue(file.toString().contains("private void allocateC0To"), "the allocations of this depth go to methods");

        JavaSourceCompiler.Compiled compiled = JavaSourceCompiler.compile(List.of(file), flavor == Flavor.VECTOR);
        dev.nnc.api.FloatNetwork net = compiled.newNetwork(JavaSourceCompiler.binaryNames(List.of(file)).get(0), dev.nnc.api.FloatNetwork.class, 2);
        float[] inputs = new float[2 * 16];
        for (int i = 0; i < inputs.length; i++) inputs[i] = (i % 5) / 5f;
        double loss = net.trainBatch(inputs, new int[] {3, 7}, 2);
        assertTrue(Double.isFinite(loss) && loss > 0, "a step through every buffer: loss " + loss);
    }

    // ---- the reader itself ----

    @Test
    void theReaderFindsTheBytecodeLengthJavapWouldShow() {
        // iconst_1, ireturn: 2 bytes. A constructor: aload_0, invokespecial, return: 5 bytes.
        // a loop over a long and a double constant exercises the two-slot constant pool entries.
        TypeSpec type = TypeSpec.classBuilder("Known").addModifiers(Modifier.PUBLIC)
                .addMethod(MethodSpec.methodBuilder("one").returns(int.class).addStatement("return 1").build())
                .addMethod(MethodSpec.methodBuilder("big").returns(double.class).addParameter(long.class, "x")
                        .addStatement("return x * 12345678901L + 3.25e300").build())
                .addMethod(MethodSpec.methodBuilder("none").addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT).build())
                .addModifiers(Modifier.ABSTRACT)
                .build();
        byte[] bytes = JavaSourceCompiler.compile(List.of(JavaFile.builder("test.reader", type).build()))
                .classFiles().get("test.reader.Known");
        Map<String, Integer> lengths = ClassFileMethods.codeLengths(bytes);
        assertEquals(2, lengths.get("one()I"));
        assertEquals(5, lengths.get("<init>()V"));
        // lload_1, ldc2_w, lmul, l2d, ldc2_w, dadd, dreturn
        assertEquals(1 + 3 + 1 + 1 + 3 + 1 + 1, lengths.get("big(J)D"));
        assertFalse(lengths.containsKey("none()V"), "an abstract method has no code");
    }
}
