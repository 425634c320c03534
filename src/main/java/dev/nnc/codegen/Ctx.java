package dev.nnc.codegen;

import com.palantir.javapoet.NameAllocator;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;
import dev.nnc.ir.ParamTensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the emitters of one class share. Names: the buffer holding each layer's output and
 * its gradient, the constant holding each parameter tensor's offset, and a name allocator so
 * that layer names never clash with each other or with Java keywords (a flatten layer changes
 * no memory, so its buffers are those of its input). And what the class as a whole must
 * declare once every emitter has run: the methods run in parts by worker threads, the
 * --vector gather tables, the largest per-sample buffer (which bounds maxBatch).
 */
final class Ctx {
    /** The api's argument checks, which every generated class calls on its public methods. */
    static final com.palantir.javapoet.ClassName BATCH_CHECKS = com.palantir.javapoet.ClassName.get("dev.nnc.api", "BatchChecks");

    final Model model;
    final Precision p;
    /** Dense and convolutional products through {@code VectorGemm} (the Vector API) instead of plain loops. */
    final boolean vector;
    private final NameAllocator names = new NameAllocator();
    private final String[] out;
    private final String[] grad;
    private final Map<String, String> offsets = new HashMap<>();
    private final Map<String, String> methods = new HashMap<>();
    /** Methods handed to the workers in parts (--vector classes); each gets a Workers.Range field of its name. */
    final List<String> parts = new ArrayList<>();
    /** --vector: the VectorTranspose gather offsets the class needs, by source width (columns); static fields of these names. */
    final java.util.SortedMap<Integer, String> rowOffsets = new java.util.TreeMap<>();

    static final String INPUT = "input";
    static final String INPUT_GRAD = "inputGrad";
    static final String PARAMS = "params";
    static final String GRADS = "grads";

    /** The most values per sample of any buffer the constructor allocates: it bounds maxBatch. */
    private long largestPerSample = 1;

    /** {@code this.field = new type[maxBatch * perSample]}, remembering the size for the constructor's maxBatch check. */
    void batchBuffer(com.palantir.javapoet.CodeBlock.Builder ctor, String field, Object type, Object perSample) {
        ctor.addStatement("this.$N = new $T[maxBatch * $L]", field, type, perSample);
        if (perSample instanceof Number n) largestPerSample = Math.max(largestPerSample, n.longValue());
    }

    long largestPerSample() { return largestPerSample; }

    /** False when the batch buffers are allocated by methods the constructor calls (a very deep model): see {@code ModelGenerator}. */
    boolean finalBuffers = true;

    /** A batch buffer's field: final when the constructor itself assigns it. */
    javax.lang.model.element.Modifier[] bufferModifiers() {
        return finalBuffers ? new javax.lang.model.element.Modifier[] {javax.lang.model.element.Modifier.PRIVATE, javax.lang.model.element.Modifier.FINAL}
                : new javax.lang.model.element.Modifier[] {javax.lang.model.element.Modifier.PRIVATE};
    }

        Ctx(Model model, Precision p, boolean vector) {
        this.model = model;
        this.p = p;
        this.vector = vector;
        for (String reserved : List.of(INPUT, INPUT_GRAD, PARAMS, GRADS, "state", "rng", "training", "inputGradient", "inputGradReady",
                "steps", "maxBatch", "n", "s", "i", "o", "workers", "from", "to", "stepPart")) {
            names.newName(reserved, reserved);
        }
        List<Layer> layers = model.layers();
        out = new String[layers.size()];
        grad = new String[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Layer.Flatten) {
                out[i] = in(i);
                grad[i] = gradIn(i);
            } else {
                String base = camel(l.name());
                out[i] = names.newName(base + "Out");
                grad[i] = names.newName(base + "Grad");
            }
        }
        for (ParamTensor t : model.params()) {
            offsets.put(t.name(), names.newName(constant(t.name())));
        }
    }

    /** The buffer a layer reads. */
    String in(int layer) { return layer == 0 ? INPUT : out[layer - 1]; }

    String out(int layer) { return out[layer]; }

    /** Where a layer's backward writes d loss / d its input. */
    String gradIn(int layer) { return layer == 0 ? INPUT_GRAD : grad[layer - 1]; }

    String grad(int layer) { return grad[layer]; }

    /**
     * Whether d loss / d the input of {@code layer} is wanted only on request (gradient
     * checks): true when no layer before it has parameters, so nothing upstream uses it.
     * Its backward then guards that part with {@code inputGradient}.
     */
    boolean inputGradOnRequest(Layer layer) {
        return model.layers().subList(0, layer.index()).stream().allMatch(l -> l.params().isEmpty());
    }

    String offset(ParamTensor t) { return offsets.get(t.name()); }

    /** The field or method name of a layer's part, e.g. {@code h1Forward}, {@code h1WeightT}; the same on every call. */
    String name(Layer l, String suffix) {
        return methods.computeIfAbsent(l.index() + suffix, k -> names.newName(camel(l.name()) + suffix));
    }

    /**
     * For --vector classes: the statement running part method {@code part} over items
     * [0, items) on the network's workers ({@code costPerItem}: operations per item, a
     * long expression that may use {@code n}), and the part method itself, whose body sees
     * {@code n} (the batch) and its items {@code [from, to)}.
     */
    String runParts(Layer l, String suffix, String items, String costPerItem) {
        return runParts(name(l, suffix), items, costPerItem, "n");
    }

    /** The same for a part that belongs to no layer ({@code part} must be a reserved name), outside a batch method. */
    String runParts(String part, String items, String costPerItem, String batch) {
        if (!parts.contains(part)) parts.add(part);
        return "workers.run(" + items + ", " + costPerItem + ", " + batch + ", " + part + ")";
    }

    /** The name of a part method of the whole network rather than of one layer; the same for the same key. */
    String networkPart(String key, String suggestion) {
        return methods.computeIfAbsent("network:" + key, k -> names.newName(suggestion));
    }

    /** The static field holding {@code VectorTranspose.rowOffsets(cols)}, declared once per width. */
    String rowOffsets(int cols) {
        return rowOffsets.computeIfAbsent(cols, c -> names.newName("ROWS_OF_" + c));
    }

    /** {@code doc}: JavaPoet format text (a {@code $} of a path doubled, as {@link LayerEmitter#where} does). */
    static com.palantir.javapoet.MethodSpec partMethod(String name, String doc, com.palantir.javapoet.CodeBlock body) {
        return partMethod(name, com.palantir.javapoet.CodeBlock.of(doc), body);
    }

    static com.palantir.javapoet.MethodSpec partMethod(String name, com.palantir.javapoet.CodeBlock doc, com.palantir.javapoet.CodeBlock body) {
        return com.palantir.javapoet.MethodSpec.methodBuilder(name).addModifiers(javax.lang.model.element.Modifier.PRIVATE)
                .addParameter(int.class, "n").addParameter(int.class, "from").addParameter(int.class, "to")
                .addJavadoc(doc).addCode(body).build();
    }

    /**
     * A file path as comment text: javac reads {@code \\u} as a Unicode escape even in a comment
     * (a Windows path {@code C:\\users\\...} would not compile), and {@code *}{@code /} would end
     * a Javadoc comment; separators are shown as {@code /}, and the two characters apart.
     */
    static String pathInComment(String path) {
        return path.replace('\\', '/').replace("*/", "* /");
    }

    /** {@code h1} stays, {@code relu_1} becomes {@code relu1}, {@code conv_block} {@code convBlock}. */
    static String camel(String name) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = sb.length() > 0;
                continue;
            }
            sb.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) sb.insert(0, 'l');
        return sb.toString();
    }

    /** {@code relu_1} becomes {@code Relu1}: a layer's name inside a longer identifier. */
    static String capitalized(String name) {
        String c = camel(name);
        return Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }

    /** {@code h1.weight} becomes {@code H1_WEIGHT}. */
    static String constant(String name) {
        return name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    String lit(double v) { return p.literal(v); }
}
