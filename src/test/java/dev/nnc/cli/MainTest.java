package dev.nnc.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the CLI that are not one command: help, version, usage and internal errors. */
class MainTest {
    @Test
    void helpOnEveryCommandExitsZero() {
        for (String[] args : new String[][] {{"--help"}, {"check", "--help"}, {"summary", "--help"}, {"ir", "-h"}}) {
            Cli.Run run = Cli.run(Cli.REAL, args);
            assertEquals(ExitCodes.OK, run.exit(), String.join(" ", args));
            assertTrue(run.out().startsWith("Usage: nnc"), run.out());
            assertTrue(run.out().contains("Exit codes:"), run.out());
        }
    }

    /** Output that cannot be written (a full disk) fails the command with the reason; a reader that stops reading does not. */
    @Test
    void outputThatCannotBeWrittenIsAnError() {
        for (String reason : List.of("No space left on device", "Broken pipe")) {
            Main.WriteFailure stdout = new Main.WriteFailure(new java.io.OutputStream() {
                @Override
                public void write(int b) throws java.io.IOException { throw new java.io.IOException(reason); }

                @Override
                public void write(byte[] b, int off, int len) throws java.io.IOException { throw new java.io.IOException(reason); }
            }, () -> java.util.Optional.of("/dev/full"));
            java.io.PrintWriter out = new java.io.PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8));
            java.io.StringWriter errText = new java.io.StringWriter();
            java.io.PrintWriter err = new java.io.PrintWriter(errText);
            int status = Main.run(Cli.REAL, out, err, "ir", "models/mlp.nn");
            assertEquals(ExitCodes.OK, status, "the command itself ran");
            boolean full = reason.startsWith("No space");
            assertEquals(full ? ExitCodes.USAGE : ExitCodes.OK, stdout.checked(status, err), reason);
            assertEquals(full ? "nnc: could not write the output: No space left on device\n" : "", errText.toString(), reason);
        }
    }

    /** A reader that stopped reading is told from a full disk by what standard output is, whatever the language of the message. */
    @Test
    void aClosedPipeIsNoFailureInAnyLanguage() {
        java.util.Optional<String> pipe = java.util.Optional.of("pipe:[40712]"), device = java.util.Optional.of("/dev/full");
        assertTrue(Main.WriteFailure.readerGone("Broken pipe", java.util.Optional.empty()));
        assertTrue(Main.WriteFailure.readerGone("Datenübergabe unterbrochen (broken pipe)", device));
        assertTrue(Main.WriteFailure.readerGone("Veri alınamıyor", pipe), "Turkish, on a pipe");
        assertTrue(Main.WriteFailure.readerGone("whatever", java.util.Optional.of("socket:[9]")));
        assertFalse(Main.WriteFailure.readerGone("Auf dem Gerät ist kein Speicherplatz mehr verfügbar", device), "a full disk, in German");
        assertFalse(Main.WriteFailure.readerGone("No space left on device", java.util.Optional.empty()));
    }

    /** A model named -weird.nn is read as an option: the error says how to name the file (an environments review). */
    @Test
    void aFileNamedLikeAnOptionGetsAHint() {
        for (String[] args : new String[][] {{"check", "-weird.nn"}, {"check", "-weird.nn", "models/mlp.nn"}}) {
            Cli.Run run = Cli.run(Cli.REAL, args);
            assertEquals(ExitCodes.USAGE, run.exit());
            assertTrue(run.err().contains("hint: `-weird.nn` is read as an option; for the file of that name write `./-weird.nn`"
                    + " (or put `--` before it)\n"), run.err());
        }
        assertFalse(Cli.run(Cli.REAL, "check", "-q", "models/mlp.nn").err().contains("is read as an option"), "a slip, not a file");
        assertFalse(Cli.run(Cli.REAL, "check", "--", "-weird.nn").err().contains("is read as an option"), "after --, a file");
    }

    /** Each command's exit codes are those it can return: only check has --strict, only check and compile take folders. */
    @Test
    void exitCodesInHelpAreThoseOfTheCommand() {
        String check = Cli.run(Cli.REAL, "check", "--help").out();
        assertTrue(check.contains("errors found (or warnings, with --strict)"), check);
        assertTrue(check.contains("without .nn files"), check);
        for (String command : List.of("train", "eval", "predict", "ir", "summary", "gradcheck", "bench", "explain")) {
            String help = Cli.run(Cli.REAL, command, "--help").out();
            String codes = help.substring(help.indexOf("Exit codes:"));
            assertFalse(codes.contains("--strict"), command + " has no --strict:\n" + codes);
            assertFalse(codes.contains("without .nn files"), command + " takes no directory:\n" + codes);
        }
        assertTrue(Cli.run(Cli.REAL, "train", "--help").out().contains("training diverged"));
        assertFalse(Cli.run(Cli.REAL, "explain", "--help").out().contains(" 1   "), "explain never exits 1");
        assertTrue(Cli.run(Cli.REAL, "gradcheck", "--help").out().contains("a gradient above the tolerance"));
        String train = Cli.run(Cli.REAL, "train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(train.contains("130 stopped by Ctrl-C (143 by kill)") && train.contains("settings that cannot train"), train);
        assertTrue(Cli.run(Cli.REAL, "explain", "--help").out().replaceAll("\\s+", " ").contains(" 2 usage problem: a bad option or argument,"
                + " a code that is not nnc's, output that cannot be written"), "explain reads no file");
        assertTrue(Cli.run(Cli.REAL, "compile", "--help").out().replaceAll("\\s+", " ").contains("a file of yours where a class would be written"));
    }

    /**
     * picocli prints each description element on its own line and wraps long ones at 80 columns:
     * a sentence split over elements broke mid-line ("keeps the history,\ncurves.png ...").
     * A command has its summary line and one paragraph; an option one paragraph.
     */
    @Test
    void helpTextIsWholeParagraphsThatPicocliWraps() {
        var root = Main.commandLine(Cli.REAL, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        List<picocli.CommandLine> all = new java.util.ArrayList<>(List.of(root));
        all.addAll(root.getSubcommands().values());
        for (picocli.CommandLine c : all) {
            String name = c.getCommandSpec().qualifiedName();
            assertTrue(c.getCommandSpec().usageMessage().description().length <= 2, name + ": a summary line and one paragraph");
            for (var option : c.getCommandSpec().options()) {
                assertTrue(option.description().length <= 1, name + " " + option.longestName() + ": one paragraph");
            }
        }
    }

    @Test
    void anEmptyPathIsAUsageErrorNotTheCurrentDirectory() {
        Cli.Run run = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--out", "");
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains("Invalid value for option '--out': a path is needed, found an empty one"), run.err());
    }

    @Test
    void versionComesFromThePom() {
        Cli.Run run = Cli.run(Cli.REAL, "--version");
        assertEquals(ExitCodes.OK, run.exit());
        assertTrue(run.out().matches("nnc \\d+\\.\\d+\\.\\d+[-.\\w]*\n"), run.out());
        assertEquals("nnc " + VersionProvider.version() + "\n", Cli.run(Cli.REAL, "check", "-V").out());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = Cli.run(Cli.REAL).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("missing a command"), run.err());
    }

    @Test
    void unknownOptionGetsPicocliMessageAndAHint() {
        Cli.Run run = Cli.run(Cli.REAL, "check", "--fast", "models").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("nnc: unknown option `--fast` for `nnc check`\nhint: run `nnc check --help` for usage\n", run.err(),
                "the file after it is not called an option too");
        assertTrue(Cli.run(Cli.REAL, "train", "models/mlp.nn", "--epoch", "3").withoutStackTrace().err()
                .startsWith("nnc: unknown option `--epoch` for `nnc train`; did you mean `--epochs`?"));
        assertTrue(Cli.run(Cli.REAL, "summary", "models/mlp.nn", "models/cnn.nn").withoutStackTrace().err()
                .startsWith("nnc: unexpected argument `models/cnn.nn`: `nnc summary` takes no more"));
        assertTrue(Cli.run(Cli.REAL, "train", "models/mlp.nn", "--no-shufle").withoutStackTrace().err()
                .startsWith("nnc: unknown option `--no-shufle` for `nnc train`; did you mean `--no-shuffle`?"), "negatable forms are options too");
        assertTrue(Cli.run(Cli.REAL, "train", "models/mlp.nn", "-e", "3").withoutStackTrace().err()
                .startsWith("nnc: unknown option `-e` for `nnc train`\n"), "no guess among one-letter options (`-V`)");
        assertTrue(Cli.run(Cli.REAL, "summary", "models/mlp.nn", "--", "-x").withoutStackTrace().err()
                .startsWith("nnc: unexpected argument `-x`"), "after `--` it is an argument");
    }

    @Test
    void misspelledCommandGetsASuggestionAndAnUnknownOneTheList() {
        Cli.Run run = Cli.run(Cli.REAL, "chek", "models").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().startsWith("nnc: unknown command `chek`; did you mean `check`?"), run.err());
        assertTrue(Cli.run(Cli.REAL, "trian").withoutStackTrace().err().startsWith("nnc: unknown command `trian`; did you mean `train`?"));
        Cli.Run unknown = Cli.run(Cli.REAL, "frobnicate").withoutStackTrace();
        assertTrue(unknown.err().startsWith("nnc: unknown command `frobnicate`; the commands are check, summary, ir, compile,"),
                "no far-fetched guess (picocli offered `predict`): " + unknown.err());
    }

    @Test
    void helpIsACommandToo() {
        Cli.Run run = Cli.run(Cli.REAL, "help", "train").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().contains("Usage: nnc train"), run.out());
        assertTrue(Cli.run(Cli.REAL, "help", "trian").withoutStackTrace().err().startsWith("nnc: unknown command `trian`; did you mean `train`?"));
    }

    @Test
    void badEnumValueListsTheChoices() {
        Cli.Run run = Cli.run(Cli.REAL, "check", "--format", "xml", "models").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("expected one of text, short, json, sarif, found 'xml'"), run.err());
    }

    /** A usage error's hint names nnc as it was called: from the repository, `./nnc`. */
    @Test
    void usageHintsNameNncAsItWasCalled() {
        Cli.Run run = Cli.run(new Environment(Cli.REAL.compiler(), java.util.Map.of("NNC_PROGRAM", "./nnc"), false), "check", "--frobnicate", "x.nn")
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("hint: run `./nnc check --help` for usage"), run.err());
    }

    /** Options that exclude each other, given together: which to give, not picocli's group synopsis. */
    @Test
    void exclusiveOptionsGivenTogetherAreSaidPlainly() {
        // In any order, and without --index: the same message (picocli's groups had three, one advising --index).
        for (String[] given : new String[][] {{"--idx", "a", "--index", "0", "--image", "b.png"}, {"--image", "b.png", "--idx", "a", "--index", "0"},
                {"--image", "b.png", "--idx", "a"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("predict", "models/mlp_small.nn", "--weights", "w.nnck"));
            args.addAll(List.of(given));
            Cli.Run run = Cli.run(Cli.REAL, args.toArray(String[]::new)).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, run.exit());
            assertTrue(run.err().startsWith("nnc: give one of --image PICTURE, or --idx IMAGES --index N, not both\n"), run.err());
        }
        Cli.Run indexOfAPicture = Cli.run(Cli.REAL, "predict", "models/mlp_small.nn", "--weights", "w.nnck", "--index", "3", "--image", "b.png")
                .withoutStackTrace();
        assertTrue(indexOfAPicture.err().startsWith("nnc: --index needs --idx IMAGES, the IDX file it counts in; a picture needs --image alone\n"),
                indexOfAPicture.err());
        Cli.Run noIndex = Cli.run(Cli.REAL, "predict", "models/mlp_small.nn", "--weights", "w.nnck", "--idx", "a").withoutStackTrace();
        assertTrue(noIndex.err().startsWith("nnc: --idx needs --index N: which image of the file, from 0\n"), noIndex.err());
        Cli.Run none = Cli.run(Cli.REAL, "predict", "models/mlp_small.nn", "--weights", "w.nnck").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, none.exit());
        assertTrue(none.err().startsWith("nnc: which image? give one of --image PICTURE, or --idx IMAGES --index N\n"), none.err());
    }

    /** picocli's Java type names ("is not an int") and its "Error:" inside a message are said plainly. */
    @Test
    void badNumbersAndMissingOptionsAreSaidPlainly() {
        Cli.Run epochs = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--epochs", "99999999999").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, epochs.exit());
        assertTrue(epochs.err().startsWith("nnc: Invalid value for option '--epochs': '99999999999' is not a whole number (or is beyond"
                + " 2147483647)\n"), epochs.err());
        Cli.Run seed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--seed", "1.5").withoutStackTrace();
        assertTrue(seed.err().startsWith("nnc: Invalid value for option '--seed': '1.5' is not a whole number (or is beyond"
                + " 9223372036854775807)\n"), "no range of negative seeds it would refuse anyway: " + seed.err());
        Cli.Run lr = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--lr", "fast").withoutStackTrace();
        assertTrue(lr.err().contains("'fast' is not a number (such as 0.01 or 1e-3)"), lr.err());
        // predict's image options: exclusiveOptionsGivenTogetherAreSaidPlainly.
        // Decimal numbers only: Java's parser took these, though `0x10` was refused.
        for (String javaLiteral : List.of("0.01f", "0.1d", "0x1p-3")) {
            Cli.Run odd = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--lr", javaLiteral).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, odd.exit(), javaLiteral);
            assertTrue(odd.err().contains("'" + javaLiteral + "' is not a number (such as 0.01 or 1e-3)"), odd.err());
        }
        Cli.Run infinite = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--lr", "Infinity").withoutStackTrace();
        assertTrue(infinite.err().contains("--lr must be a finite number greater than 0, found Infinity"), "its range says: " + infinite.err());
    }

    /** Found by a review of the commands side by side: the same rule, label and wording wherever an option recurs. */
    @Test
    void siblingCommandsAgree() {
        Cli.Run seed = Cli.run(Cli.REAL, "gradcheck", "models/seed_tiny.nn", "--seed", "-1").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, seed.exit());
        assertTrue(seed.err().contains("--seed must be 0 or more, found -1"), "as train says: " + seed.err());
        String bench = Cli.run(Cli.REAL, "bench", "--help").out();
        assertTrue(bench.contains("--epochs=N") && bench.contains("--reps=N") && bench.contains("--threads=N") && bench.contains("--color=WHEN"),
                bench);
        assertFalse(bench.contains("<epochs>"), bench);
        String help = Cli.run(Cli.REAL, "help", "--help").out();
        assertFalse(help.contains("errors in the model"), "help reads no model: " + help);
        String train = Cli.run(Cli.REAL, "train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(train.contains(String.join(", ", dev.nnc.runtime.train.RunFile.KEYS)), "--config lists what a run file may set: " + train);
        assertTrue(Cli.run(Cli.REAL, "gradcheck", "--help").out().replaceAll("\\s+", " ").contains("`nnc compile FILE --precision double -d DIR`"));
        Cli.Run twice = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--normalize", "0.1,1", "--normalize", "0.3,1").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, twice.exit());
        assertTrue(twice.err().contains("option '--normalize' (MEAN,STD) should be specified only once"), twice.err());
        assertFalse(Cli.run(Cli.REAL, "train", "--help").out().contains("MEAN,STD]..."), "one --normalize, as the synopsis says");
        Cli.Run one = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--normalize", "0.1").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, one.exit());
        assertTrue(one.err().contains("'0.1' is not two numbers MEAN,STD (such as 0.5,0.5)"), one.err());
        Cli.Run javaLiteral = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--normalize", "0.5f,0.5").withoutStackTrace();
        assertTrue(javaLiteral.err().contains("'0.5f' is not a number"), javaLiteral.err());
        Cli.Run shortName = Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "-d").withoutStackTrace();
        assertTrue(shortName.err().contains("Missing required parameter for option '-d' (OUTDIR)"), "named as written: " + shortName.err());
    }

    @Test
    void checkNeedsAPath() {
        Cli.Run run = Cli.run(Cli.REAL, "check").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("Missing required parameter"), run.err());
    }

    @Test
    void unexpectedExceptionIsOneLine() {
        Environment broken = Cli.env(source -> { throw new IllegalStateException("boom"); });
        Cli.Run run = Cli.run(broken, "check", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.INTERNAL, run.exit());
        assertEquals("nnc: internal error: boom (run with --debug for details)\n", run.err());
    }

    @Test
    void errorsBeyondPicocliAreCaughtToo() {
        Environment overflowing = Cli.env(source -> { throw new StackOverflowError(); });
        Cli.Run run = Cli.run(overflowing, "check", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.INTERNAL, run.exit());
        assertEquals("nnc: internal error: java.lang.StackOverflowError (run with --debug for details)\n", run.err());
    }

    @Test
    void debugShowsTheStackTrace() {
        Environment broken = Cli.env(source -> { throw new IllegalStateException("boom"); });
        for (Cli.Run run : new Cli.Run[] {
                Cli.run(broken, "check", "--debug", "models/mlp_small.nn"),
                Cli.run(broken, "--debug", "check", "models/mlp_small.nn"),
                Cli.run(new Environment(broken.compiler(), Map.of("NNC_DEBUG", "1"), false), "check", "models/mlp_small.nn")}) {
            assertEquals(ExitCodes.INTERNAL, run.exit());
            assertTrue(run.err().contains("IllegalStateException: boom") && run.err().contains("\tat "), run.err());
            assertFalse(run.err().contains("--debug for details"), run.err());
        }
    }

    /** Too little heap is the user's setting to change, not a bug: exit 2 and the flag to raise it. */
    @Test
    void runningOutOfMemoryNamesTheHeapAndHowToRaiseIt() throws Exception {
        ProcessBuilder nnc = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx12m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "gradcheck", "models/cnn.nn");
        nnc.environment().put("NNC_PROGRAM", "tools/nnc"); // as the launcher says how it was called
        Process p = nnc.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, p.waitFor(), out);
        assertTrue(out.contains("nnc: out of memory (Java heap space") && out.contains("the heap holds at most")
                && out.contains("NNC_JAVA_OPTS=-Xmx320m tools/nnc gradcheck models/cnn.nn"), out);
        assertFalse(out.contains("--batch"), "gradcheck has no --batch to lower: " + out);
        assertFalse(out.contains("\tat "), out);
    }

    /**
     * The heap suggested fits the machine: twice the one that ran out where there is room (a fixed 4 GB got a training
     * killed in a 1 GB container), else what the machine has; --batch is named where there is one to lower.
     */
    @Test
    void moreHeapIsWhatTheMachineCanGive() {
        Environment launched = new Environment(Cli.REAL.compiler(), Map.of("NNC_PROGRAM", "./nnc"), false);
        assertEquals("give the JVM more, e.g. NNC_JAVA_OPTS=-Xmx2g ./nnc train m.nn (in training, a smaller --batch needs less too)",
                Main.heapAdvice(1024, 16_000, launched, "train", "m.nn"));
        assertEquals("give the JVM more, e.g. NNC_JAVA_OPTS=-Xmx512m ./nnc eval m.nn --weights w.nnck",
                Main.heapAdvice(247, 16_000, launched, "eval", "m.nn", "--weights", "w.nnck"));
        assertEquals("give the JVM more, up to about three quarters of the 1024 MB this machine (or container) has, e.g."
                + " NNC_JAVA_OPTS=-Xmx768m ./nnc --debug train m.nn (in training, a smaller --batch needs less too)",
                Main.heapAdvice(500, 1024, launched, "--debug", "train", "m.nn"));
        assertEquals("give the JVM more, e.g. NNC_JAVA_OPTS=-Xmx512m ./nnc train m.nn (in training, a smaller --batch needs less too)",
                Main.heapAdvice(247, 1024, launched, "train", "m.nn"), "the 1 GB container's default heap: twice it fits");
        assertEquals("this machine (or container) has 1024 MB, and the heap already takes 800 MB of it; nnc needs more memory than it"
                + " can give: a smaller --batch needs less", Main.heapAdvice(800, 1024, launched, "train", "m.nn"));
        // -Xmx790m reports 763 MB: three quarters of 1 GB (768m) would be less than the user gave.
        assertTrue(Main.heapAdvice(763, 1024, launched, "train", "m.nn").startsWith("this machine (or container) has 1024 MB"));
        assertEquals("give the JVM more, e.g. NNC_JAVA_OPTS=-Xmx512m ./nnc check m.nn", Main.heapAdvice(247, -1, launched, "check", "m.nn"),
                "a machine of unknown size");
    }

    /** Out of memory inside a library that wraps the error (javac: "JDKPlatformProvider could not be instantiated") is no bug of nnc's. */
    @Test
    void runningOutOfMemoryInsideALibraryIsStillTheHeaps() {
        for (RuntimeException wrapped : new RuntimeException[] {new IllegalStateException("provider", new OutOfMemoryError("Java heap space"))}) {
            Cli.Run run = Cli.run(Cli.env(source -> { throw wrapped; }), "check", "models/mlp_small.nn");
            assertEquals(ExitCodes.USAGE, run.exit(), run.err());
            assertTrue(run.err().startsWith("nnc: out of memory (Java heap space; the heap holds at most"), run.err());
        }
        Cli.Run error = Cli.run(Cli.env(source -> {
            throw new java.util.ServiceConfigurationError("JDKPlatformProvider could not be instantiated", new OutOfMemoryError("Java heap space"));
        }), "check", "models/mlp_small.nn");
        assertEquals(ExitCodes.USAGE, error.exit(), error.err());
        assertTrue(error.err().startsWith("nnc: out of memory (Java heap space"), error.err());
    }

    /** The advice repeats the command as the user typed it, or names the JVM's flag when no launcher ran nnc. */
    @Test
    void moreHeapIsAskedForTheWayNncWasRun() {
        Environment launched = new Environment(Cli.REAL.compiler(), Map.of("NNC_PROGRAM", "./nnc"), false);
        assertEquals("NNC_JAVA_OPTS=-Xmx8g ./nnc train 'my model.nn' --batch 64",
                Main.withMoreHeap(launched, "8g", "train", "my model.nn", "--batch", "64"));
        Environment withOpts = new Environment(Cli.REAL.compiler(), Map.of("NNC_PROGRAM", "nnc", "NNC_JAVA_OPTS", "-Xmx2g -XX:+UseParallelGC"), false);
        assertEquals("NNC_JAVA_OPTS='-XX:+UseParallelGC -Xmx8g' nnc check m.nn", Main.withMoreHeap(withOpts, "8g", "check", "m.nn"),
                "the user's own options kept, their heap replaced");
        assertEquals("java -Xmx4g ... (the flag of the java command that ran nnc)",
                Main.withMoreHeap(new Environment(Cli.REAL.compiler(), Map.of(), false), "4g", "train", "m.nn"));
    }
}
