package dev.nnc.runtime;

import com.palantir.javapoet.JavaFile;
import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.ModelGenerator;
import dev.nnc.codegen.Precision;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The sample models, checked and compiled, for tests of what runs them. */
final class Models {
    private Models() {}

    static final Path DIR = Path.of("models");

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model load(Path file) {
        try {
            CheckResult checked = NncCompiler.check(new SourceFile(file.toString(), Files.readString(file)));
            assertFalse(checked.hasErrors(), () -> file + " has errors: " + checked.diagnostics());
            return checked.model().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model load(String name) {
        return load(DIR.resolve(name));
    }

    static JavaFile generate(Model model, String pkg) {
        return ModelGenerator.generate(model, GeneratorOptions.defaults().withPrecision(Precision.DOUBLE).withPackage(pkg));
    }

    /** The double-precision network of {@code model}, for batches of up to {@code maxBatch}. */
    static DoubleNetwork network(Model model, int maxBatch) {
        JavaFile file = generate(model, "test.gradcheck");
        return JavaSourceCompiler.compile(List.of(file))
                .newNetwork(JavaSourceCompiler.binaryNames(List.of(file)).get(0), DoubleNetwork.class, maxBatch);
    }
}
