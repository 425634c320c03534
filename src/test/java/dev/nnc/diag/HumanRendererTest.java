package dev.nnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HumanRendererTest {
    private static final HumanRenderer PLAIN = new HumanRenderer(false);

    private static final SourceFile DENSE = new SourceFile("bad/dense_in_mismatch.nn", """
            # error: fc1 declares 3163 inputs, but flatten delivers 64*7*7 = 3136.
            model BadDense {
              input [1, 28, 28]
              conv2d c1(1 -> 16, kernel: 3, padding: 1) relu
              maxpool2d(kernel: 2)
              conv2d c2(16 -> 64, kernel: 3, padding: 1) relu
              maxpool2d(kernel: 2)
              flatten
              dense fc1(3163 -> 128) relu
              dense fc2(128 -> 10)
              loss softmax_cross_entropy
              optimizer adam(lr: 0.001)
            }
            """);

    private static Diagnostic denseMismatch() {
        return Diagnostic.at(Code.NN0102, Spans.on(DENSE, 9, "3163"),
                        "dense layer `fc1` expects 3163 inputs, but receives 3136")
                .label("declared here")
                .note("flatten after `c2` delivers [64, 7, 7] = 3136 values; W^[fc1] would be [128][3163]")
                .help("write `dense fc1(3136 -> 128)` or `dense fc1(128)` to infer it")
                .build();
    }

    @Test
    void caretUnderPrimarySpanWithLabelNotesAndHelp() {
        assertEquals("""
                error[NN0102]: dense layer `fc1` expects 3163 inputs, but receives 3136
                 --> bad/dense_in_mismatch.nn:9:13
                  |
                9 |   dense fc1(3163 -> 128) relu
                  |             ^^^^ declared here
                  = note: flatten after `c2` delivers [64, 7, 7] = 3136 values; W^[fc1] would be [128][3163]
                  = help: write `dense fc1(3136 -> 128)` or `dense fc1(128)` to infer it
                """, PLAIN.render(List.of(denseMismatch())));
    }

    @Test
    void zeroWidthSpanGetsOneCaret() {
        SourceFile f = new SourceFile("open.nn", "model M {\n  dense fc1(3 -> 4 relu\n}\n");
        Diagnostic d = Diagnostic.at(Code.NN0002, Spans.before(f, 2, " relu"), "unclosed `(`")
                .label("expected `)` here")
                .build();
        assertEquals("""
                error[NN0002]: unclosed `(`
                 --> open.nn:2:19
                  |
                2 |   dense fc1(3 -> 4 relu
                  |                   ^ expected `)` here
                """, PLAIN.render(d));
    }

    /** A file's name may hold a newline or an escape: printed raw, it would forge a diagnostic line or recolor the terminal. */
    @Test
    void controlCharactersOfAFileNameArePrintedAsEscapes() {
        String name = "x\nerror[NN0999]: injected\n --> fake.nn:1:1\n\u001b[31my.nn";
        Diagnostic d = Diagnostic.forFile(Code.NN0005, name, "cannot read `" + name + "`: no such file").build();
        String shown = "x\\nerror[NN0999]: injected\\n --> fake.nn:1:1\\n\\e[31my.nn";
        assertEquals("error[NN0005]: cannot read `" + shown + "`: no such file\n --> " + shown + "\n", PLAIN.render(d));
        assertEquals("error: could not check `" + shown + "`: 1 error\n", PLAIN.summary(name, List.of(d)));
        assertEquals(shown + ": error: cannot read `" + shown + "`: no such file [NN0005]", ShortRenderer.line(d));
        // The one-character CSI of C1 recolors some terminals too; a line separator breaks lines for some readers.
        assertEquals("a\\u009b31mb\\u2028c", Printable.of("a\u009b31mb\u2028c"));
    }

    @Test
    void spanlessDiagnosticShowsPathNotesAndHelp() {
        Diagnostic d = Diagnostic.forFile(Code.NN0005, "models/missing.nn", "cannot read `models/missing.nn`")
                .note("no such file")
                .help("check the path")
                .build();
        assertEquals("""
                error[NN0005]: cannot read `models/missing.nn`
                 --> models/missing.nn
                  = note: no such file
                  = help: check the path
                """, PLAIN.render(d));
    }

    @Test
    void severalMarkersOnOneLineEachGetTheirOwnLineInColumnOrder() {
        SourceFile f = new SourceFile("dup.nn", "  conv2d c1(1 -> 16, kernel: 3, kernel: 5)\n");
        int again = Spans.on(f, 1, "kernel: 5").start();
        Span second = f.span(again, again + "kernel".length());
        Diagnostic d = Diagnostic.at(Code.NN0208, second, "argument `kernel` is given twice")
                .label("given again here")
                .secondary(Spans.on(f, 1, "kernel"), "first given here")
                .build();
        assertEquals("""
                error[NN0208]: argument `kernel` is given twice
                 --> dup.nn:1:33
                  |
                1 |   conv2d c1(1 -> 16, kernel: 3, kernel: 5)
                  |                      ------ first given here
                  |                                 ^^^^^^ given again here
                """, PLAIN.render(d));
    }

    @Test
    void secondaryOnAnAdjacentLineIsShownInLineOrder() {
        SourceFile f = new SourceFile("bad/conv_channels.nn", """
                model BadChannels {
                  input [1, 28, 28]
                  conv2d c1(1 -> 16, kernel: 3) relu
                  conv2d c2(32 -> 32, kernel: 3) relu
                }
                """);
        Diagnostic d = Diagnostic.at(Code.NN0101, Spans.on(f, 4, "32"),
                        "conv layer `c2` expects 32 input channels, but `c1` produces 16")
                .label("expects 32 channels")
                .secondary(Spans.on(f, 3, "16"), "`c1` produces 16 channels")
                .help("write `conv2d c2(16 -> 32, kernel: 3)`")
                .build();
        assertEquals("""
                error[NN0101]: conv layer `c2` expects 32 input channels, but `c1` produces 16
                 --> bad/conv_channels.nn:4:13
                  |
                3 |   conv2d c1(1 -> 16, kernel: 3) relu
                  |                  -- `c1` produces 16 channels
                4 |   conv2d c2(32 -> 32, kernel: 3) relu
                  |             ^^ expects 32 channels
                  = help: write `conv2d c2(16 -> 32, kernel: 3)`
                """, PLAIN.render(d));
    }

    @Test
    void oneLineGapIsPrintedAndLongerGapsAreElided() {
        Diagnostic d = Diagnostic.at(Code.NN0102, Spans.on(DENSE, 9, "3163"), "mismatch")
                .secondary(Spans.on(DENSE, 3, "[1, 28, 28]"), "input")
                .secondary(Spans.on(DENSE, 7, "maxpool2d"), "halves")
                .build();
        assertEquals("""
                error[NN0102]: mismatch
                 --> bad/dense_in_mismatch.nn:9:13
                  |
                3 |   input [1, 28, 28]
                  |         ----------- input
                ...
                7 |   maxpool2d(kernel: 2)
                  |   --------- halves
                8 |   flatten
                9 |   dense fc1(3163 -> 128) relu
                  |             ^^^^
                """, PLAIN.render(d));
    }

    @Test
    void gutterIsAsWideAsTheLargestLineNumberShown() {
        Diagnostic d = Diagnostic.at(Code.NN0210, Spans.on(DENSE, 12, "adam"), "unknown optimizer `adam`")
                .label("not an optimizer")
                .secondary(Spans.on(DENSE, 9, "fc1"), "here")
                .build();
        assertEquals("""
                error[NN0210]: unknown optimizer `adam`
                  --> bad/dense_in_mismatch.nn:12:13
                   |
                 9 |   dense fc1(3163 -> 128) relu
                   |         --- here
                ...
                12 |   optimizer adam(lr: 0.001)
                   |             ^^^^ not an optimizer
                """, PLAIN.render(d));
    }

    @Test
    void tabsAreExpandedAlikeInSourceAndMarkers() {
        SourceFile f = new SourceFile("tabs.nn", "model M {\n\tdense\tfc1(3 -> 4)\n}\n");
        Diagnostic d = Diagnostic.at(Code.NN0102, Spans.on(f, 2, "3"), "bad size").label("here").build();
        assertEquals("""
                error[NN0102]: bad size
                 --> tabs.nn:2:12
                  |
                2 |     dense    fc1(3 -> 4)
                  |                  ^ here
                """, PLAIN.render(d));
    }

    /** Wide characters take two terminal cells: the caret after an emoji or a comment in Chinese still points at its place. */
    @Test
    void wideCharactersBeforeASpanTakeTwoCells() {
        SourceFile f = new SourceFile("wide.nn", "dense h(8) # \u4e2d\u6587 \uD83D\uDE00 x\n");
        Diagnostic d = Diagnostic.at(Code.NN0003, Spans.on(f, 1, "x"), "x").build();
        // "dense h(8) # " is 13 cells, the two CJK characters 4, a space, the emoji 2, a space: x in cell 22.
        assertTrue(PLAIN.render(d).endsWith("1 | dense h(8) # \u4e2d\u6587 \uD83D\uDE00 x\n  | " + " ".repeat(21) + "^\n"), PLAIN.render(d));
        Diagnostic under = Diagnostic.at(Code.NN0003, Spans.on(f, 1, "\u4e2d\u6587"), "wide").build();
        assertTrue(PLAIN.render(under).endsWith("  | " + " ".repeat(13) + "^^^^\n"), "a wide character is marked by two carets: " + PLAIN.render(under));
    }

    @Test
    void spanOverATabGetsOneCaretPerColumn() {
        SourceFile f = new SourceFile("tabs.nn", "a\tb\n");
        Diagnostic d = Diagnostic.at(Code.NN0003, Spans.on(f, 1, "\t"), "tab").build();
        assertTrue(PLAIN.render(d).endsWith("1 | a    b\n  |  ^^^^\n"), PLAIN.render(d));
    }

    @Test
    void multiLineSpanIsMarkedToTheEndOfItsFirstLine() {
        Span whole = Spans.on(DENSE, 4, "conv2d").to(Spans.on(DENSE, 6, "relu"));
        Diagnostic d = Diagnostic.at(Code.NN0506, whole, "redundant layers").label("these").build();
        assertEquals("""
                warning[NN0506]: redundant layers
                 --> bad/dense_in_mismatch.nn:4:3
                  |
                4 |   conv2d c1(1 -> 16, kernel: 3, padding: 1) relu
                  |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ these
                """, PLAIN.render(d));
    }

    @Test
    void diagnosticsAreSeparatedByABlankLine() {
        Diagnostic warning = Diagnostic.at(Code.NN0505, Spans.on(DENSE, 12, "0.001"), "unusual learning rate").build();
        Diagnostic spanless = Diagnostic.forFile(Code.NN0007, "empty.nn", "`empty.nn` is empty").build();
        assertEquals("""
                warning[NN0505]: unusual learning rate
                  --> bad/dense_in_mismatch.nn:12:22
                   |
                12 |   optimizer adam(lr: 0.001)
                   |                      ^^^^^

                error[NN0007]: `empty.nn` is empty
                 --> empty.nn
                """, PLAIN.render(List.of(warning, spanless)));
    }

    @Test
    void labelInAnotherFileGetsItsOwnHeader() {
        SourceFile other = new SourceFile("lib/base.nn", "model Base {\n  dense fc1(16)\n}\n");
        Diagnostic d = Diagnostic.at(Code.NN0207, Spans.on(DENSE, 9, "fc1"), "duplicate layer name `fc1`")
                .secondary(Spans.on(other, 2, "fc1"), "first declared here")
                .build();
        assertEquals("""
                error[NN0207]: duplicate layer name `fc1`
                 --> bad/dense_in_mismatch.nn:9:9
                  |
                9 |   dense fc1(3163 -> 128) relu
                  |         ^^^
                 ::: lib/base.nn:2:9
                  |
                2 |   dense fc1(16)
                  |         --- first declared here
                """, PLAIN.render(d));
    }

    @Test
    void multiLineNotesAreAlignedUnderTheirFirstLine() {
        Diagnostic d = Diagnostic.forFile(Code.NN0302, "m.nn", "missing `loss`")
                .note("a model needs\na loss")
                .build();
        assertEquals("""
                error[NN0302]: missing `loss`
                 --> m.nn
                  = note: a model needs
                          a loss
                """, PLAIN.render(d));
    }

    @Test
    void controlCharactersInTheSourceAreNotSentToTheTerminal() {
        SourceFile f = new SourceFile("esc.nn", "x\u001b[2Jy\n");
        Diagnostic d = Diagnostic.at(Code.NN0003, Spans.on(f, 1, "\u001b"), "invalid character").build();
        String out = PLAIN.render(d);
        assertFalse(out.contains("\u001b"), out);
        assertTrue(out.endsWith("1 | x\uFFFD[2Jy\n  |  ^\n"), out);
    }

    @Test
    void colorWrapsPartsInAnsiCodesAndOtherwiseChangesNothing() {
        Diagnostic d = denseMismatch();
        String colored = new HumanRenderer(true).render(d);
        assertTrue(colored.startsWith("\u001b[1;31merror[NN0102]\u001b[0m"), colored);
        assertTrue(colored.contains("\u001b[1;31m^^^^ declared here\u001b[0m"), colored);
        assertEquals(PLAIN.render(d), colored.replaceAll("\u001b\\[[0-9;]*m", ""));
        assertFalse(PLAIN.render(d).contains("\u001b"));
    }

    @Test
    void warningsAreYellowWhenColored() {
        Diagnostic d = Diagnostic.at(Code.NN0505, Spans.on(DENSE, 12, "0.001"), "unusual learning rate").build();
        assertTrue(new HumanRenderer(true).render(d).startsWith("\u001b[1;33mwarning[NN0505]\u001b[0m"));
    }

    @Test
    void summaryCountsErrorsAndWarnings() {
        Diagnostic error = denseMismatch();
        Diagnostic warning = Diagnostic.at(Code.NN0505, Spans.on(DENSE, 12, "0.001"), "unusual").build();
        assertEquals("error: could not check `x.nn`: 2 errors, 1 warning\n",
                PLAIN.summary("x.nn", List.of(error, warning, error)));
        assertEquals("error: could not check `x.nn`: 1 error\n", PLAIN.summary("x.nn", List.of(error)));
        assertEquals("warning: `x.nn` generated 2 warnings\n", PLAIN.summary("x.nn", List.of(warning, warning)));
        assertEquals("", PLAIN.summary("x.nn", List.of()));
    }

    @Test
    void nothingToRenderIsEmpty() {
        assertEquals("", PLAIN.render(List.of()));
    }

    @Test
    void longLinesAreCutToAWindowAroundTheMarker() {
        String line = "  dense h(" + "(".repeat(300) + "1" + ")".repeat(300) + ")";
        SourceFile file = new SourceFile("t.nn", "model M {\n" + line + "\n}\n");
        int at = "model M {\n".length() + 2 + "dense h(".length() + 64;
        Diagnostic d = Diagnostic.at(Code.NN0006, file.span(at, at + 1), "deep").label("here").build();
        String out = new HumanRenderer(false).render(d);
        String[] lines = out.split("\n");
        String source = lines[3];
        String marker = lines[4];
        assertTrue(source.startsWith("2 | ...") && source.endsWith("..."), source);
        assertTrue(source.length() <= "2 | ".length() + Snippet.MAX_LINE + 6, source);
        int caret = marker.indexOf('^');
        assertEquals('(', source.charAt(caret), "the caret stays under its character");
        assertEquals("2 | ...".length() + 40, caret, "40 characters of context before the marker");
    }

    /** A label far to the left took the window, and the caret fell on the `...` at its edge. */
    @Test
    void thePrimaryMarkStaysInViewWhenALabelIsFarFromIt() {
        String line = "  dense h(784 -> 16, bias: true," + " ".repeat(150) + "bias: false) relu";
        SourceFile file = new SourceFile("t.nn", "model M {\n" + line + "\n}\n");
        int first = "model M {\n".length() + line.indexOf("bias");
        int second = "model M {\n".length() + line.lastIndexOf("bias");
        Diagnostic d = Diagnostic.at(Code.NN0208, file.span(second, second + 4), "twice").label("second value")
                .secondary(file.span(first, first + 4), "first given here").build();
        String[] lines = new HumanRenderer(false).render(d).split("\n");
        String source = lines[3];
        int caret = lines[5].indexOf('^');
        assertEquals("bias", source.substring(caret, caret + 4), "the caret under the second `bias`: " + String.join("\n", lines));
        assertEquals("  | - first given here (column 22, out of view)", lines[4]);
    }
}
