package dev.nnc.robustness;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.runtime.Networks;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.ModelGenerator;
import dev.nnc.diag.SourceFile;
import dev.nnc.syntax.NnSyntax;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutations of every sample and bad model through the whole front end
 * ({@link NncCompiler#check}: parser, binder, shape checker, lints), then code generation
 * when the mutant is clean and rendering of its diagnostics. The parser alone is fuzzed by
 * {@code ParseRobustnessTest}; here most mutants are token edits that still parse, so they
 * reach the checker with sizes, names and arguments it has not seen. Each mutant must be
 * answered quickly, without an exception, with diagnostics whose spans lie inside the file
 * (or a model, never neither). The seed and count can be raised: see TESTING.md.
 */
class MutatedModelsTest {
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    static final int PER_FILE = Integer.getInteger("nnc.mutations.perFile", 200);
    static final long SEED = Long.getLong("nnc.mutations.seed", 20261123L);
    /** Also compile every clean mutant with javac and run it once: slow, so off in CI. */
    static final boolean COMPILE = Boolean.getBoolean("nnc.mutations.compile");

    @TestFactory
    Stream<DynamicTest> everyMutantIsAnsweredWithDiagnosticsInsideTheFile() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("models", "src/test/resources/bad")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".nn")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 10, "sample and bad models found: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> mutateFile(f)));
    }

    private static void mutateFile(Path file) throws IOException {
        String original = Files.readString(file);
        Mutator mutator = new Mutator(original, SEED ^ file.getFileName().toString().hashCode());
        int reachedChecker = 0, clean = 0;
        for (int i = 0; i < PER_FILE; i++) {
            Mutator.Mutant mutant = mutator.next();
            Outcome o = checkOne(file, mutant);
            if (o != Outcome.SYNTAX_ERROR) reachedChecker++;
            if (o == Outcome.CLEAN) clean++;
        }
        System.out.printf("%s: %d mutants, %d parsed, %d without errors%n", file, PER_FILE, reachedChecker, clean);
        // Token edits must mostly keep a parseable file parseable, or the checker is not being exercised.
        boolean parses = NnSyntax.parse(new SourceFile(file.toString(), original)).model().isPresent();
        assertTrue(!parses || reachedChecker > PER_FILE / 8, file + ": only " + reachedChecker + " of " + PER_FILE + " mutants parsed");
    }

    private enum Outcome { SYNTAX_ERROR, CHECK_ERROR, CLEAN }

    /** How far the mutant got. */
    private static Outcome checkOne(Path file, Mutator.Mutant mutant) {
        String text = mutant.text();
        SourceFile source = new SourceFile(file.toString(), text);
        String context = file + " after " + mutant.edits() + ":\n" + text;
        CheckResult r;
        try {
            r = assertTimeoutPreemptively(QUICKLY, () -> NncCompiler.check(source), () -> "too slow: " + context);
        } catch (RuntimeException e) {
            throw new AssertionError("exception on " + context, e);
        }
        FrontEndInvariants.assertHold(source, r, () -> context);
        try {
            r.model().ifPresent(m -> ModelGenerator.generate(m, GeneratorOptions.defaults()));
            if (COMPILE && r.model().isPresent()) {
                DoubleNetwork net = Networks.doubleNetwork(r.model().get(), 1);
                net.initialize(1);
                net.predict(new double[net.inputSize()]);
            }
        } catch (RuntimeException e) {
            throw new AssertionError("generation failed on " + context, e);
        }
        if (r.model().isPresent()) return Outcome.CLEAN;
        boolean parsed = r.diagnostics().stream().anyMatch(d -> !d.code().name().startsWith("NN00"));
        return parsed ? Outcome.CHECK_ERROR : Outcome.SYNTAX_ERROR;
    }
}
