package dev.nnc.maven;

import dev.nnc.NncCompiler;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticLogTest {

    @Test
    void theOneLineFormComesFirstThenTheSnippetWithoutARepeatedHeader() {
        SourceFile source = new SourceFile("/p/src/main/nn/xor.nn",
                "model Xor {\n  input [2]\n  dense h(3 -> 4) relu\n  dense out(1)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        Diagnostic d = NncCompiler.check(source).diagnostics().get(0);
        String[] lines = DiagnosticLog.render(d).split("\n");

        assertTrue(lines[0].matches("/p/src/main/nn/xor\\.nn:3:11: error: .+ \\[NN0102]"), lines[0]);
        assertEquals(" --> /p/src/main/nn/xor.nn:3:11", lines[1]);
        assertTrue(lines[3].endsWith("|   dense h(3 -> 4) relu"), lines[3]);
        assertTrue(lines[4].contains("^"), "the snippet marks the wrong part: " + lines[4]);
        for (String line : lines) {
            assertTrue(!line.startsWith("error["), "no second header: " + line);
        }
    }

    /** With failOnWarning a warning fails the build, so it goes where `mvn -q` still shows it: the error log. */
    @Test
    void warningsThatFailTheBuildAreLoggedAsErrors() {
        SourceFile source = new SourceFile("/p/src/main/nn/lint.nn",
                "model Lint {\n  input [2]\n  dense h1(4)\n  dense h2(3)\n  dense out(1)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        java.util.List<Diagnostic> diagnostics = NncCompiler.check(source).diagnostics();
        assertTrue(diagnostics.stream().noneMatch(Diagnostic::isError) && !diagnostics.isEmpty(), diagnostics.toString());
        for (boolean warningsFail : new boolean[] {false, true}) {
            java.util.List<String> errors = new java.util.ArrayList<>();
            java.util.List<String> warnings = new java.util.ArrayList<>();
            DiagnosticLog.report(new org.apache.maven.plugin.logging.SystemStreamLog() {
                @Override public void error(CharSequence content) { errors.add(content.toString()); }
                @Override public void warn(CharSequence content) { warnings.add(content.toString()); }
            }, diagnostics, warningsFail);
            assertEquals(warningsFail ? 0 : diagnostics.size(), warnings.size());
            assertEquals(warningsFail ? diagnostics.size() : 0, errors.size());
            String first = (warningsFail ? errors : warnings).get(0);
            assertTrue(first.startsWith("/p/src/main/nn/lint.nn:3:3: warning: "), "its text still says warning: " + first);
        }
    }
}
