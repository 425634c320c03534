package dev.nnc.check;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad model of the language spec yields exactly the diagnostics its header names,
 * at the right line and column, saying the words that matter.
 */
class BadModelsTest {
    /** One expected diagnostic: code, line:column, and a phrase its message or help must contain. */
    record Expect(String code, String at, String says) {}

    record Bad(String file, List<Expect> expected) {
        @Override
        public String toString() { return file; }
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("conv_channels.nn", List.of(new Expect("NN0101", "5:13", "expects 32 input channels, but receives 16"))),
                new Bad("dense_in_mismatch.nn", List.of(new Expect("NN0102", "9:13", "expects 3163 inputs, but receives 3136"))),
                new Bad("lints.nn", List.of(
                        new Expect("NN0501", "7:3", "no activation between them, so together they are one linear map"),
                        new Expect("NN0502", "8:16", "5 sigmoid hidden layers in a row: expect vanishing gradients"),
                        new Expect("NN0503", "14:8", "softmax output trained with `mse`"))),
                new Bad("missing_flatten.nn", List.of(new Expect("NN0103", "6:3", "needs a vector, but receives [16, 14, 14]"))),
                new Bad("not_differentiable.nn", List.of(new Expect("NN0301", "4:19", "`step` has no useful gradient"))),
                new Bad("syntax.nn", List.of(new Expect("NN0002", "4:22", "the argument list of `h1` is never closed"))),
                new Bad("unknown_names.nn", List.of(
                        new Expect("NN0201", "5:3", "did you mean `dense`?"),
                        new Expect("NN0202", "6:22", "did you mean `relu`?"),
                        new Expect("NN0203", "8:18", "did you mean `lr`?"))),
                new Bad("weights_shape.nn", List.of(new Expect("NN0105", "5:13", "is [2][2], but W^[hidden] must be [3][2]"))),
                new Bad("window_too_big.nn", List.of(new Expect("NN0104", "6:28", "5×5 kernel, but its input is only 3×3"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void yieldsExactlyTheDiagnosticsItsHeaderNames(Bad bad) throws IOException {
        Path p = Path.of("src/test/resources/bad", bad.file());
        CheckResult r = NncCompiler.check(new SourceFile("bad/" + bad.file(), Files.readString(p)));
        String all = r.diagnostics().stream().map(d -> d.code() + " " + d.span() + " " + d.message())
                .collect(Collectors.joining("\n"));
        assertEquals(bad.expected().size(), r.diagnostics().size(), all);
        for (int i = 0; i < bad.expected().size(); i++) {
            Expect e = bad.expected().get(i);
            Diagnostic d = r.diagnostics().get(i);
            assertEquals(e.code(), d.code().name(), all);
            assertEquals("bad/" + bad.file() + ":" + e.at(), d.span().location(), all);
            String text = d.message() + "\n" + String.join("\n", d.help());
            assertTrue(text.contains(e.says()), () -> "diagnostic says: " + text);
        }
        boolean warningsOnly = r.diagnostics().stream().noneMatch(Diagnostic::isError);
        assertEquals(warningsOnly, r.model().isPresent(), "a model with only warnings still compiles");
    }
}
