package dev.nnc.diag;

import dev.nnc.NncCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error index (nnc explain, SARIF's rule help): a page for every code, and its examples do
 * what the page says: the first model raises the code, the second, the fix, checks clean.
 */
class ExplanationsTest {
    /** Codes no model text can raise: about reading a file, or a training command's own check. */
    private static final Set<Code> NOT_FROM_A_MODEL = Set.of(Code.NN0005, Code.NN0008, Code.NN0009, Code.NN0010, Code.NN0305);

    private static final Pattern NN_BLOCK = Pattern.compile("(?m)^```nn\n(.*?)^```$", Pattern.DOTALL);

    private static List<String> modelBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = NN_BLOCK.matcher(markdown);
        while (m.find()) blocks.add(m.group(1));
        return blocks;
    }

    private static List<Diagnostic> check(Code code, String text) {
        return NncCompiler.check(new SourceFile(code.name() + ".nn", text)).diagnostics();
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void everyCodeHasAPageWhoseExamplesDoWhatItSays(Code code) {
        Explanations.Page page = Explanations.of(code).orElseThrow(() -> new AssertionError("no explain/" + code + ".md"));
        assertTrue(page.markdown().startsWith("# " + code.name() + ": " + code.title() + "\n\n"), page.markdown());
        assertFalse(page.summary().isBlank() || page.summary().contains("```") || page.summary().startsWith("#"), page.summary());
        List<String> models = modelBlocks(page.markdown());
        if (NOT_FROM_A_MODEL.contains(code)) {
            assertEquals(List.of(), models, "a page of a code no model raises shows commands, not models");
            return;
        }
        assertEquals(2, models.size(), "the model that raises it, and the fix");
        List<Diagnostic> raised = check(code, models.get(0));
        assertTrue(raised.stream().anyMatch(d -> d.code() == code), code + " from the first example, got " + raised);
        List<Diagnostic> fixed = check(code, models.get(1));
        assertTrue(fixed.stream().noneMatch(d -> d.code() == code || d.isError()), "the fix checks clean, got " + fixed);
    }

    @Test
    void codesAreReadAsUsersWriteThem() {
        assertEquals(Optional.of(Code.NN0102), Explanations.parse("NN0102"));
        assertEquals(Optional.of(Code.NN0102), Explanations.parse(" nn0102 "));
        assertEquals(Optional.of(Code.NN0102), Explanations.parse("102"));
        assertEquals(Optional.of(Code.NN0001), Explanations.parse("1"));
        assertEquals(Optional.empty(), Explanations.parse("NN9999"));
        assertEquals(Optional.empty(), Explanations.parse("E0308"));
        assertEquals(Optional.empty(), Explanations.parse("NN01021"));
    }

    @Test
    void theSummaryIsTheFirstParagraphOnOneLine() {
        assertEquals("What it means, on two lines.", Explanations.firstParagraph("# NN0001: x\n\nWhat it means,\non two lines.\n\nMore.\n"));
    }
}
