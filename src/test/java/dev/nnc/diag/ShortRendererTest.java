package dev.nnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShortRendererTest {
    private final SourceFile file = new SourceFile("bad/x.nn", "model M {\n  dense fc1(3163 -> 128)\n}\n");

    @Test
    void oneLinePerDiagnosticWithLocationSeverityAndCode() {
        Diagnostic located = Diagnostic.at(Code.NN0102, Spans.on(file, 2, "3163"), "expects 3163 inputs").build();
        Diagnostic lint = Diagnostic.at(Code.NN0501, Spans.on(file, 2, "fc1"), "consecutive linear layers").build();
        Diagnostic spanless = Diagnostic.forFile(Code.NN0007, "bad/empty.nn", "file is empty").build();
        assertEquals("""
                bad/x.nn:2:13: error: expects 3163 inputs [NN0102]
                bad/x.nn:2:9: warning: consecutive linear layers [NN0501]
                bad/empty.nn: error: file is empty [NN0007]
                """, new ShortRenderer().render(List.of(located, lint, spanless)));
    }

    @Test
    void withoutAFileTheLineStartsWithTheSeverity() {
        Diagnostic d = Diagnostic.at(Code.NN0005, null, "no input").build();
        assertEquals("error: no input [NN0005]", ShortRenderer.line(d));
    }
}
