package dev.nnc.syntax;

import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Label;
import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and unusual input: the parser must answer quickly with a tree or with located
 * diagnostics, never throw, never overflow the stack, and never point outside the file.
 */
class ParseRobustnessTest {
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private static final int TEN_MB = 10_000_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void binaryGarbage(long seed) {
        byte[] bytes = new byte[TEN_MB];
        new Random(seed).nextBytes(bytes);
        ParseResult r = parseQuickly(new String(bytes, StandardCharsets.ISO_8859_1));
        assertTrue(r.model().isEmpty());
        assertEquals(LexicalProblems.MAX_REPORTED, r.diagnostics().size());
        List<String> lastNotes = r.diagnostics().get(r.diagnostics().size() - 1).notes();
        assertTrue(lastNotes.get(lastNotes.size() - 1).endsWith("is it a .nn text file?"), lastNotes.toString());
    }

    @Test
    void shortBinaryGarbageOfManySeeds() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            ParseResult r = parseQuickly(new String(bytes, StandardCharsets.ISO_8859_1));
            assertTrue(r.model().isPresent() || !r.diagnostics().isEmpty());
        }
    }

    @Test
    void tenMegabyteValidModel() {
        int layers = 200_000;
        // Comments pad each line to about 50 characters, so the file is ~10 MB.
        String text = "model Big {\n  input [10]\n"
                + "  relu    # a lone activation is a layer of its own\n".repeat(layers)
                + "  loss mse\n  optimizer sgd(lr: 0.1)\n}\n";
        assertTrue(text.length() > TEN_MB);
        ParseResult r = parseQuickly(text);
        assertEquals(List.of(), r.diagnostics());
        assertEquals(layers + 3, r.model().orElseThrow().statements().size());
        Span lastRelu = r.model().orElseThrow().statements().get(layers).span();
        assertEquals(layers + 2, lastRelu.line());
        assertEquals("relu", lastRelu.text());
    }

    @Test
    void largeWeightsLiteral() {
        String row = "[" + "0.5, ".repeat(783) + "-1e-3]";
        String text = "model M {\n  input [784]\n  dense h(784 -> 128)\n    weights [" + (row + ",\n").repeat(128) + "]\n}\n";
        ParseResult r = parseQuickly(text);
        Ast.Layer h = (Ast.Layer) r.model().orElseThrow().statements().get(1);
        Ast.Value.ListValue w = h.literals().get(0).value();
        assertEquals(128, w.items().size());
        assertEquals(784, ((Ast.Value.ListValue) w.items().get(127)).items().size());
    }

    /**
     * Recovery from syntax errors re-parses the file once per error: twenty of them at the end of
     * a file of almost 1 MiB (the most nnc reads), closed or left open, must still answer quickly.
     */
    @Test
    void twentyErrorsAtTheEndOfALargeFile() {
        StringBuilder valid = new StringBuilder("model M {\n  input [4]\n");
        for (int i = 0; valid.length() < 1_000_000; i++) valid.append("  dense h").append(i).append("(4) relu\n");
        for (String broken : new String[] {"  dense e%d(4 -> ) relu\n", "  dense e%d(4 -> 8 relu\n"}) {
            StringBuilder text = new StringBuilder(valid);
            for (int j = 0; j < 25; j++) text.append(String.format(broken, j));
            ParseResult r = parseQuickly(text.append("}\n").toString());
            assertEquals(NnSyntax.MAX_SYNTAX_ERRORS, r.diagnostics().size(), broken);
        }
    }

    /** Random tokens of the language, without brackets: the parser itself must give up fast. */
    @Test
    void tenMegabytesOfRandomTokens() {
        String[] vocabulary = {"model", "M", "{", "}", ",", ":", "->", "*", "-", "+", "/", "relu", "dense", "input",
                "loss", "optimizer", "train", "weights", "bias", "1", "2.5", "1e3", "\n", "# comment\n", "x"};
        for (long seed = 0; seed < 3; seed++) {
            ParseResult r = parseQuickly(randomTokens(new Random(seed), vocabulary, "model M {\n"));
            int n = r.diagnostics().size();
            assertTrue(n >= 1 && n <= NnSyntax.MAX_SYNTAX_ERRORS, r.diagnostics().toString());
            for (int i = 1; i < n; i++) {
                assertTrue(r.diagnostics().get(i).span().line() > r.diagnostics().get(i - 1).span().line(),
                        "one error per statement, in order: " + r.diagnostics());
            }
        }
        String[] withBrackets = {"(", ")", "[", "]", "relu", "1", ",", "\n", "dense", "h", "{", "}"};
        ParseResult r = parseQuickly(randomTokens(new Random(9), withBrackets, ""));
        assertFalse(r.diagnostics().isEmpty());
    }

    private static String randomTokens(Random random, String[] vocabulary, String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < TEN_MB) sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        return sb.toString();
    }

    @Test
    void tenThousandNestedParentheses() {
        String text = "model M {\n  dense h" + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n}\n";
        Diagnostic d = only(parseQuickly(text));
        assertEquals("NN0006", d.code().name());
        // `  dense h` then the 65th `(`
        assertEquals("2:" + (10 + NnSyntax.MAX_NESTING), d.span().line() + ":" + d.span().column());
        assertEquals("brackets are nested more than 64 levels deep", d.message());
    }

    @Test
    void tenThousandNestedBrackets() {
        Diagnostic d = only(parseQuickly("model M {\n  input " + "[".repeat(10_000) + "\n}\n"));
        assertEquals("NN0006", d.code().name());
        assertEquals("2:" + (9 + NnSyntax.MAX_NESTING), d.span().line() + ":" + d.span().column());
    }

    @Test
    void nestingAtTheLimitParses() {
        int inner = NnSyntax.MAX_NESTING - 1; // the argument list's own `(` is one level
        String text = "model M {\n  dense h(" + "(".repeat(inner) + "2" + ")".repeat(inner) + " -> 3)\n"
                + "  input " + "[".repeat(NnSyntax.MAX_NESTING) + "1" + "]".repeat(NnSyntax.MAX_NESTING) + "\n}\n";
        ParseResult r = parseQuickly(text);
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void longOperatorChainsAreRefusedBeforeTheyReachTheRecursiveStages() {
        ParseResult ok = parseQuickly("model M {\n  dense h(" + "1+".repeat(LexicalProblems.MAX_OPERATORS) + "1)\n}\n");
        assertEquals(List.of(), ok.diagnostics());

        Diagnostic chain = only(parseQuickly("model M {\n  dense h(" + "1+".repeat(TEN_MB / 2) + "1)\n}\n"));
        assertEquals("NN0006", chain.code().name());
        assertEquals("this expression has more than 100 operators", chain.message());
        assertEquals(List.of("2:11 the expression starts here"), chain.secondary().stream()
                .map(l -> l.span().line() + ":" + l.span().column() + " " + l.message()).toList());

        Diagnostic unary = only(parseQuickly("model M {\n  dense h(" + "-".repeat(100_000) + "1)\n}\n"));
        assertEquals("NN0006", unary.code().name());
    }

    @Test
    void numberThatOverflowsAnIntIsKeptExactly() {
        ParseResult r = parseQuickly("model M {\n  dense h(99999999999999999999 -> 1)\n}\n");
        Ast.Layer h = (Ast.Layer) r.model().orElseThrow().statements().get(0);
        Ast.Argument.Arrow arrow = (Ast.Argument.Arrow) h.arguments().orElseThrow().items().get(0);
        assertEquals(new BigDecimal("99999999999999999999"), ((Ast.Expr.Number) arrow.from()).value());
    }

    @Test
    void numberWithHugeExponent() {
        Diagnostic d = only(parseQuickly("model M {\n  dense h(1e99999999999)\n}\n"));
        assertEquals("NN0004", d.code().name());
        assertEquals("1e99999999999", d.span().text());
    }

    @Test
    void numberWithTenMillionDigits() {
        Diagnostic d = only(parseQuickly("model M {\n  dense h(" + "9".repeat(TEN_MB) + ")\n}\n"));
        assertEquals("NN0004", d.code().name());
        assertEquals("2:11", d.span().line() + ":" + d.span().column());
    }

    @Test
    void nonAsciiNamePointsAtTheFirstBadLetter() {
        Diagnostic d = only(parseQuickly("model M {\n  dense größe(10)\n}\n"));
        assertEquals("NN0003", d.code().name());
        assertEquals("2:11", d.span().line() + ":" + d.span().column());
        assertEquals("ö", d.span().text());
        assertFalse(d.notes().isEmpty());
    }

    @Test
    void emojiInCommentsKeepsLaterSpansRight() {
        // Emoji are two UTF-16 units but one code point for ANTLR; columns count UTF-16 units.
        String text = "# 🚀 launch 🚀\nmodel M { /* 🧠 */ dense h(10) relu }\n";
        Ast.Model m = parseQuickly(text).model().orElseThrow();
        Span dense = m.statements().get(0).span();
        assertEquals("dense h(10) relu", dense.text());
        assertEquals("2:20-2:36", dense.line() + ":" + dense.column() + "-" + dense.endLine() + ":" + dense.endColumn());

        Diagnostic d = only(parseQuickly("# 🚀\nmodel M { /* 🧠 */ dense h(10 -> ) }\n"));
        assertEquals(")", d.span().text());
        assertEquals("2:34", d.span().line() + ":" + d.span().column());
    }

    @Test
    void emojiOutsideACommentIsOneBadCharacter() {
        Diagnostic d = only(parseQuickly("model M {\n  dense h🚀(10)\n}\n"));
        assertEquals("NN0003", d.code().name());
        assertEquals("🚀", d.span().text());
        assertEquals("unexpected character `🚀` (U+1F680)", d.message());
    }

    @Test
    void crlfLineEndings() {
        String text = "model M {\r\n  dense h1(784 -> 128) relu\r\n  loss mse\r\n}\r\n";
        Ast.Model m = parseQuickly(text).model().orElseThrow();
        Span h1 = m.statements().get(0).span();
        assertEquals("dense h1(784 -> 128) relu", h1.text());
        assertEquals("2:3-2:28", h1.line() + ":" + h1.column() + "-" + h1.endLine() + ":" + h1.endColumn());
        assertEquals(4, m.span().endLine());

        Diagnostic unclosed = only(parseQuickly("model M {\r\n  dense h(10\r\n  dense k(5)\r\n}\r\n"));
        assertEquals("2:13", unclosed.span().line() + ":" + unclosed.span().column());
        Diagnostic brace = only(parseQuickly("model M\r\n  relu\r\n}\r\n"));
        assertEquals("1:8-1:8", brace.span().line() + ":" + brace.span().column() + "-" + brace.span().endLine()
                + ":" + brace.span().endColumn());
    }

    @Test
    void loneCarriageReturnIsReported() {
        Diagnostic d = parseQuickly("model M {\r  relu\r}\r").diagnostics().get(0);
        assertEquals("NN0003", d.code().name());
        assertEquals("unexpected character U+000D (a control character)", d.message());
    }

    @Test
    void tabsCountAsOneColumn() {
        Diagnostic d = only(parseQuickly("model M {\n\tdense h(10 -> )\n}\n"));
        assertEquals("2:16", d.span().line() + ":" + d.span().column());
        assertEquals(List.of("layer"), parseQuickly("model M {\n\trelu\t# tab\n}\n").model().orElseThrow()
                .statements().stream().map(s -> "layer").toList());
    }

    @Test
    void noTrailingNewline() {
        assertTrue(parseQuickly("model M {\n  relu\n}").model().isPresent());
        assertTrue(parseQuickly("model M {\n  relu\n} # end").model().isPresent());
        Diagnostic d = only(parseQuickly("model M {\n  relu"));
        assertEquals("NN0002", d.code().name());
        assertEquals("2:7", d.span().line() + ":" + d.span().column());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\n\n\t  \r\n", "\f"})
    void emptyOrWhitespaceOnly(String text) {
        Diagnostic d = only(parseQuickly(text));
        assertEquals("NN0007", d.code().name());
        assertNull(d.span());
        assertNotNull(d.file());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/*", "/* never closed", "model M { /* */ relu /*", "\"", "'abc", "model M {\n  \"relu"})
    void unterminatedCommentsAndStrings(String text) {
        ParseResult r = parseQuickly(text);
        assertTrue(r.model().isEmpty());
        assertFalse(r.diagnostics().isEmpty());
    }

    /** Small edits to the sample models, as a user's typos would make: never a crash, never a vague message. */
    @Test
    void mutatedSampleModels() throws java.io.IOException {
        List<String> models;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("models"))) {
            models = files.sorted().map(p -> {
                try {
                    return java.nio.file.Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        String[] pieces = {"(", ")", "[", "]", "{", "}", ",", ":", "->", "\n", " ", "relu", "5", "*", "-", "weights",
                "model", "#", "/*", "\"", "é", "🚀", "1e999999999999", "\t", "\r\n"};
        Random random = new Random(2024);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder(models.get(random.nextInt(models.size())));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(sb.length() + 1);
                if (random.nextBoolean()) {
                    sb.insert(at, pieces[random.nextInt(pieces.length)]);
                } else if (at < sb.length()) {
                    sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(5)));
                }
            }
            ParseResult r = parseQuickly(sb.toString());
            for (Diagnostic d : r.diagnostics()) {
                assertFalse(d.message().contains("something else"), d.message());
                assertFalse(d.label().isBlank(), () -> "no label: " + d);
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Parses under a time limit and checks that every diagnostic lies inside the file. */
    private static ParseResult parseQuickly(String text) {
        SourceFile file = new SourceFile("robust.nn", text);
        ParseResult r = assertTimeoutPreemptively(QUICKLY, () -> NnSyntax.parse(file));
        // Both only when the diagnostics are stray characters at the ends of lines, without which the rest parsed.
        assertTrue(r.model().isPresent() != !r.diagnostics().isEmpty()
                || r.model().isPresent() && r.diagnostics().stream().allMatch(d -> d.code() == dev.nnc.diag.Code.NN0003),
                "a tree or diagnostics, not neither, and both only for stray characters: " + r.diagnostics());
        for (Diagnostic d : r.diagnostics()) {
            assertInside(text, d.span(), d);
            for (Label l : d.secondary()) assertInside(text, l.span(), d);
            assertFalse(d.message().isBlank());
        }
        return r;
    }

    private static void assertInside(String text, Span span, Diagnostic d) {
        if (span == null) return;
        assertTrue(0 <= span.start() && span.start() <= span.end() && span.end() <= text.length(),
                () -> "span " + span.start() + ".." + span.end() + " outside a file of " + text.length() + ": " + d);
        assertTrue(span.line() >= 1 && span.column() >= 1 && span.endLine() >= span.line(), () -> "bad span " + span);
    }

    private static Diagnostic only(ParseResult r) {
        assertEquals(1, r.diagnostics().size(), () -> r.diagnostics().toString());
        return r.diagnostics().get(0);
    }
}
