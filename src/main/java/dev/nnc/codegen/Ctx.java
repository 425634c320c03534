package dev.nnc.codegen;

import com.palantir.javapoet.NameAllocator;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;
import dev.nnc.ir.ParamTensor;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an emitter needs to know about names: the buffer holding each layer's
 * output and its gradient, the constant holding each parameter tensor's offset, and a
 * name allocator so that layer names never clash with each other or with Java keywords.
 * A flatten layer changes no memory, so its buffers are those of its input.
 */
final class Ctx {
    final Model model;
    final Precision p;
    private final NameAllocator names = new NameAllocator();
    private final String[] out;
    private final String[] grad;
    private final Map<String, String> offsets = new HashMap<>();
    private final Map<String, String> methods = new HashMap<>();

    static final String INPUT = "input";
    static final String INPUT_GRAD = "inputGrad";
    static final String PARAMS = "params";
    static final String GRADS = "grads";

    Ctx(Model model, Precision p) {
        this.model = model;
        this.p = p;
        for (String reserved : List.of(INPUT, INPUT_GRAD, PARAMS, GRADS, "state", "rng", "training", "inputGradient",
                "steps", "maxBatch", "n", "s", "i", "o")) {
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

    String offset(ParamTensor t) { return offsets.get(t.name()); }

    /** The field or method name of a layer's part, e.g. {@code h1Forward}, {@code h1WeightT}; the same on every call. */
    String name(Layer l, String suffix) {
        return methods.computeIfAbsent(l.index() + suffix, k -> names.newName(camel(l.name()) + suffix));
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

    /** {@code h1.weight} becomes {@code H1_WEIGHT}. */
    static String constant(String name) {
        return name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    String lit(double v) { return p.literal(v); }
}
