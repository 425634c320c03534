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
}
