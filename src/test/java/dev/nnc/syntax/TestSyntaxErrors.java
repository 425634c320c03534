package dev.nnc.syntax;

import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Label;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Input text to the one diagnostic it must produce, in the manner of Trino's
 * TestSqlParserErrorHandling: code, line:column of the primary span, and the exact message.
 * Labels and help for the cases where they carry the fix are checked below the table.
 */
class TestSyntaxErrors {

    static Stream<Arguments> table() {
        return Stream.of(
                // Unclosed brackets and braces
                row("model M {\n  input [1]\n  relu\n",
                        "NN0002", "3:7", "the model `M` is never closed"),
                row("model M {\n  dense h(10\n  dense k(5)\n}\n",
                        "NN0002", "2:13", "the argument list of `h` is never closed"),
                row("model M {\n  dense h(10",
                        "NN0002", "2:13", "the argument list of `h` is never closed"),
                row("model M {\n  dense h(10 -> 20]\n}\n",
                        "NN0002", "2:19", "the argument list of `h` is never closed"),
                row("model M {\n  input [1, 2\n  relu\n}\n",
                        "NN0002", "2:14", "the input shape is never closed"),
                row("model M {\n  dense h(2 -> 3)\n    weights [[1, 0],\n             [1, 0],\n             [0, 0]\n"
                                + "  dense out(1)\n  loss mse\n}\n",
                        "NN0002", "5:20", "the `weights` literal is never closed"),
                row("model M {\n  relu\n  /* a comment\n}\n",
                        "NN0002", "3:3", "this comment is never closed"),
                // A `(` at the end of a line: the next line's words were read as its arguments.
                row("model M {\n  input [4]\n  dense h(8) tanh(\n  dense out(2)\n  loss mse\n}\n",
                        "NN0002", "3:19", "the argument list of `tanh` is never closed"),

                // The model itself
                row("model {\n  relu\n}\n",
                        "NN0001", "1:7", "expected a name, found `{`"),
                row("model M\n  relu\n}\n",
                        "NN0001", "1:8", "expected `{`, found the end of the line"),
                row("hello world\n",
                        "NN0001", "1:1", "expected `model`, found `hello`"),
                row("model M {\n  relu\n}\nrelu\n",
                        "NN0001", "4:1", "unexpected `relu` after the end of the model"),
                row("model M {\n  loss mse\n}\nmodel N {\n}\n",
                        "NN0001", "4:1", "unexpected `model` after the end of the model"),
                row("model M {\n  relu\n}}\n",
                        "NN0001", "3:2", "unexpected `}` after the end of the model"),
                // A stray `}` with the model going on after it: the `}` is the mistake, not what follows.
                row("model M {\n  input [4]\n  dense h(8) relu }\n  dense out(2)\n  loss mse\n}\n",
                        "NN0001", "3:19", "this `}` ends the model, but the model goes on to line 6"),
                row("# only\n// comments\n/* here */\n",
                        "NN0007", "-", "`test.nn` contains only comments"),

                // Statements
                row("model M {\n  dense h(10) relu flatten\n}\n",
                        "NN0001", "2:20", "expected the end of the line, found `flatten`"),
                row("model M {\n  input [1]\n  5\n}\n",
                        "NN0001", "3:3", "expected a layer, `input`, `loss`, `optimizer`, `train` or `}`, found the number `5`"),
                row("model M {\n  input\n}\n",
                        "NN0001", "2:8", "expected a name or a list `[...]`, found the end of the line"),
                row("model M {\n  loss\n}\n",
                        "NN0001", "2:7", "expected a name, found the end of the line"),
                row("model M {\n  loss mse)\n}\n",
                        "NN0001", "2:11", "expected the end of the line, found `)`"),
                row("model M {\n  dense h1 784 -> 128)\n}\n",
                        "NN0001", "2:12", "expected `(` or the end of the line, found the number `784`"),
                row("model M {\n  loss softmax_c[ross_entropy\n}\n",
                        "NN0001", "2:17", "expected `(` or the end of the line, found `[`"),
                row("model M {\n  dense h(10) relu weights\n}\n",
                        "NN0001", "2:27", "expected a list `[...]`, found the end of the line"),

                // Arguments
                row("model M {\n  optimizer adam(lr 0.01)\n}\n",
                        "NN0001", "2:21", "expected `:`, `,` or `)`, found the number `0.01`"),
                row("model M {\n  dense h1(784 -> )\n}\n",
                        "NN0001", "2:19", "expected a number, found `)`"),
                row("model M {\n  dense h1(784 128)\n}\n",
                        "NN0001", "2:16", "expected `->`, `,` or `)`, found the number `128`"),
                row("model M {\n  dense h(7*7* -> 10)\n}\n",
                        "NN0001", "2:16", "expected a number, found `->`"),
                row("model M {\n  dense h(10,, 2)\n}\n",
                        "NN0001", "2:14", "expected an argument or `)`, found `,`"),
                row("model M {\n  train(batch: )\n}\n",
                        "NN0001", "2:16", "expected a value (a number, a name or a list), found `)`"),
                row("model M {\n  input [1, 28 28]\n}\n",
                        "NN0001", "2:16", "expected `,` or `]`, found the number `28`"),

                // Characters that are not part of the language
                row("model M {\n  input [1];\n}\n",
                        "NN0003", "2:12", "unexpected character `;`"),
                row("model M {\n  dense h(10, init: \"he\")\n}\n",
                        "NN0003", "2:21", "unexpected string `\"he\"`"),
                row("model M {\n  optimizer adam(lr=0.01)\n}\n",
                        "NN0003", "2:20", "unexpected character `=`"),
                row("model M {\n  dense größe(10)\n}\n",
                        "NN0003", "2:11", "unexpected character `ö` (U+00F6) in the name `größe`"),
                row("model M {\n  dense h(10)\u00a0relu\n}\n",
                        "NN0003", "2:14", "unexpected character U+00A0 (a kind of space)"),
                row("model M {\n  dense h(1e99999999999)\n}\n",
                        "NN0004", "2:11", "the number `1e99999999999` cannot be represented"));
    }

    private static Arguments row(String input, String code, String at, String message) {
        return arguments(input, code, at, message);
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("table")
    void reportsOneDiagnostic(String input, String code, String at, String message) {
        Diagnostic d = only(input);
        assertEquals(code + " " + at + " " + message, code(d) + " " + at(d) + " " + d.message());
    }

    /** The fix offered for each frequent slip; a wrong fix is worse than none. */
    static Stream<Arguments> helpTable() {
        return Stream.of(
                arguments("model {\n  relu\n}\n", "give the model a name: `model MyNet {`"),
                arguments("modle M {\n  relu\n}\n", "did you mean `model`?"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  loss mse\n  optimizer sgd lr: 0.1\n}\n",
                        "arguments go in parentheses right after the name: `sgd(lr: ...)`"),
                arguments("model M {\n  input [2] dense o(1)\n}\n", "put each layer or statement on a line of its own"),
                arguments("model M {\n  dense h(3 -> 4 -> 5)\n}\n", "a layer states one `in -> out`; the next layer states its own"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  train batch: 4\n}\n",
                        "arguments go in parentheses right after the name: `train(batch: ...)`"),
                arguments("model M {\n  input [784]\n  dense h: 784 -> 16 relu\n}\n",
                        "the layer's arguments go in parentheses right after its name, without a `:`: `dense h(...)`"),
                arguments("model M {\n  input [1, 4, 4]\n  maxpool2d kernel: 2\n}\n",
                        "arguments go in parentheses right after the name: `maxpool2d(kernel: ...)`"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  loss: mse\n}\n", "write `loss mse`, without the `:`"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  loss = mse\n}\n", "write `loss mse`, without the `=`"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  /* x */ loss = mse\n}\n", "write `loss mse`, without the `=`"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  train: batch: 4\n}\n",
                        "arguments go in parentheses right after `train`, with no `:` before them: `train(batch: ...)`"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  los: mse\n}\n", "write `loss mse`, without the `:`"),
                arguments("model M {\n  input [2]\n  weights [[1, 0], [0, 1]]\n  dense o(2)\n}\n", "a `weights` literal belongs to the layer"
                        + " on the line above it: write the layer first, e.g. `dense h(2 -> 2)` and then `weights [[1, 0], [0, 1]]`"),
                arguments("model M {\n  input [2]\n  dense o(1)\n  loss mse\n  optimizer sgd(lr: \u22120.1)\n}\n", "write `-`"),
                arguments("model M {\n  input [2]; dense o(1)\n}\n",
                        "statements end at the end of the line: remove the `;` and put what follows on a line of its own"),
                arguments("model M {\n  input [2];  # the shape\n  dense o(1)\n}\n", "statements end at the end of the line; remove the `;`"),
                arguments("model M {\n  input [2]; // the shape\n  dense o(1)\n}\n", "statements end at the end of the line; remove the `;`"),
                arguments("model M {\n  input [2]; /* the shape */\n  dense o(1)\n}\n", "statements end at the end of the line; remove the `;`"),
                arguments("model M {\n  inptu image[1, 28, 28]\n  relu\n}\n", "did you mean `input`?"),
                arguments("model M {\n  inptu [4]\n  relu\n}\n", "did you mean `input`?"),
                arguments("model M\n  relu\n}\n", "open the model with `{` on the same line as its name: `model M {`"),
                arguments("model M {\n  relu\n}\nrelu\n", "move it inside the model, before the closing `}`"),
                arguments("model M {\n  relu\n}}\n", "remove the extra `}`"),
                arguments("model M {\n  loss mse)\n}\n", "remove the `)`: there is no `(` for it to close"),
                arguments("model M {\n  input [1]]\n}\n", "remove the `]`: there is no `[` for it to close"),
                arguments("model M {\n  train(batch: )\n}\n", "write a value after the `:`, or remove the argument"),
                arguments("model M {\n  dense h(10,, 2)\n}\n", "remove the extra `,`"),
                arguments("model M {\n  dense h(, 2)\n}\n", "remove the `,`"),
                arguments("model M {\n  input [1, 28 28]\n}\n", "separate the values with `,`: `28, 28`"),
                arguments("model M {\n  dense h1(784 -> )\n}\n", "write the output size after `->`, for example `784 -> 128`"),
                arguments("model M {\n  dense h1 784 -> 128)\n}\n", "arguments go in parentheses right after the name: `h1(784 ...)`"),
                arguments("model M {\n  input\n}\n",
                        "give the shape of one sample, for example `input [784]` or `input image[1, 28, 28]`"),
                arguments("model M {\n  loss\n}\n", "name the loss, for example `loss mse` or `loss softmax_cross_entropy`"),
                arguments("model M {\n  optimizer\n}\n", "name the optimizer, for example `optimizer sgd(lr: 0.1)`"),
                arguments("model M {\n  dense h(10)\n  bias\n}\n",
                        "write the values as a list: `weights [[1, 0], [0, 1]]` has a row per output, `bias [0, 0]` one value each"),
                arguments("model M {\n  input [1];\n}\n", "statements end at the end of the line; remove the `;`"),
                arguments("model M {\n  optimizer adam(lr=0.01)\n}\n", "arguments are written `name: value`, for example `lr: 0.01`"),
                arguments("model M {\n  dense h(10)\u00a0relu\n}\n", "replace it with an ordinary space"),
                arguments("model M {\n  relu\n  /* a comment\n}\n", "close it with `*/`"),
                arguments("model M {\n  dense 1h(8)\n}\n", "a name starts with a letter or `_`, for example `h1`"),
                arguments("model M {\n  dense h-1(8)\n}\n", "names use `_`, not `-`: `h_1`"),
                arguments("model M {\n  conv2d c1(1 -> 8 kernel: 3)\n}\n", "insert `,` before `kernel`"),
                arguments("model M {\n  dense h[8]\n}\n", "arguments go in parentheses: `h(...)`"),
                arguments("model M {\n  dense out(2),\n}\n", "remove the `,` at the end of the line: statements need no separator"),
                arguments("model M {\n  dense out(2) {\n}\n", "remove the `{`: a layer is one line, with no block of its own"),
                arguments("model M {\n  dense h(0x10)\n}\n", "numbers are decimal: write `16`"),
                arguments("model M {\n  conv2d c(8, kernel: 3x5)\n}\n", "a window of 3 by 5 is written `[3, 5]`"),
                arguments("model M {\n  dense h1(4 -> 8 relu\n  dense h2(8)) relu\n}\n", "insert `)` before `relu`"),
                arguments("model M {\n  train(epochs: 3 batch: 4\n}\n", "insert `,` before `batch`"),
                arguments("model M {\n  optimizer sgd(lr: 0.1 momentum\n      : 0.9)\n}\n", "insert `,` before `momentum`"),
                arguments("model M {\n  conv2d c(8, kernel: (3, 3))\n}\n", "a pair is written in brackets: `[3, 3]`"),
                arguments("model M {\n  train(normalize: (0.5, 0.25))\n}\n", "a pair is written in brackets: `[0.5, 0.25]`"),
                arguments("model M {\n  dense h(1__0)\n}\n", "digits are grouped with one `_` between them, for example `1_000`"),
                arguments("model M {\n  dense h(1e-)\n}\n", "an exponent needs its digits, for example `1e-3`"),
                arguments("Model M {\n}\n", "keywords are lowercase: `model`"),
                arguments("model M {\n  Input [4]\n}\n", "keywords are lowercase: `input`"),
                arguments("model M {\n  dense h.1(8)\n}\n", "names use letters, digits and `_`: `h_1`"),
                arguments("model M {\n  dense loss(8)\n}\n", "`loss` is a keyword and cannot name a layer: rename it, for example `loss1`"),
                arguments("model M {\n  dense weights(8)\n}\n", "`weights` is a keyword and cannot name a layer: rename it, for example `weights1`"),
                arguments("model model {\n}\n", "`model` is a keyword: give the model another name, for example `model MyNet {`"),
                arguments("model M {\n  dense h(4 => 8)\n}\n", "sizes are written `in -> out`, for example `dense h(4 -> 8)`"),
                arguments("model M {\n  dense h(4 - > 8)\n}\n", "sizes are written `in -> out`, for example `dense h(4 -> 8)`"),
                arguments("model M {\n  optimizer sgd(lr: 10%)\n}\n", "write the fraction: `10%` is `0.1`"),
                arguments("model M {\n  dense h(8)\u200b relu\n}\n", "delete it (it often comes with text copied from a web page)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("helpTable")
    void offersTheFix(String input, String help) {
        assertEquals(List.of(help), only(input).help());
    }

    /** `;;` at a line's end: what follows the first `;` is only the second, no statement to move. */
    @Test
    void eachSemicolonOfARunAtALinesEndIsToldToGo() {
        ParseResult r = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [2];;\n  dense o(1)\n}\n"));
        assertEquals(2, r.diagnostics().size(), r.diagnostics().toString());
        for (Diagnostic d : r.diagnostics()) assertEquals(List.of("statements end at the end of the line; remove the `;`"), d.help());
    }

    @Test
    void noFixIsInventedWhenNoneIsKnown() {
        assertEquals(List.of(), only("model M {\n  dense h(7*7* -> 10)\n}\n").help());
        assertEquals(List.of(), only("model M {\n  input [1]\n  5\n}\n").help());
        // A loss name split by a space is not two statements on one line.
        assertEquals(List.of(), only("model M {\n  loss softmax_cr oss_entropy\n}\n").help());
        // `12` and `8` are on different lines: "write `12, 8`" would be a guess.
        assertEquals(List.of(), only("model M {\n  dense h(7 -> 12\n8)\n}\n").help());
    }

    @Test
    void badSyntaxFileSaysTheArgumentListIsNeverClosed() throws IOException {
        Path path = Path.of("src/test/resources/bad/syntax.nn");
        ParseResult r = NnSyntax.parse(new SourceFile("bad/syntax.nn", Files.readString(path)));
        assertEquals(1, r.diagnostics().size());
        Diagnostic d = r.diagnostics().get(0);
        // `  dense h1(784 -> 32 relu`: the `(` is at column 11, `relu` at 22.
        assertEquals("NN0002 4:22 the argument list of `h1` is never closed", code(d) + " " + at(d) + " " + d.message());
        assertEquals("relu", d.span().text());
        assertEquals("expected `,` or `)`, found `relu`", d.label());
        assertEquals(List.of("4:11 `(` opened here"), secondary(d));
        assertEquals(List.of("insert `)` before `relu`"), d.help());
    }

    @Test
    void missingCloseBraceShowsWhereTheModelStarts() {
        Diagnostic d = only("model M {\n  input [1]\n  relu\n");
        assertEquals(List.of("1:9 the model starts here"), secondary(d));
        assertEquals(List.of("add `}` on a line of its own at the end of the file"), d.help());
    }

    @Test
    void bracketClosedOnAnotherLineIsNotReportedWhereTheNextLineStarts() {
        Diagnostic d = only("model M {\n  dense h(10\n  dense k(5)\n}\n");
        assertEquals("expected `)` here", d.label());
        assertEquals(List.of("insert `)` at the end of line 2"), d.help());
    }

    /** A list broken off at the end of a line, by its `(` or a `,`: the next statement was read as its arguments. */
    @Test
    void aListBrokenOffAtTheEndOfALineIsReportedThere() {
        Diagnostic open = only("model M {\n  dense o(\n  loss softmax_cross_entropy\n}\n");
        assertEquals("NN0002 2:11 the argument list of `o` is never closed", code(open) + " " + at(open) + " " + open.message());
        assertEquals(List.of("insert `)` at the end of line 2, or remove the `(`"), open.help(), "not `loss: softmax_cross_entropy`");
        Diagnostic comma = only("model M {\n  dense h(10,\n  dense o(10)\n}\n");
        assertEquals("NN0002 2:13", code(comma) + " " + at(comma));
        assertEquals(",", comma.span().text());
        assertEquals(List.of("replace the `,` at the end of line 2 with `)`"), comma.help(), "not `insert ) before o`");
        // A list that goes on over lines and is closed is no such case.
        assertEquals(List.of("an argument is written `name: value`: write `init: he`"),
                only("model M {\n  dense h(10,\n    init he)\n}\n").help());
    }

    @Test
    void wrongCloserIsReplaced() {
        assertEquals(List.of("replace `]` with `)`"), only("model M {\n  dense h(10 -> 20]\n}\n").help());
    }

    @Test
    void forgottenColonIsSpelledOut() {
        assertEquals(List.of("an argument is written `name: value`: write `lr: 0.01`"),
                only("model M {\n  optimizer adam(lr 0.01)\n}\n").help());
    }

    @Test
    void twoSizesWithoutArrowSuggestTheArrow() {
        assertEquals(List.of("to give the input and output size write `784 -> 128`; separate other arguments with `,`"),
                only("model M {\n  dense h1(784 128)\n}\n").help());
    }

    @Test
    void secondStatementOnALineIsExplained() {
        assertEquals(List.of("put each layer or statement on a line of its own"),
                only("model M {\n  dense h(10) relu flatten\n}\n").help());
    }

    @Test
    void nonAsciiNameSuggestsAnAsciiSpelling() {
        Diagnostic d = only("model M {\n  dense größe(10)\n}\n");
        assertEquals("ö", d.span().text());
        assertEquals(List.of("2:9 in this name"), secondary(d));
        assertEquals(List.of("names use ASCII letters, digits and `_`, and start with a letter or `_`"), d.notes());
        assertEquals(List.of("rename it, for example to `grosse`"), d.help());
    }

    @Test
    void quotedNameIsUnquoted() {
        assertEquals(List.of("write it without quotes: `he`"), only("model M {\n  dense h(10, init: \"he\")\n}\n").help());
    }

    /**
     * Layer kinds are plain names to the grammar, so {@code flatten dense h(10)} reads as a
     * flatten layer named {@code dense} with an activation {@code h(10)}. Only the checker
     * knows that {@code dense} is a layer kind and can say "two layers on one line".
     */
    @Test
    void twoLayersOnOneLineParseAsNameAndActivation() {
        ParseResult r = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  flatten dense h(10)\n}\n"));
        Ast.Layer l = (Ast.Layer) r.model().orElseThrow().statements().get(0);
        assertEquals("flatten", l.kind().text());
        assertEquals("dense", l.name().orElseThrow().text());
        assertEquals("h", l.activation().orElseThrow().kind().text());
    }

    /** One error per broken statement, found by parsing again without it; its literals go with a layer. */
    @Test
    void everyBrokenStatementIsReportedOnce() {
        String text = "model M {\n  input [2]\n  dense h(2 -> 1) 3\n    weights [[1, 2]]\n  loss mse mse\n  dense k(8,, 3)\n"
                + "  dense out(2)\n  optimizer sgd(lr: 0.1 0.2)\n}\n";
        List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", text)).diagnostics();
        assertEquals(List.of("3:19 expected the end of the line, found the number `3`",
                        "5:12 expected the end of the line, found `mse`",
                        "6:13 expected an argument or `)`, found `,`",
                        "8:25 expected `,` or `)`, found the number `0.2`"),
                ds.stream().map(d -> at(d) + " " + d.message()).toList());
    }

    /**
     * A stray character does not hide the syntax errors of other lines (a `;` hid an unclosed `(`
     * on the next line); a syntax error on its own line is taken for its follow-up and left out.
     */
    @Test
    void strayCharactersAndTheSyntaxErrorsOfOtherLines() {
        String text = "model M {\n  input [784]\n  dense h0(784 -> 64) relu;\n  dense h1(64 -> 32 relu\n  dense h2(784 @ 32)\n"
                + "  loss mse mse\n  optimizer sgd(lr: 0.1)\n}\n";
        List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", text)).diagnostics();
        assertEquals(List.of("NN0003 3:27", "NN0002 4:21", "NN0003 5:16", "NN0001 6:12"),
                ds.stream().map(d -> d.code() + " " + at(d)).toList(), ds.toString());
        // A bracket left open on a line with a stray `;` is reported too; not when the stray character is a bracket itself.
        ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [4]\n  dense h(10;\n  dense out(2)\n}\n")).diagnostics();
        assertEquals(List.of("NN0003", "NN0002"), ds.stream().map(d -> d.code().name()).toList(), ds.toString());
        ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [4]\n  dense h(10\uff09\n  dense out(2)\n}\n")).diagnostics();
        assertEquals(List.of("NN0003"), ds.stream().map(d -> d.code().name()).toList(), "a full-width `)`: " + ds);
        // Other lexical problems (here a string) leave the parse unknown: the lexical ones alone are reported, as before.
        ds = NnSyntax.parse(new SourceFile("test.nn", text.replace("relu;", "\"relu\""))).diagnostics();
        assertEquals(List.of("3:23", "5:16"), ds.stream().map(TestSyntaxErrors::at).toList(), ds.toString());
    }

    /** `1e99999999%`: the number is too large, and the percent gets the general help (not a fraction of 10^99999997 digits). */
    @Test
    void aPercentOfAHugeNumberIsNotWrittenOut() {
        List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  dropout(1e99999999%)\n}\n")).diagnostics();
        assertEquals(List.of("NN0004", "NN0003"), ds.stream().map(d -> d.code().name()).toList(), ds.toString());
        assertEquals(List.of("write it as a fraction: 10% is `0.1`"), ds.get(1).help());
    }

    /** A broken model header is reported, and so are the broken statements after it (it ended the report before). */
    @Test
    void theStatementsAfterABrokenHeaderAreCheckedToo() {
        String body = "  input [2]\n  dense h(2 -> 3 relu\n  loss mse mse\n  optimizer sgd(lr: 0.1)\n}\n";
        for (String[] header : new String[][] {{"model mlp-small {\n", "1:10"}, {"Model M {\n", "1:1"}, {"model {\n", "1:7"},
                {"model loss {\n", "1:7"}, {"model M\n{\n", "1:8"}}) {
            int shift = header[0].split("\n", -1).length - 2; // lines the header takes beyond one
            List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", header[0] + body)).diagnostics();
            assertEquals(List.of(header[1], (3 + shift) + ":18", (4 + shift) + ":12"), ds.stream().map(TestSyntaxErrors::at).toList(),
                    header[0] + ds);
        }
        // No `{` at all: nothing to recover to, one error.
        assertEquals(1, NnSyntax.parse(new SourceFile("test.nn", "model M\n" + body)).diagnostics().size());
    }

    @Test
    void lineEndingsOfCarriageReturnsAloneAreOneError() {
        List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\r  input [4]\r  dense out(2)\r}\r")).diagnostics();
        assertEquals(1, ds.size(), ds.toString());
        assertEquals(List.of("the file has 4 of them, reported here once"), ds.get(0).notes());
    }

    /** What follows a broken statement but belongs to it gives no error of its own. */
    @Test
    void noCascadeFromTheLinesOfABrokenStatement() {
        // its weights literal, past a comment and a blank line
        List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [2]\n  dense h(2 -> 3) rellu relu\n"
                + "    # the weights\n\n    weights [[1, 0], [1, 0], [0, 0]]\n  dense out(1)\n  optimizer sgd(lr 0.001)\n}\n")).diagnostics();
        assertEquals(List.of("3:25", "8:20"), ds.stream().map(TestSyntaxErrors::at).toList(), ds.toString());
        // rows of a literal whose `weights [` line is missing
        ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [2]\n  dense h(2 -> 3) relu\n             [1, 0],\n"
                + "             [1, 0],\n             [0, 0]]\n  dense out(1)\n}\n")).diagnostics();
        assertEquals(List.of("4:14"), ds.stream().map(TestSyntaxErrors::at).toList(), ds.toString());
        // the last statement broken and the model never closed: the end of the file is not placed at line 4
        ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [4]\n  dense out(3)\n  loss mse\n  optimizer sgd(lr 0.1)\n\n# c\n"))
                .diagnostics();
        assertEquals(List.of("5:20"), ds.stream().map(TestSyntaxErrors::at).toList(), ds.toString());
    }

    /** A bracket left open ends its statement, not the checking: the lines after it are read again as lines. */
    @Test
    void anUnclosedBracketIsOneErrorAndTheNextStatementsAreChecked() {
        for (String broken : List.of("  dense h1(4 -> 8 relu\n", "  dense h1(4 -> 8\n", "  dense h(8) tanh(\n")) {
            List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [4]\n" + broken
                    + "  dense h2(8) relu\n  loss mse mse\n}\n")).diagnostics();
            assertEquals(List.of("NN0002 3", "NN0001 5:12"), ds.stream().map(d -> code(d) + " " + (code(d).equals("NN0002")
                    ? String.valueOf(d.span().line()) : at(d))).toList(), broken + ds);
        }
        List<Diagnostic> comment = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [784]\n  dense h(784 -> 8 relu /* start\n"
                + "  end */\n  dense q(8 -> 10)\n  dense r(10 -> 10) ]\n}\n")).diagnostics();
        assertEquals(List.of("3:20"), comment.stream().map(TestSyntaxErrors::at).toList(),
                "a block comment from the broken line into the next ends the recovery, rather than its tail being read as code");
        List<Diagnostic> literal = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  input [2]\n  dense h(2 -> 1)\n    weights [[1,\n"
                + "              2]\n  dense out(2)\n  loss mse mse\n}\n")).diagnostics();
        assertEquals(List.of("5:17", "7:12"), literal.stream().map(TestSyntaxErrors::at).toList(), literal.toString());
    }

    @Test
    void theCapOnSyntaxErrorsIsSaid() {
        StringBuilder text = new StringBuilder("model M {\n  input [4]\n");
        for (int i = 0; i < 30; i++) text.append("  dense e").append(i).append("(4 -> ) relu\n");
        List<Diagnostic> ds = NnSyntax.parse(new SourceFile("test.nn", text.append("}\n").toString())).diagnostics();
        assertEquals(NnSyntax.MAX_SYNTAX_ERRORS, ds.size());
        assertEquals(List.of("nnc stops after 20 syntax errors; fix these and check again for more"), ds.get(ds.size() - 1).notes());

        StringBuilder exactly = new StringBuilder("model M {\n  input [4]\n");
        for (int i = 0; i < 20; i++) exactly.append("  dense e").append(i).append("(4 -> ) relu\n");
        ds = NnSyntax.parse(new SourceFile("test.nn", exactly.append("}\n").toString())).diagnostics();
        assertEquals(20, ds.size());
        assertEquals(List.of(), ds.get(19).notes(), "twenty errors and no more: nothing was left unsaid");
    }

    /** After an error in the model's own line or braces, what follows would be guesswork. */
    @Test
    void aBrokenModelLineIsTheOnlyError() {
        assertEquals(1, NnSyntax.parse(new SourceFile("test.nn", "model M\n  loss mse mse\n}\n")).diagnostics().size());
        List<Diagnostic> both = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  dense h(10\n  relu\n")).diagnostics();
        assertEquals(List.of("2:13 the argument list of `h` is never closed", "3:7 the model `M` is never closed"),
                both.stream().map(d -> at(d) + " " + d.message()).toList(), "an unclosed bracket, then the model never closed after the line it swallowed");
    }

    @Test
    void allBadCharactersAreReportedUpToTheCap() {
        Diagnostic[] ds = NnSyntax.parse(new SourceFile("test.nn", "model M {\n  dense h(10); relu;\n  loss mse$\n}\n"))
                .diagnostics().toArray(Diagnostic[]::new);
        assertEquals(List.of("2:14", "2:20", "3:11"), Stream.of(ds).map(TestSyntaxErrors::at).toList());

        String many = "model M {\n" + "  relu ;\n".repeat(LexicalProblems.MAX_REPORTED + 5) + "}\n";
        List<Diagnostic> capped = NnSyntax.parse(new SourceFile("test.nn", many)).diagnostics();
        assertEquals(LexicalProblems.MAX_REPORTED, capped.size());
        assertTrue(capped.get(capped.size() - 1).notes().get(0).startsWith("5 more problems"),
                capped.get(capped.size() - 1).notes().toString());
    }

    @Test
    void emptyAndBlankFilesHaveNoSpan() {
        for (String text : List.of("", "   \n\t\n  ", "\r\n")) {
            Diagnostic d = only(text);
            assertEquals("NN0007", d.code().name());
            assertEquals(null, d.span());
            assertEquals("test.nn", d.file());
            assertEquals("`test.nn` is empty", d.message());
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    static Diagnostic only(String input) {
        ParseResult r = NnSyntax.parse(new SourceFile("test.nn", input));
        assertEquals(1, r.diagnostics().size(), () -> "expected one diagnostic, got " + r.diagnostics());
        // A tree comes along only with the error of a stray character at a line's end (left out, the rest parsed).
        assertTrue(r.model().isEmpty() || r.diagnostics().get(0).code() == dev.nnc.diag.Code.NN0003, "parsed without error: " + input);
        return r.diagnostics().get(0);
    }

    private static String code(Diagnostic d) {
        return d.code().name();
    }

    private static String at(Diagnostic d) {
        return d.span() == null ? "-" : d.span().line() + ":" + d.span().column();
    }

    private static List<String> secondary(Diagnostic d) {
        return d.secondary().stream().map(TestSyntaxErrors::format).toList();
    }

    private static String format(Label l) {
        return l.span().line() + ":" + l.span().column() + " " + l.message();
    }
}
