package dev.nnc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnc compile}: what is written where, and what is never overwritten. */
class CompileCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneClassPerModelUnderThePackagePath() {
        Path out = dir.resolve("src");
        Cli.Run run = Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "models/cnn.nn", "-d", out.toString(),
                "--package", "com.example.nets", "--precision", "double").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        Path mlp = out.resolve("com/example/nets/MlpSmall.java");
        assertTrue(Files.exists(mlp));
        assertTrue(Files.exists(out.resolve("com/example/nets/Cnn.java")));
        assertTrue(run.out().contains("wrote " + mlp), run.out());
    }

    @Test
    void classesWritesClassFilesCompiledInProcess() throws IOException {
        Path src = dir.resolve("src"), classes = dir.resolve("classes");
        Cli.Run run = Cli.run(Cli.REAL, "compile", "models/cnn.nn", "-d", src.toString(), "--classes", classes.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        byte[] bytes = Files.readAllBytes(classes.resolve("nnc/models/Cnn.class"));
        assertEquals(0xCAFEBABE, java.nio.ByteBuffer.wrap(bytes).getInt(), "a class file");
        assertEquals(61, java.nio.ByteBuffer.wrap(bytes).getShort(6), "for Java 17");
        assertTrue(run.out().contains("compiled 1 class file into " + classes), run.out());
    }

    @Test
    void vectorClassesCallTheKernelsAndCompile() throws IOException {
        Path src = dir.resolve("src"), classes = dir.resolve("classes");
        Cli.Run run = Cli.run(Cli.REAL, "compile", "models/mlp.nn", "--vector", "-d", src.toString(), "--classes", classes.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        String code = Files.readString(src.resolve("nnc/models/Mlp.java"));
        assertTrue(code.contains("VectorGemm.gemm(") && code.contains("VectorOptimizers.adam("), "uses the Vector API kernels");
        assertTrue(Files.exists(classes.resolve("nnc/models/Mlp.class")));
    }

    @Test
    void aVectorClassRunWithoutTheModuleSaysWhichFlagToAdd() throws Exception {
        Path src = dir.resolve("src"), classes = dir.resolve("classes");
        assertEquals(ExitCodes.OK, Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "--vector", "-d", src.toString(),
                "--classes", classes.toString()).withoutStackTrace().exit());
        // A fresh JVM without --add-modules jdk.incubator.vector that makes a network.
        Path main = Files.writeString(dir.resolve("Use.java"),
                "public class Use { public static void main(String[] a) { new nnc.models.MlpSmall(); } }\n");
        String api = Path.of(dev.nnc.api.simd.VectorModule.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", api + java.io.File.pathSeparator + classes, main.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.contains("nnc.models.MlpSmall was generated with --vector and needs the JVM flag `--add-modules jdk.incubator.vector`"), out);
        assertFalse(out.contains("NoClassDefFoundError"), out);
    }

    @Test
    void vectorIsFloatOnly() {
        Cli.Run run = Cli.run(Cli.REAL, "compile", "models/mlp.nn", "--vector", "--precision", "double", "-d", dir.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("--vector works with --precision float only"), run.err());
    }

    @Test
    void aSecondRunWritesNothingAndKeepsTheFile() throws IOException {
        Path out = dir.resolve("src");
        Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "-d", out.toString());
        Path file = out.resolve("nnc/models/MlpSmall.java");
        long modified = Files.getLastModifiedTime(file).toMillis();
        Cli.Run again = Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "-d", out.toString());
        assertEquals(ExitCodes.OK, again.exit());
        assertTrue(again.out().contains("1 file already up to date"), again.out());
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
    }

    @Test
    void neverOverwritesAFileNncDidNotGenerate() throws IOException {
        Path out = dir.resolve("src");
        Path mine = out.resolve("nnc/models/MlpSmall.java");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "// my own code\nclass MlpSmall {}\n");
        Cli.Run run = Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "-d", out.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), "a file in the way, as an I/O problem (the model has no error)");
        assertTrue(run.err().contains("was not generated by nnc; not overwriting it"), run.err());
        assertEquals("// my own code\nclass MlpSmall {}\n", Files.readString(mine));

        // With --classes: no MlpSmall.class from a source that is not on disk; the other model's class is compiled.
        Path classes = dir.resolve("classes");
        Cli.Run both = Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "models/seed_tiny.nn", "-d", out.toString(),
                "--classes", classes.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, both.exit(), both.err());
        assertFalse(Files.exists(classes.resolve("nnc/models/MlpSmall.class")), "the refused source's class is not written");
        assertTrue(Files.exists(classes.resolve("nnc/models/SeedTiny.class")), both.out());
    }

    @Test
    void errorsAreTheCheckersDiagnosticsAndNothingIsWritten() {
        Path out = dir.resolve("src");
        Cli.Run run = Cli.run(Cli.REAL, "compile", "src/test/resources/bad/dense_in_mismatch.nn", "-d", out.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertTrue(run.err().contains("error[NN0102]"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badPackageAndMissingOutputAreUsageErrors() {
        Cli.Run bad = Cli.run(Cli.REAL, "compile", "models/mlp.nn", "-d", dir.toString(), "--package", "a.class.b").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("not a Java package name"), bad.err());
        // A package of the JDK takes no class of ours: javac's "package exists in another module" was "a bug in nnc".
        for (String jdk : new String[] {"javax.swing", "jdk.internal.misc", "jdk.incubator.vector"}) {
            Cli.Run theirs = Cli.run(Cli.REAL, "compile", "models/mlp.nn", "-d", dir.toString(), "--package", jdk).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, theirs.exit(), theirs.err());
            assertTrue(theirs.err().contains("--package: `" + jdk + "` is a package of the JDK, which takes no class of another; use one"
                    + " of yours, e.g. com.example.models"), theirs.err());
        }
        for (String jdk : new String[] {"java.lang", "java.mine"}) {
            Cli.Run theirs = Cli.run(Cli.REAL, "compile", "models/mlp.nn", "-d", dir.toString(), "--package", jdk).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, theirs.exit(), theirs.err());
            assertTrue(theirs.err().contains("--package: `" + jdk + "` is under java., which the JVM keeps for the JDK's own classes"),
                    theirs.err());
        }
        assertEquals(ExitCodes.USAGE, Cli.run(Cli.REAL, "compile", "models/mlp.nn").withoutStackTrace().exit());
        assertEquals(ExitCodes.USAGE, Cli.run(Cli.REAL, "compile", "models/mlp.nn", "-d", dir.toString(),
                "--precision", "half").withoutStackTrace().exit());
    }

    @Test
    void twoModelsWithOneClassNameAreRefused() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("mlp.nn");
        Files.copy(Path.of("models/mlp.nn"), copy);
        Cli.Run run = Cli.run(Cli.REAL, "compile", "models/mlp.nn", copy.toString(), "-d", dir.resolve("out").toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        int line = Files.readAllLines(copy).indexOf(Files.readAllLines(copy).stream().filter(l -> l.startsWith("model Mlp")).findFirst().orElseThrow()) + 1;
        assertTrue(run.err().contains(copy + ":" + line + ":7: error: model `Mlp` defines class nnc.models.Mlp, as models/mlp.nn:"
                + line + ":7 does; rename one of the models or compile them into different packages"), run.err());
        assertTrue(!Files.exists(dir.resolve("out/nnc/models/Mlp.java")), "neither of the two is written");

        // Names that differ only in case: one file on macOS and Windows.
        Path upper = Files.writeString(dir.resolve("copy/upper.nn"), Files.readString(Path.of("models/mlp.nn")).replace("model Mlp", "model MLP"));
        Cli.Run cased = Cli.run(Cli.REAL, "compile", "models/mlp.nn", upper.toString(), "-d", dir.resolve("out2").toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, cased.exit(), cased.err());
        assertTrue(cased.err().contains(": error: model `MLP` defines class nnc.models.MLP, whose name differs only in case from class"
                + " nnc.models.Mlp of models/mlp.nn:" + line + ":7 (on macOS and Windows their files are one); rename one of the models"), cased.err());
        assertTrue(!Files.exists(dir.resolve("out2/nnc/models/Mlp.java")) && !Files.exists(dir.resolve("out2/nnc/models/MLP.java")));
    }
}
