package dev.nnc.robustness;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the whole front end ({@link NncCompiler#check}: lexer, parser,
 * binder, shape checker, lints) with Jazzer. Each input must be answered within 15 s, without
 * an exception, and satisfy {@link FrontEndInvariants}.
 *
 * <p>In a plain {@code mvn test} (regression mode) this runs once per seed: the empty input,
 * every sample and bad model ({@link #models}, read from {@code models/} and
 * {@code src/test/resources/bad/} where they live, not copied), and every file under
 * {@code src/test/resources/dev/nnc/robustness/FrontEndFuzzTestInputs/frontEnd/}, where the
 * crashes the fuzzer found are kept. With {@code JAZZER_FUZZ=1} Jazzer fuzzes instead: the
 * same seeds start the corpus, the classes of {@code dev.nnc} are instrumented for coverage,
 * and a crashing input is written to that directory. See TESTING.md for the commands.
 *
 * <p>The bytes become text as a file would: valid UTF-8 is decoded (a byte order mark is left
 * in, for the front end to cope with); anything else is read as ISO-8859-1, one character a
 * byte, so that NULs, control characters and odd letters still reach the lexer.
 */
class FrontEndFuzzTest {
    /**
     * Longer than any real answer by far: the sample models check in about a millisecond, the slowest
     * seed (hang-unary-plus-chain, a near-hang cut short by a limit) in about a second, but it passed
     * 5 s in a JVM sharing two cores with three builds. A hang, what this is for, runs for minutes.
     */
    private static final long QUICKLY_SECONDS = 15;

    /**
     * Runs each check, so that a hang is cut off after {@link #QUICKLY_SECONDS}. A JUnit
     * {@code @Timeout} cannot do it: it would also time the fuzzing run as a whole, and the
     * installation of Jazzer's agent in the first invocation. Jazzer's coverage counters are
     * global, so the checks on this thread are instrumented like any other.
     */
    private static ExecutorService worker = newWorker();

    /** The fuzz test; its name names its directory of saved inputs, so keep it. */
    @MethodSource("models")
    @DictionaryFile(resourcePath = "FrontEndFuzzTest.dict")
    @FuzzTest(maxDuration = "60s")
    void frontEnd(byte[] input) throws Exception {
        String text = decode(input);
        SourceFile source = new SourceFile("fuzz.nn", text);
        CheckResult r = checkQuickly(source);
        FrontEndInvariants.assertHold(source, r, () -> " on input:\n" + text);
    }

    private static CheckResult checkQuickly(SourceFile source) throws Exception {
        Future<CheckResult> answer = worker.submit(() -> NncCompiler.check(source));
        try {
            return answer.get(QUICKLY_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the old thread may spin on; later inputs get a fresh one
            throw new AssertionError("no answer within " + QUICKLY_SECONDS + " s on input:\n" + source.text());
        } catch (ExecutionException e) {
            // The front end's own exception as the cause, with the input as text (libFuzzer
            // prints only short inputs, and CI's clone with the saved crash file is thrown away).
            throw new AssertionError("exception on input:\n" + source.text(), e.getCause());
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "front-end-under-fuzzing");
            t.setDaemon(true);
            return t;
        });
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The seeds: every sample and bad model, named by its path. */
    static Stream<Arguments> models() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("models", "src/test/resources/bad")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".nn")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 10, "sample and bad models found: " + files);
        List<Arguments> seeds = new ArrayList<>();
        for (Path f : files) seeds.add(Arguments.of(Named.of(f.toString(), Files.readAllBytes(f))));
        return seeds.stream();
    }
}
