package dev.nnc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's stages depend only on the stages before them, as the README's layout says:
 * every qualified name a main source file mentions (imports, and names written out in code
 * or Javadoc) is checked against what its package may use.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/dev/nnc");
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:dev\\.nnc|org\\.antlr|java|javax|jdk|com|org|picocli|info)(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");

    /** Per package (its folder under dev/nnc), the qualified-name prefixes it must not mention. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "syntax", List.of("dev.nnc.check", "dev.nnc.ir", "dev.nnc.codegen", "dev.nnc.runtime", "dev.nnc.cli", "dev.nnc.api"),
            "diag", List.of("dev.nnc.syntax", "dev.nnc.check", "dev.nnc.ir", "dev.nnc.codegen", "dev.nnc.runtime", "dev.nnc.cli", "org.antlr"),
            "check", List.of("dev.nnc.codegen", "dev.nnc.runtime", "dev.nnc.cli", "org.antlr", "dev.nnc.syntax.antlr"),
            "ir", List.of("dev.nnc.syntax", "dev.nnc.check", "dev.nnc.codegen", "dev.nnc.runtime", "dev.nnc.cli", "dev.nnc.diag", "org.antlr"),
            // Pure: IR in, JavaFiles out; writing them is the caller's business.
            "codegen", List.of("dev.nnc.syntax", "dev.nnc.check", "dev.nnc.runtime", "dev.nnc.cli", "org.antlr",
                    "java.nio.file", "java.io"),
            // The model's identity (its hash) comes with the IR: the runtime never reads source text.
            "runtime", List.of("dev.nnc.cli", "dev.nnc.syntax", "dev.nnc.check", "org.antlr", "picocli"));

    /**
     * The top-level package is the pipeline's entry point ({@code NncCompiler}, source in,
     * diagnostics and Java files out): it uses every stage, so no stage may use it; only the
     * command line (and the Maven plugin) stand above it. What every stage may use lives in
     * {@code dev.nnc.common}, which uses no other package of nnc.
     */
    @Test
    void theEntryPointIsAboveEveryStageAndCommonBelowThem() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            for (String name : qualifiedNames(file)) {
                boolean entryPoint = name.equals("dev.nnc");
                boolean nnc = entryPoint || name.startsWith("dev.nnc.");
                if (entryPoint && !pkg.isEmpty() && !pkg.equals("cli")) violations.add(MAIN.relativize(file) + ": " + name);
                if (pkg.equals("common") && nnc && !name.equals("dev.nnc.common")) violations.add(MAIN.relativize(file) + ": " + name);
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void antlrTypesStayInTheSyntaxPackage() {
        List<String> leaks = new ArrayList<>();
        for (Path file : sources()) {
            if (packageOf(file).equals("syntax")) continue;
            for (String name : qualifiedNames(file)) {
                if (name.startsWith("org.antlr") || name.startsWith("dev.nnc.syntax.antlr")) leaks.add(MAIN.relativize(file) + ": " + name);
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void eachStageUsesOnlyTheStagesBeforeIt() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            List<String> forbidden = FORBIDDEN.getOrDefault(packageOf(file), List.of());
            for (String name : qualifiedNames(file)) {
                for (String prefix : forbidden) {
                    if (name.equals(prefix) || name.startsWith(prefix + ".")) violations.add(MAIN.relativize(file) + ": " + name);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** Generated classes and programs that embed them need only the api jar and the JDK. */
    @Test
    void theApiPackageNeedsOnlyTheJdk() {
        List<String> foreign = new ArrayList<>();
        List<Path> api = sources().stream().filter(f -> packageOf(f).equals("api")).toList();
        assertTrue(api.size() > 5, "the api sources were found");
        for (Path file : api) {
            for (String name : qualifiedNames(file)) {
                boolean jdk = name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
                if (!jdk && !name.startsWith("dev.nnc.api")) foreign.add(MAIN.relativize(file) + ": " + name);
            }
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void theCheckerRecognizesALeak() {
        // The scan itself: a name in an import, in code and in a Javadoc link are all found.
        String text = "import org.antlr.v4.runtime.Token;\nclass A { dev.nnc.cli.Main m; /** {@link java.nio.file.Files#x} */ dev.nnc.NncCompiler c; }";
        List<String> names = names(text);
        assertEquals(List.of("org.antlr.v4.runtime", "dev.nnc.cli", "java.nio.file", "dev.nnc"), names);
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertTrue(all.size() > 50, "run from the project root: " + MAIN.toAbsolutePath());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first folder under dev/nnc ("" for the top-level classes, the pipeline's entry point). */
    private static String packageOf(Path file) {
        Path relative = MAIN.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static List<String> qualifiedNames(Path file) {
        try {
            return names(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
