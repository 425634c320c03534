package dev.nnc.codegen;

import com.palantir.javapoet.JavaFile;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model's class name never breaks Java: not a keyword, and never shadowing a java.lang type. */
class ClassNamesTest {
    @Test
    void namesAreCapitalizedAndMadeSafe() {
        assertEquals("Mlp", ClassNames.forModel("mlp"));
        assertEquals("MlpSmall", ClassNames.forModel("MlpSmall"));
        assertEquals("StringModel", ClassNames.forModel("String"));
        assertEquals("MathModel", ClassNames.forModel("math"));
        assertEquals("OverrideModel", ClassNames.forModel("Override"));
        assertEquals("ClassModel", ClassNames.forModel("class"));
        assertEquals("List", ClassNames.forModel("List"), "java.util.List is imported by name, which beats a same-package class");
    }

    @Test
    void modelsNamedAfterJavaLangTypesCompileBesideOtherModels() {
        String model = """
                model %s {
                  input [4]
                  dense h(4 -> 3) tanh
                  dense out(2)
                  loss softmax_cross_entropy
                  optimizer adam(lr: 0.01)
                }
                """;
        List<JavaFile> files = List.of("String", "Math", "Override", "System", "Other").stream()
                .map(name -> NncCompiler.compile(new SourceFile(name + ".nn", model.formatted(name)),
                        GeneratorOptions.defaults().withPackage("test.names")).javaFile().orElseThrow())
                .toList();
        Map<String, byte[]> classes = assertDoesNotThrow(() -> JavaSourceCompiler.compile(files).classFiles());
        assertTrue(classes.containsKey("test.names.StringModel") && classes.containsKey("test.names.Other"), classes.keySet().toString());
    }

    /**
     * The path of the model appears in comments: a Windows path (backslash, u), a star-slash or a dollar in it
     * (JavaPoet's placeholders: `mlp$1.nn` was an internal error) must not break the class. Every kind of layer
     * names the path in its header.
     */
    @Test
    void aModelPathThatLooksLikeJavaEscapesOrACommentEndStillCompiles() {
        String model = "model Paths {\n  input [1, 4, 4]\n  conv2d c(2, kernel: 3, padding: 1) relu\n  maxpool2d(kernel: 2)\n"
                + "  dropout(0.5)\n  flatten\n  dense out(2)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
        for (String path : List.of("C:\\users\\u0041\\unet\\paths.nn", "models/a*/paths.nn", "d/mlp$1.nn", "$L$N$$/$T.nn")) {
            for (boolean vector : new boolean[] {false, true}) {
                GeneratorOptions options = GeneratorOptions.defaults().withPackage("test.paths").withVector(vector);
                JavaFile file = NncCompiler.compile(new SourceFile(path, model), options).javaFile().orElseThrow();
                assertDoesNotThrow(() -> JavaSourceCompiler.compile(List.of(file), vector), path);
                assertTrue(file.toString().contains("return \"" + path.replace("\\", "\\\\") + "\";"), "sourceFile() keeps the path as given");
                assertTrue(file.toString().contains("c (" + path.replace('\\', '/').replace("*/", "* /") + ":3)"), "the layers' headers too");
            }
        }
    }
}
