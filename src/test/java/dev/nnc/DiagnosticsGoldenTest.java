package dev.nnc;

import dev.nnc.check.CheckResult;
import dev.nnc.diag.HumanRenderer;
import dev.nnc.diag.JsonRenderer;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The rendered diagnostics of every bad model, as a user sees them (text) and as tools
 * read them (JSON), pinned by golden files under {@code src/test/resources/golden/}.
 */
class DiagnosticsGoldenTest {
    static final Path BAD = Path.of("src/test/resources/bad");
    static final Path GOLDEN = Path.of("src/test/resources/golden/diagnostics");

    static Stream<String> badModels() throws IOException {
        return Files.list(BAD).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nn")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void renderedDiagnosticsMatchTheGoldenFiles(String file) throws IOException {
        SourceFile source = new SourceFile("bad/" + file, Files.readString(BAD.resolve(file)));
        CheckResult r = NncCompiler.check(source);
        String base = file.substring(0, file.length() - ".nn".length());
        GoldenFiles.assertMatches(GOLDEN.resolve(base + ".txt"), new HumanRenderer(false).render(r.diagnostics()));
        GoldenFiles.assertMatches(GOLDEN.resolve(base + ".json"), new JsonRenderer().render(r.diagnostics()));
    }
}
