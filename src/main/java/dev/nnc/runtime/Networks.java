package dev.nnc.runtime;

import com.palantir.javapoet.JavaFile;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Network;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.ModelGenerator;
import dev.nnc.codegen.Precision;
import dev.nnc.ir.Model;

import java.util.List;

/** A checked model made into a live network: generate its class, compile it in memory, instantiate it. */
public final class Networks {
    private Networks() {}

    public static FloatNetwork floatNetwork(Model model, int maxBatch) {
        return floatNetwork(model, maxBatch, Kernels.SCALAR);
    }

    public static FloatNetwork floatNetwork(Model model, int maxBatch, Kernels kernels) {
        return network(model, Precision.FLOAT, kernels.requireAvailable(), FloatNetwork.class, maxBatch);
    }

    public static DoubleNetwork doubleNetwork(Model model, int maxBatch) {
        return network(model, Precision.DOUBLE, Kernels.SCALAR, DoubleNetwork.class, maxBatch);
    }

    private static <T extends Network> T network(Model model, Precision precision, Kernels kernels, Class<T> type, int maxBatch) {
        boolean vector = kernels == Kernels.VECTOR;
        String pkg = "nnc.live." + (precision == Precision.FLOAT ? "f32" : "f64") + (vector ? "v" : "");
        JavaFile file = ModelGenerator.generate(model, GeneratorOptions.defaults().withPrecision(precision).withPackage(pkg).withVector(vector));
        return JavaSourceCompiler.compile(List.of(file), vector).newNetwork(pkg + "." + file.typeSpec().name(), type, maxBatch);
    }
}
