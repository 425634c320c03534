package dev.nnc.cli;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {
    /** An argument list that is never closed: a syntax error, which the parser already reports. */
    static final String SYNTAX_ERROR = "model M {\n input [784]\n dense h1(784 -> 32 relu\n}\n";

    @TempDir
    Path dir;

    @Test
    void sampleModelsCheckClean() {
        Cli.Run run = Cli.run(Cli.REAL, "check", "models").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.out() + run.err());
        assertTrue(run.out().endsWith("checked 7 files: 0 errors, 0 warnings\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void syntaxErrorExitsOne() throws IOException {
        Path bad = write("bad.nn", SYNTAX_ERROR);
        Cli.Run run = Cli.run(Cli.REAL, "check", bad.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertTrue(run.out().matches("(?s)error\\[NN000[12]].*\n --> " + Pattern.quote(bad.toString()) + ":3:.*"), run.out());
        assertTrue(run.out().matches("(?s).*\n\nerror: could not check `" + Pattern.quote(bad.toString()) + "`: 1 error\n\n"
                        + "For more on it: nnc explain NN000[12]\nchecked 1 file: 1 error, 0 warnings\n"),
                run.out());
    }

    @Test
    void everyFileIsCheckedEvenAfterAnError() throws IOException {
        Path bad = write("a_bad.nn", SYNTAX_ERROR);
        Cli.Run run = Cli.run(Cli.REAL, "check", bad.toString(), "models/mlp_small.nn", "models/cnn.nn");
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertTrue(run.out().contains("checked 3 files: 1 error"), run.out());
    }

    @Test
    void missingFileExitsTwoWithAClearMessage() {
        Cli.Run run = Cli.run(Cli.REAL, "check", dir.resolve("nope.nn").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.out().contains("nope.nn") && run.out().contains("no such file"), run.out());
    }

    @Test
    void directoryWithoutModelsExitsTwo() throws IOException {
        write("docs/readme.md", "# not a model\n");
        Cli.Run run = Cli.run(Cli.REAL, "check", dir.resolve("docs").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("nnc: directory `" + dir.resolve("docs") + "` contains no .nn files\n", run.err());
        assertEquals("", run.out(), "nothing to check");
    }

    /** The command to read about the codes is written as nnc was called (the launcher says how: ./nnc in the repository). */
    @Test
    void theExplainHintNamesNncAsItWasCalled() throws IOException {
        Path bad = write("bad.nn", "model M {\n  input [4]\n  dense out(3 -> 2)\n}\n");
        Cli.Run run = Cli.run(new Environment(Cli.REAL.compiler(), java.util.Map.of("NNC_PROGRAM", "./nnc"), false), "check", bad.toString())
                .withoutStackTrace();
        assertTrue(run.out().contains("\nFor more on it: ./nnc explain NN0102\n"), run.out());
    }

    /** An editor checks its unsaved buffer: `-` reads standard input, reported under --stdin-filename. */
    @Test
    void standardInputIsCheckedUnderTheNameGiven() {
        String buffer = "model M {\n  input [4]\n  dense h(5 -> 3)\n  dense out(2)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n";
        Environment editor = new Environment(Cli.REAL.compiler(), java.util.Map.of(), false,
                () -> new java.io.ByteArrayInputStream(buffer.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Cli.Run run = Cli.run(editor, "check", "--format", "short", "--stdin-filename", "src/models/m.nn", "-").withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), run.err());
        assertTrue(run.out().startsWith("src/models/m.nn:3:"), run.out());
        assertTrue(run.out().contains("[NN0102]"), run.out());
        Cli.Run unnamed = Cli.run(editor, "check", "-", "models/mlp_small.nn").withoutStackTrace();
        assertTrue(unnamed.out().contains(" --> <stdin>:3:"), unnamed.out());
        assertTrue(unnamed.out().contains("checked 2 files: 1 error, 0 warnings"), unnamed.out());
        // The buffer's own file on disk, in a directory also checked, is not checked a second time as it was saved.
        Cli.Run withItsFolder = Cli.run(editor, "check", "--format", "short", "--stdin-filename", "models/mlp_small.nn", "-", "models")
                .withoutStackTrace();
        assertEquals(1, withItsFolder.out().lines().filter(l -> l.startsWith("models/mlp_small.nn:")).count(), withItsFolder.out());
        assertEquals(ExitCodes.USAGE, Cli.run(editor, "check", "--stdin-filename", " ", "-").withoutStackTrace().exit(), "a name is needed");
        Cli.Run summary = Cli.run(editor, "summary", "-").withoutStackTrace();
        assertTrue(summary.err().contains("cannot read `-`: only `nnc check` reads a model from standard input"), summary.err());
        Cli.Run nameWithoutDash = Cli.run(editor, "check", "--stdin-filename", "m.nn", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, nameWithoutDash.exit());
        assertTrue(nameWithoutDash.err().contains("give `-` among the files"), nameWithoutDash.err());
    }

    /** For problem matchers: one line per diagnostic, located ones as file:line:col, nothing else on stdout. */
    @Test
    void shortFormatIsOneLinePerDiagnostic() throws IOException {
        Path bad = write("bad.nn", "model M {\n  input [4]\n  dense h(5 -> 3)\n  dense out(2)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        Path missing = dir.resolve("missing.nn");
        Cli.Run run = Cli.run(Cli.REAL, "check", "--format", "short", bad.toString(), missing.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), "a missing file");
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).matches(java.util.regex.Pattern.quote(bad.toString()) + ":3:\\d+: error: .* \\[NN0102\\]"), lines.get(0));
        assertEquals(missing + ": error: cannot read `" + missing + "`: no such file [NN0005]", lines.get(1));
        write("docs/readme.md", "# not a model\n");
        Cli.Run noModels = Cli.run(Cli.REAL, "check", "--format", "short", dir.resolve("docs").toString()).withoutStackTrace();
        assertEquals(dir.resolve("docs") + ": error: directory `" + dir.resolve("docs") + "` contains no .nn files [NN0010]\n", noModels.out());
        assertEquals("", noModels.err(), "said once, on stdout");
    }

    /** A CI step that uploads the document (`nnc check --format sarif dir > r.sarif || true`) gets one, saying why. */
    @Test
    void aDirectoryWithoutModelsIsInTheJsonAndSarifDocuments() throws IOException {
        write("docs/readme.md", "# not a model\n");
        String docs = dir.resolve("docs").toString();
        Cli.Run json = Cli.run(Cli.REAL, "check", "--format", "json", docs).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, json.exit());
        var diagnostics = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(1, diagnostics.size(), json.out());
        assertEquals("NN0010", diagnostics.get(0).get("code").asText());
        assertEquals(docs, diagnostics.get(0).get("file").asText());
        Cli.Run sarif = Cli.run(Cli.REAL, "check", "--format", "sarif", docs, "models/mlp.nn").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, sarif.exit());
        var results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif.out()).get("runs").get(0).get("results");
        assertEquals(1, results.size(), sarif.out());
        assertEquals("NN0010", results.get(0).get("ruleId").asText());
    }

    @Test
    void aDirectoryWithoutModelsDoesNotStopTheOtherFiles() throws IOException {
        write("docs/readme.md", "# not a model\n");
        Cli.Run run = Cli.run(Cli.REAL, "check", dir.resolve("docs").toString(), "models/mlp.nn").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), "the wrong path still fails the run");
        assertTrue(run.err().contains("contains no .nn files"), run.err());
        assertTrue(run.out().contains("checked 1 file: 0 errors, 0 warnings"), run.out());
    }

    /** Only the text format needs this: JSON and SARIF escape the name by their own rules. */
    @Test
    void aFileNameWithANewlineCannotForgeADiagnosticLine() throws IOException {
        Path hostile = write("x\nerror[NN0999]: injected\n --> fake.nn:1:1\ny.nn", "model M {\n  input [4\n}\n");
        Cli.Run run = Cli.run(Cli.REAL, "check", hostile.getParent().toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertFalse(run.out().lines().anyMatch(l -> l.startsWith("error[NN0999]") || l.trim().startsWith("--> fake.nn")), run.out());
        assertTrue(run.out().contains("x\\nerror[NN0999]: injected\\n --> fake.nn:1:1\\ny.nn:"), run.out());
    }

    @Test
    void binaryGarbageIsNotAText() throws IOException {
        Path garbage = dir.resolve("garbage.nn");
        Files.write(garbage, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff});
        Cli.Run run = Cli.run(Cli.REAL, "check", garbage.toString()).withoutStackTrace();
        assertNotEquals(ExitCodes.OK, run.exit());
        assertTrue(run.out().contains("NN0009") && run.out().contains("not a text file"), run.out());
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), "read and refused, not unreadable (2)");
    }

    @Test
    void tenMegabyteFileIsRefusedQuickly() throws IOException {
        Path huge = dir.resolve("huge.nn");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(10L << 20);
        }
        Cli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Cli.run(Cli.REAL, "check", huge.toString()));
        run.withoutStackTrace();
        assertNotEquals(ExitCodes.OK, run.exit());
        assertTrue(run.out().contains("NN0008"), run.out());
    }

    @Test
    void emptyFileFails() throws IOException {
        Cli.Run run = Cli.run(Cli.REAL, "check", write("empty.nn", "").toString()).withoutStackTrace();
        assertNotEquals(ExitCodes.OK, run.exit());
        assertTrue(run.out().contains("NN0007"), run.out());
    }

    @Test
    void warningsFailOnlyWithStrict() throws IOException {
        Path file = write("lint.nn", "model M {}\n");
        Environment warns = Cli.reporting(source -> List.of(
                Diagnostic.at(Code.NN0501, source.span(0, 5), "two linear layers in a row").build()));

        Cli.Run lenient = Cli.run(warns, "check", file.toString());
        assertEquals(ExitCodes.OK, lenient.exit());
        assertTrue(lenient.out().contains("checked 1 file: 0 errors, 1 warning\n"), lenient.out());

        assertEquals(ExitCodes.DIAGNOSTICS, Cli.run(warns, "check", "--strict", file.toString()).exit());
    }

    @Test
    void lintsWarnButPassUnlessStrict() {
        String lints = "src/test/resources/bad/lints.nn";
        Cli.Run run = Cli.run(Cli.REAL, "check", lints);
        assertEquals(ExitCodes.OK, run.exit(), run.out());
        assertTrue(run.out().contains("warning: `" + lints + "` generated 3 warnings\n"), run.out());
        assertTrue(run.out().contains("\nFor more on a code (NN0501, NN0502, NN0503): nnc explain NN0501\n"), run.out());
        assertTrue(run.out().endsWith("checked 1 file: 0 errors, 3 warnings\n"), run.out());
        Cli.Run strict = Cli.run(Cli.REAL, "check", "--strict", lints);
        assertEquals(ExitCodes.DIAGNOSTICS, strict.exit());
        assertTrue(strict.out().endsWith("checked 1 file: 0 errors, 3 warnings (failing: --strict counts warnings as errors)\n"),
                "why a check with no error fails: " + strict.out());
    }

    @Test
    void jsonIsOneArrayForAllFiles() throws IOException {
        Path bad = write("bad.nn", SYNTAX_ERROR);
        Cli.Run run = Cli.run(Cli.REAL, "check", "--format", "json", "models", bad.toString(), "src/test/resources/bad/lints.nn");
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        JsonNode array = new ObjectMapper().readTree(run.out());
        assertTrue(array.isArray(), run.out());
        assertEquals(4, array.size(), "1 syntax error + 3 lints");
        assertEquals(bad.toString(), array.get(0).get("file").asText());
        assertFalse(run.out().contains("checked "), "no text summary in a json document");
    }

    @Test
    void jsonOfCleanFilesIsAnEmptyArray() throws IOException {
        Cli.Run run = Cli.run(Cli.REAL, "check", "--format=json", "models");
        assertEquals(ExitCodes.OK, run.exit());
        JsonNode array = new ObjectMapper().readTree(run.out());
        assertTrue(array.isArray() && array.isEmpty(), run.out());
    }

    @Test
    void sarifIsOneRunOfVersion210() throws IOException {
        Path bad = write("bad.nn", SYNTAX_ERROR);
        Cli.Run run = Cli.run(Cli.REAL, "check", "--format", "sarif", bad.toString(), "src/test/resources/bad/lints.nn");
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        JsonNode sarif = new ObjectMapper().readTree(run.out());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(1, sarif.get("runs").size());
        assertEquals(4, sarif.get("runs").get(0).get("results").size());
    }

    @Test
    void duplicatesAreCheckedOnce() {
        Cli.Run run = Cli.run(Cli.REAL, "check", "models", "models/cnn.nn", "./models/mlp.nn");
        assertTrue(run.out().contains("checked 7 files"), run.out());
    }

    @Test
    void colorFollowsTheTerminalAndNoColor() {
        assertFalse(Cli.run(Cli.REAL, "check", "models/mlp_small.nn").out().contains("\u001b["), "no terminal: no color");

        Environment terminal = new Environment(Cli.REAL.compiler(), Map.of(), true);
        assertTrue(Cli.run(terminal, "check", "models/mlp_small.nn").out().contains("\u001b["));
        assertFalse(Cli.run(terminal, "check", "--color", "never", "models/mlp_small.nn").out().contains("\u001b["));

        Environment noColor = new Environment(Cli.REAL.compiler(), Map.of("NO_COLOR", "1"), true);
        assertFalse(Cli.run(noColor, "check", "models/mlp_small.nn").out().contains("\u001b["));
        assertTrue(Cli.run(noColor, "check", "--color=always", "models/mlp_small.nn").out().contains("\u001b["));
    }

    /**
     * --color auto asks whether the stream written to is a terminal: check's diagnostics go to stdout, every other
     * command's to stderr (it asked about stdout for all, so `nnc summary bad.nn 2>log` filled the log with escapes).
     */
    @Test
    void autoColorAsksAboutTheStreamItWritesTo() throws IOException {
        String bad = write("bad.nn", "model E {\n  input [4]\n  dense a(5 -> 3) relu\n}\n").toString();
        Environment outOnly = new Environment(Cli.REAL.compiler(), Map.of(), true, false, java.io.InputStream::nullInputStream);
        Environment errOnly = new Environment(Cli.REAL.compiler(), Map.of(), false, true, java.io.InputStream::nullInputStream);
        assertTrue(Cli.run(outOnly, "check", bad).out().contains("\u001b["), "check prints on stdout, a terminal");
        assertFalse(Cli.run(errOnly, "check", bad).out().contains("\u001b["), "check's stdout is piped");
        assertFalse(Cli.run(outOnly, "summary", bad).err().contains("\u001b["), "summary's stderr is a file");
        assertTrue(Cli.run(errOnly, "summary", bad).err().contains("\u001b["), "summary's stderr is a terminal");
    }

    /** The launcher tells which streams are terminals (`[ -t 1 ]`, `[ -t 2 ]`); java -jar alone falls back on System.console(). */
    @Test
    void theLaunchersWordOnTerminalsIsTaken() {
        assertEquals(new Environment.Terminals(true, true), Environment.Terminals.of("1 2", false));
        assertEquals(new Environment.Terminals(false, true), Environment.Terminals.of(" 2", true));
        assertEquals(new Environment.Terminals(true, false), Environment.Terminals.of("1", false));
        assertEquals(new Environment.Terminals(false, false), Environment.Terminals.of("", true));
        assertEquals(new Environment.Terminals(true, true), Environment.Terminals.of(null, true), "no launcher");
        assertEquals(new Environment.Terminals(false, false), Environment.Terminals.of("yes", false), "not the launcher's word");
    }

    /** --format short in colour when asked (gcc's scheme), plain when piped as problem matchers read it; json and sarif never. */
    @Test
    void shortLinesAreColouredOnlyWhenColourIsOn() throws IOException {
        String error = write("e.nn", "model E {\n  input [4]\n  dense a(5 -> 3) relu\n}\n").toString();
        String warning = write("w.nn", "model W {\n  input [4]\n  dense a(3)\n  dense b(2)\n}\n").toString();
        Environment terminal = new Environment(Cli.REAL.compiler(), Map.of(), true);
        String piped = Cli.run(Cli.REAL, "check", "--format", "short", error, warning).out();
        String always = Cli.run(Cli.REAL, "check", "--format", "short", "--color", "always", error, warning).out();
        assertFalse(piped.contains("\u001b["), piped);
        assertTrue(always.contains("\u001b[1;31merror:\u001b[0m "), always);
        assertTrue(always.contains("\u001b[1;33mwarning:\u001b[0m "), always);
        assertEquals(piped, always.replaceAll("\u001b\\[[0-9;]*m", ""), "the same lines once the colours are taken out");
        assertTrue(Cli.run(terminal, "check", "--format", "short", error).out().contains("\u001b["), "auto on a terminal");
        for (String format : List.of("json", "sarif")) {
            assertFalse(Cli.run(Cli.REAL, "check", "--format", format, "--color", "always", error).out().contains("\u001b["), format);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** As javac's -Xmaxerrs: a hundred diagnostics of a file are shown, the count says all. */
    @Test
    void aHundredDiagnosticsOfAFileAreShownAndAllCounted() throws IOException {
        StringBuilder text = new StringBuilder("model M {\n  input [4]\n");
        for (int i = 0; i < 150; i++) text.append("  dense h").append(i).append("(4) rellu\n");
        Path file = dir.resolve("many.nn");
        Files.writeString(file, text.append("}\n").toString());
        Cli.Run run = Cli.run(Cli.REAL, "check", file.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertEquals(100, (run.out() + run.err()).lines().filter(l -> l.startsWith("error[NN0202]")).count(), run.out() + run.err());
        String all = run.out() + run.err();
        assertTrue(all.contains("note: 50 more diagnostics of `" + file + "` not shown (the first 100 are)"), all);
        assertTrue(all.contains("150 errors"), all);
    }
}
