package dev.nnc.syntax;

import dev.nnc.diag.Diagnostic;
import dev.nnc.syntax.antlr.NnLexer;
import dev.nnc.syntax.antlr.NnParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Specific suggestions for frequent slips, added to a syntax error. At most one applies. */
final class Hints {
    /** The kinds whose layers are usually named, and their arguments (the checker's catalog has them all; the parser has only tokens). */
    private static final java.util.Set<String> NAMED_LAYER_KINDS = java.util.Set.of("dense", "conv2d");
    private static final java.util.Set<String> LAYER_ARGUMENTS = java.util.Set.of("in", "out", "bias", "init", "kernel", "stride", "padding");

    private Hints() {}

    /** @param strayCloser whether {@code found} is a `)` or `]` with no matching opener before it */
    static void add(Diagnostic.Builder b, Token found, Token previous, Token beforePrevious, Token next, IntervalSet expected,
                    ParserRuleContext ctx, boolean strayCloser) {
        int type = found.getType();
        int prev = previous == null ? -1 : previous.getType();
        boolean keyword = type != NnLexer.ID && isName(type);
        boolean glued = previous != null && previous.getStopIndex() + 1 == found.getStartIndex();
        boolean nextGlued = next != null && found.getStopIndex() + 1 == next.getStartIndex();
        String lowered = found.getText().toLowerCase(java.util.Locale.ROOT);
        String previousLowered = previous == null ? "" : previous.getText().toLowerCase(java.util.Locale.ROOT);
        if (type == NnLexer.ID && !lowered.equals(found.getText()) && NnSyntax.KEYWORDS.contains(lowered)) {
            b.help("keywords are lowercase: `" + lowered + "`");
            if (ctx instanceof NnParser.FileContext) b.note("a .nn file holds one model: `model NAME { ... }`");
        } else if (prev == NnLexer.ID && !previousLowered.equals(previous.getText()) && NnSyntax.KEYWORDS.contains(previousLowered)) {
            b.help("keywords are lowercase: `" + previousLowered + "`"); // `Input [4]`
        } else if (type == NnLexer.NUMBER && glued && prev == NnLexer.ID && found.getText().startsWith(".")) {
            b.help("names use letters, digits and `_`: `" + previous.getText() + "_" + found.getText().substring(1) + "`");
        } else if (type == NnLexer.LBRACK && expected.contains(NnLexer.INPUT) && !expected.contains(NnLexer.NUMBER)) {
            b.help("a line cannot start with a list: a literal follows its layer as `weights [[...], ...]` or `bias [...]`");
        } else if (ctx instanceof NnParser.FileContext && expected.contains(NnLexer.MODEL)) {
            if (type == NnLexer.ID) misspelled(found.getText(), "model").ifPresent(b::help); // `modle T {`
            b.note("a .nn file holds one model: `model NAME { ... }`");
        } else if (type == NnLexer.LBRACK && prev == NnLexer.ID && misspelled(previous.getText(), "input").isPresent()) {
            b.help(misspelled(previous.getText(), "input").get()); // `inptu [784]`
        } else if (type == NnLexer.LBRACK && prev == NnLexer.ID && beforePrevious != null && beforePrevious.getType() == NnLexer.ID
                && beforePrevious.getLine() == previous.getLine() && misspelled(beforePrevious.getText(), "input").isPresent()) {
            b.help(misspelled(beforePrevious.getText(), "input").get()); // `inptu image[1, 28, 28]`
        } else if (type == NnLexer.COMMA && prev == NnLexer.NUMBER && beforePrevious != null && beforePrevious.getType() == NnLexer.LPAREN
                && expected.contains(NnLexer.RPAREN) && next != null && next.getType() == NnLexer.NUMBER) {
            // `kernel: (3, 3)`, a Python tuple: parentheses group one value here.
            b.help("a pair is written in brackets: `[" + previous.getText() + ", " + next.getText() + "]`");
        } else if (type == NnLexer.ID && prev == NnLexer.NUMBER && glued) {
            numberGluedToName(b, previous.getText(), found.getText());
        } else if (type == NnLexer.NUMBER && nextGlued && next.getType() == NnLexer.ID) {
            b.help("a name starts with a letter or `_`, for example `" + next.getText() + found.getText() + "`");
        } else if (type == NnLexer.MINUS && glued && isName(prev) && nextGlued && (next.getType() == NnLexer.ID || next.getType() == NnLexer.NUMBER)) {
            b.help("names use `_`, not `-`: `" + previous.getText() + "_" + next.getText() + "`");
        } else if (type == NnLexer.ID && expected.contains(NnLexer.RPAREN) && prev != NnLexer.COMMA && prev != NnLexer.LPAREN
                && next != null && next.getLine() > found.getLine() && next.getType() != NnLexer.COLON) {
            // `dense h(4 -> 8 relu` with a `)` on a later line that closes it instead: the activation ends the line.
            b.help("insert `)` before `" + found.getText() + "`");
        } else if (isName(type) && expected.contains(NnLexer.COMMA) && next != null && next.getType() == NnLexer.COLON) {
            b.help("insert `,` before `" + found.getText() + "`");
        } else if (type == NnLexer.LBRACK && prev == NnLexer.ID && expected.contains(NnLexer.LPAREN) && glued) {
            b.help("arguments go in parentheses: `" + previous.getText() + "(...)`");
        } else if (type == NnLexer.COMMA && expected.contains(NnLexer.NL) && next != null
                && (next.getType() == NnLexer.NL || next.getType() == Token.EOF)) {
            b.help("remove the `,` at the end of the line: statements need no separator");
        } else if (type == NnLexer.LBRACE && expected.contains(NnLexer.NL) && prev != NnLexer.LBRACE) {
            b.help("remove the `{`: a layer is one line, with no block of its own");
        } else if (ctx instanceof NnParser.ModelContext && prev == NnLexer.MODEL) {
            b.help(keyword ? "`" + found.getText() + "` is a keyword: give the model another name, for example `model MyNet {`"
                    : "give the model a name: `model MyNet {`");
        } else if (keyword && prev == NnLexer.ID && next != null && next.getType() == NnLexer.LPAREN
                && found.getLine() == previous.getLine()) {
            // `dense loss(8)`: a layer named with a keyword.
            b.help("`" + found.getText() + "` is a keyword and cannot name a layer: rename it, for example `" + found.getText() + "1`");
        } else if (ctx instanceof NnParser.ModelContext && expected.contains(NnLexer.LBRACE)) {
            b.help("open the model with `{` on the same line as its name: `model " + previous.getText() + " {`");
        } else if ((ctx instanceof NnParser.InputStatementContext || prev == NnLexer.RBRACK) && expected.contains(NnLexer.NL) && isName(type)
                && previous != null && found.getLine() == previous.getLine()) {
            b.help("put each layer or statement on a line of its own"); // `input [2] dense o(1)`
        } else if (type == NnLexer.ID && (prev == NnLexer.ID || prev == NnLexer.TRAIN) && next != null && next.getType() == NnLexer.COLON
                && expected.contains(NnLexer.LPAREN) && found.getLine() == previous.getLine()) {
            // `optimizer sgd lr: 0.1`, `train batch: 4`: the arguments without their parentheses.
            b.help("arguments go in parentheses right after the name: `" + previous.getText() + "(" + found.getText() + ": ...)`");
        } else if (type == NnLexer.COLON && prev == NnLexer.TRAIN && next != null && next.getType() == NnLexer.ID) {
            // `train: batch: 4`
            b.help("arguments go in parentheses right after `train`, with no `:` before them: `train(" + next.getText() + ": ...)`");
        } else if (type == NnLexer.COLON && prev == NnLexer.ID && beforePrevious != null && beforePrevious.getType() == NnLexer.ID
                && beforePrevious.getLine() == previous.getLine() && expected.contains(NnLexer.LPAREN)) {
            // `maxpool2d kernel: 2`; but in `dense h: 784 -> 16`, `h` is the layer's name, not an argument.
            boolean named = NAMED_LAYER_KINDS.contains(beforePrevious.getText()) && !LAYER_ARGUMENTS.contains(previous.getText());
            b.help(named ? "the layer's arguments go in parentheses right after its name, without a `:`: `" + beforePrevious.getText()
                    + " " + previous.getText() + "(...)`"
                    : "arguments go in parentheses right after the name: `" + beforePrevious.getText() + "(" + previous.getText() + ": ...)`");
        } else if (type == NnLexer.COLON && (prev == NnLexer.LOSS || prev == NnLexer.OPTIMIZER || prev == NnLexer.ID
                && (misspelled(previous.getText(), "loss").isPresent() || misspelled(previous.getText(), "optimizer").isPresent()))
                && next != null && next.getType() == NnLexer.ID && next.getLine() == found.getLine()) {
            // `loss: mse`, `los: mse`: a statement is its keyword and a name, with no `:` between.
            String statement = prev == NnLexer.LOSS || misspelled(previous.getText(), "loss").isPresent() ? "loss" : "optimizer";
            b.help("write `" + statement + " " + next.getText() + "`, without the `:`");
        } else if ((type == NnLexer.WEIGHTS || type == NnLexer.BIAS) && expected.contains(NnLexer.INPUT)) {
            b.help("a `" + found.getText() + "` literal belongs to the layer on the line above it: write the layer first, e.g. "
                    + "`dense h(2 -> 2)` and then `weights [[1, 0], [0, 1]]`");
        } else if (ctx instanceof NnParser.InputStatementContext) {
            b.help("give the shape of one sample, for example `input [784]` or `input image[1, 28, 28]`");
        } else if (ctx instanceof NnParser.LossStatementContext) {
            b.help("name the loss, for example `loss mse` or `loss softmax_cross_entropy`");
        } else if (ctx instanceof NnParser.OptimizerStatementContext && prev == NnLexer.OPTIMIZER) {
            b.help("name the optimizer, for example `optimizer sgd(lr: 0.1)`");
        } else if (expected.contains(NnLexer.COLON) && isName(prev) && (type == NnLexer.NUMBER || type == NnLexer.ID
                || type == NnLexer.LBRACK)) {
            b.help("an argument is written `name: value`: write `" + previous.getText() + ": " + found.getText() + "`");
        } else if (expected.contains(NnLexer.ARROW) && prev == NnLexer.NUMBER && type == NnLexer.NUMBER) {
            b.help("to give the input and output size write `" + previous.getText() + " -> " + found.getText()
                    + "`; separate other arguments with `,`");
        } else if (expected.contains(NnLexer.LPAREN) && prev == NnLexer.ID && type == NnLexer.NUMBER
                && found.getLine() == previous.getLine()) {
            b.help("arguments go in parentheses right after the name: `" + previous.getText() + "(" + found.getText() + " ...)`");
        } else if (type == NnLexer.ARROW && expected.contains(NnLexer.RPAREN) && !expected.contains(NnLexer.ARROW)) {
            b.help("a layer states one `in -> out`; the next layer states its own"); // `dense h(3 -> 4 -> 5)`
        } else if (prev == NnLexer.ARROW && expected.contains(NnLexer.NUMBER)) {
            b.help("write the output size after `->`, for example `784 -> 128`");
        } else if (type == NnLexer.NUMBER && prev == NnLexer.NUMBER && expected.contains(NnLexer.COMMA)
                && found.getLine() == previous.getLine()) {
            b.help("separate the values with `,`: `" + previous.getText() + ", " + found.getText() + "`");
        } else if (strayCloser) {
            b.help("remove the " + SyntaxErrors.describe(found) + ": there is no `"
                    + (type == NnLexer.RPAREN ? "(" : "[") + "` for it to close");
        } else if ((prev == NnLexer.WEIGHTS || prev == NnLexer.BIAS) && type == NnLexer.LPAREN && found.getLine() == previous.getLine()
                && beforePrevious != null && beforePrevious.getType() == NnLexer.ID && beforePrevious.getLine() == previous.getLine()) {
            b.help("`" + previous.getText() + "` is a keyword and cannot name a layer: rename it, for example `" + previous.getText() + "1`");
        } else if ((prev == NnLexer.WEIGHTS || prev == NnLexer.BIAS) && expected.contains(NnLexer.LBRACK)) {
            b.help("write the values as a list: `weights [[1, 0], [0, 1]]` has a row per output, `bias [0, 0]` one value each");
        } else if (prev == NnLexer.COLON && expected.contains(NnLexer.NUMBER)) {
            b.help("write a value after the `:`, or remove the argument");
        } else if (type == NnLexer.COMMA && prev == NnLexer.COMMA) {
            b.help("remove the extra `,`");
        } else if (type == NnLexer.COMMA && (prev == NnLexer.LPAREN || prev == NnLexer.LBRACK)) {
            b.help("remove the `,`");
        } else if (expected.contains(NnLexer.NL) && previous != null && found.getLine() == previous.getLine()
                && (startsStatement(type) || (type == NnLexer.ID && afterLayer(ctx)))) {
            b.help("put each layer or statement on a line of its own");
        }
    }


    /** "did you mean `model`?" when {@code word} is a slip of the keyword. */
    private static java.util.Optional<String> misspelled(String word, String keyword) {
        return dev.nnc.diag.Spelling.suggest(word, java.util.List.of(keyword)).map(k -> "did you mean `" + k + "`?");
    }

    /** {@code 0x10}, {@code 1__0}, {@code 1e-}: a number followed, without a space, by what the lexer took for a name. */
    private static void numberGluedToName(Diagnostic.Builder b, String number, String name) {
        if (number.equals("0") && (name.startsWith("x") || name.startsWith("X")) && name.substring(1).matches("[0-9a-fA-F]+")) {
            b.help("numbers are decimal: write `" + new java.math.BigInteger(name.substring(1), 16) + "`");
        } else if ((name.startsWith("x") || name.startsWith("X")) && name.substring(1).matches("[0-9]+")) {
            b.help("a window of " + number + " by " + name.substring(1) + " is written `[" + number + ", " + name.substring(1) + "]`"); // `3x3`
        } else if (name.startsWith("_")) {
            b.help("digits are grouped with one `_` between them, for example `1_000`");
        } else if (name.startsWith("e") || name.startsWith("E")) {
            b.help("an exponent needs its digits, for example `" + number + "e-3`");
        }
    }

    private static boolean startsStatement(int type) {
        return type == NnLexer.INPUT || type == NnLexer.LOSS || type == NnLexer.OPTIMIZER || type == NnLexer.TRAIN;
    }

    /** Whether the error follows a layer statement (a second layer on its line is then likely). */
    private static boolean afterLayer(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof NnParser.StatementContext) return c instanceof NnParser.LayerStatementContext;
            if (c instanceof NnParser.ModelContext m) {
                return !m.statement().isEmpty() && m.statement(m.statement().size() - 1) instanceof NnParser.LayerStatementContext;
            }
        }
        return false;
    }

    private static boolean isName(int type) {
        return switch (type) {
            case NnLexer.ID, NnLexer.INPUT, NnLexer.LOSS, NnLexer.OPTIMIZER, NnLexer.TRAIN, NnLexer.MODEL,
                 NnLexer.WEIGHTS, NnLexer.BIAS -> true;
            default -> false;
        };
    }
}
