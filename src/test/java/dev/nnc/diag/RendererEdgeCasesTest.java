package dev.nnc.diag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnc.NncCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edge cases of dev.nnc.diag that no test pinned, found by mutation testing (PIT; see TESTING.md). */
class RendererEdgeCasesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    // A file with Windows line ends is shown without its '\r' (which visible() would turn into U+FFFD).
    @Test
    void crlfFilesRenderWithoutCarriageReturns() {
        SourceFile file = new SourceFile("t.nn", "model M {\r\n  input [4]\r\n  dense h(0)\r\n}\r\n");
        assertEquals("  dense h(0)", file.line(3));
        String out = new HumanRenderer(false).render(NncCompiler.check(file).diagnostics());
        assertTrue(out.contains("3 |   dense h(0)\n"), out);
        assertFalse(out.contains("\uFFFD"), out);
    }

    // Related locations get the ids 1, 2, ... (SARIF requires them unique and non-negative).
    @Test
    void sarifRelatedLocationIdsCountUp() throws Exception {
        SourceFile f = new SourceFile("t.nn", "model M {\n  dense a(1)\n  dense b(1)\n}\n");
        Diagnostic d = Diagnostic.at(Code.NN0207, f.span(10, 15), "m")
                .secondary(f.span(23, 28), "one").secondary(f.span(34, 39), "two").build();
        JsonNode related = MAPPER.readTree(new SarifRenderer("1").render(List.of(d))).at("/runs/0/results/0/relatedLocations");
        assertEquals(1, related.get(0).get("id").asInt());
        assertEquals(2, related.get(1).get("id").asInt());
    }

    // The ends of each plain range stay unencoded.
    @Test
    void sarifUrisKeepLettersAndDigitsAtTheEndsOfTheirRanges() {
        assertEquals("az/AZ/09-x.nn", SarifRenderer.uri("az/AZ/09-x.nn"));
    }

    // A marker near the end of a long line shows the line's last MAX_LINE characters.
    @Test
    void aMarkerAtTheEndOfALongLineShowsTheLinesEnd() {
        String line = "  dense h(" + "(".repeat(300) + "1" + ")".repeat(300) + ")";
        SourceFile file = new SourceFile("t.nn", "model M {\n" + line + "\n}\n");
        int at = "model M {\n".length() + line.length() - 1;
        String[] lines = new HumanRenderer(false).render(Diagnostic.at(Code.NN0006, file.span(at, at + 1), "deep").label("here").build()).split("\n");
        assertEquals("2 | ..." + line.substring(line.length() - Snippet.MAX_LINE), lines[3]);
        assertEquals(lines[3].length() - 1, lines[4].indexOf('^'));
    }

    // An adjacent swap is one edit, so `mes` is a slip of `mse` (threshold 1 for 3 letters).
    @Test
    void anAdjacentSwapIsOneEdit() {
        assertEquals(1, Spelling.distance("mes", "mse"));
        assertEquals(Optional.of("mse"), Spelling.suggest("mes", List.of("mse", "sum_squares")));
    }

    // How far a word may be from the one meant grows with its length: 1 up to 3 letters, 2 up to 6, then 3.
    @ParameterizedTest
    @CsvSource({"abc, xbc, true", "abc, xyc, false", "abcdef, xyzdef, false", "abcdef, xycdef, true", "abcdefg, xyzdefg, true"})
    void suggestionThresholdFollowsTheLength(String word, String known, boolean suggested) {
        assertEquals(suggested, Spelling.closest(word, List.of(known)).isPresent());
    }

    // Wide characters at the ends of their ranges; DEL is replaced like the other controls.
    @ParameterizedTest
    @CsvSource({"0x10FF, 1", "0x1100, 2", "0x115F, 2", "0x1160, 1", "0x2E80, 2", "0x303F, 1", "0xA4CF, 2", "0xA4D0, 1",
            "0xAC00, 2", "0xD7A3, 2", "0xD7A4, 1", "0xFF00, 2", "0xFF60, 2", "0xFF61, 1", "0x1F300, 2", "0x1F64F, 2", "0x1F650, 1"})
    void cellsOfCharactersAtTheEndsOfTheWideRanges(String codePoint, int cells) {
        assertEquals(cells, Snippet.cells(Integer.decode(codePoint)));
    }

    @Test
    void delIsNotSentToTheTerminal() {
        assertEquals("a\uFFFDb", Snippet.visible("a\u007fb"));
    }
}
