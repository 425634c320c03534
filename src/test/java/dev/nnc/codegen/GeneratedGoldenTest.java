package dev.nnc.codegen;

import com.palantir.javapoet.JavaFile;
import dev.nnc.GeneratedSources;
import dev.nnc.GoldenFiles;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code generated/} holds the generated source of every model in {@code models/}, as
 * {@code ./nnc compile models/*.nn -d generated} writes it; this test fails when it is
 * stale. Refresh with that command (from the repository root) or with
 * {@code mvn test -Dnnc.updateGolden=true}.
 */
class GeneratedGoldenTest {
    static List<JavaFile> generateAll() throws IOException {
        List<JavaFile> files = new ArrayList<>();
        try (Stream<Path> models = Files.list(Path.of("models"))) {
            for (Path p : models.filter(f -> f.toString().endsWith(".nn")).sorted().toList()) {
                String path = "models/" + p.getFileName();
                files.add(NncCompiler.compile(new SourceFile(path, Files.readString(p)), GeneratorOptions.defaults())
                        .javaFile().orElseThrow(() -> new AssertionError(path + " does not compile")));
            }
        }
        return files;
    }

    @Test
    void generatedSourcesAreUpToDate() throws IOException {
        List<JavaFile> files = generateAll();
        assertEquals(7, files.size(), "one class per sample model");
        for (JavaFile f : files) {
            GoldenFiles.assertMatches(GeneratedSources.pathOf(f, Path.of("generated")), f.toString());
        }
        try (Stream<Path> all = Files.walk(Path.of("generated"))) {
            List<Path> extra = all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> files.stream().noneMatch(f -> GeneratedSources.pathOf(f, Path.of("generated")).equals(p)))
                    .toList();
            assertEquals(List.of(), extra, "generated/ holds classes of models that no longer exist");
        }
    }

    @Test
    void generationIsDeterministic() throws IOException {
        List<JavaFile> a = generateAll(), b = generateAll();
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i).toString(), b.get(i).toString());
    }

    @Test
    void everyGeneratedClassCompilesAndSaysItIsGenerated() throws IOException {
        List<JavaFile> files = generateAll();
        for (JavaFile f : files) {
            assertTrue(f.toString().startsWith(GeneratedSources.MARKER), f.typeSpec().name());
            assertTrue(f.toString().contains("Do not edit"), f.typeSpec().name());
        }
        assertEquals(files.size(), JavaSourceCompiler.compile(files).classFiles().size());
    }
}
