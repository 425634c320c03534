package dev.nnc.syntax;

import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Edge cases of dev.nnc.syntax that no test pinned, found by mutation testing (PIT; see TESTING.md). */
class SyntaxEdgeCasesTest {
    static List<Diagnostic> parse(String text) { return NnSyntax.parse(new SourceFile("t.nn", text)).diagnostics(); }
    static Diagnostic only(String text) {
        List<Diagnostic> ds = parse(text);
        assertEquals(1, ds.size(), ds.toString());
        return ds.get(0);
    }

    // The empty block comment `/**/` is closed.
    @Test
    void anEmptyBlockCommentIsClosed() {
        assertEquals(List.of(), parse("model M {\n  /**/\n  input [1]\n  relu\n}\n"));
    }

    // The marker covers the whole wrong arrow.
    @Test
    void wrongArrowsAreMarkedWhole() {
        assertEquals("=>", only("model M {\n  dense h(4 => 8)\n}\n").span().text());
        assertEquals("- >", only("model M {\n  dense h(4 - > 8)\n}\n").span().text());
    }

    // Help for a lone `>` and for a quoted number.
    @Test
    void helpForAComparisonAndAQuotedNumber() {
        assertEquals(List.of("sizes are written `in -> out`, for example `dense h(4 -> 8)`"), only("model M {\n  dense h(784 > 10)\n}\n").help());
        assertEquals(List.of("write it without quotes: `8`"), only("model M {\n  dense h(\"8\")\n}\n").help());
    }

    // A `}` where `)` belongs is replaced, not preceded by a `)`.
    @Test
    void aBraceForAParenthesisIsReplaced() {
        assertEquals(List.of("replace `}` with `)`"), only("model M {\n  dense h(4 -> 8}\n}\n").help());
    }

    // A second model gets the one-model note and points at the end of the first.
    @Test
    void aSecondModelInAFile() {
        Diagnostic d = only("model M {\n  loss mse\n}\nmodel N {\n}\n");
        assertEquals(List.of("a .nn file holds exactly one model; put each model in a file of its own"), d.notes());
        assertEquals("t.nn:3:1 the model ends here", d.secondary().get(0).span().location() + " " + d.secondary().get(0).message());
    }
}
