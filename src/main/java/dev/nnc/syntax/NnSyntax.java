package dev.nnc.syntax;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.syntax.antlr.NnLexer;
import dev.nnc.syntax.antlr.NnParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsing stage: source text in, an AST or syntax diagnostics out. This is the only
 * public door into the package; no ANTLR type crosses it.
 *
 * <p>Lexical problems (bad characters, runaway nesting, ...) are all reported; of the
 * syntax errors only the first, since everything after it would be guesswork.
 */
public final class NnSyntax {
    /** Deeper nesting of ( and [ than this is refused before parsing (the parser recurses). */
    public static final int MAX_NESTING = 64;

    private NnSyntax() {}

    /**
     * The model's text as the compiler sees it: its tokens, one space apart, a statement per
     * line, without comments, blank lines or indentation. Two sources with the same canonical
     * text are the same model (a checkpoint of one loads into the other). Text that does not
     * lex is returned as it is.
     */
    public static String canonical(String text) {
        NnLexer lexer = new NnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        StringBuilder sb = new StringBuilder();
        boolean lineStart = true;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == NnLexer.STRING || t.getType() == Token.INVALID_TYPE) return text;
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            if (t.getType() == NnLexer.NL) {
                lineStart = true;
                continue;
            }
            if (lineStart && !sb.isEmpty()) sb.append('\n'); // one newline between statements, none at the end
            else if (!lineStart) sb.append(' ');
            sb.append(t.getText());
            lineStart = false;
        }
        return sb.toString();
    }

    public static ParseResult parse(SourceFile file) {
        String text = file.text();
        if (text.isBlank()) return empty(file, "is empty");

        AstBuilder builder = new AstBuilder(file, new Offsets(text));
        NnLexer lexer = new NnLexer(CharStreams.fromString(text, file.path()));
        lexer.removeErrorListeners();
        // Lex token by token, so that a binary file is given up on after a few hundred
        // problems instead of being turned into millions of tokens.
        LexicalProblems lexical = new LexicalProblems(builder);
        List<Token> all = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            all.add(t);
            if (!lexical.accept(t) || t.getType() == Token.EOF) break;
        }
        if (lexical.any()) return new ParseResult(Optional.empty(), lexical.diagnostics());
        if (all.stream().allMatch(t -> t.getType() == NnLexer.NL || t.getType() == Token.EOF
                || t.getChannel() != Token.DEFAULT_CHANNEL)) {
            return empty(file, "contains only comments");
        }
        CommonTokenStream tokens = new CommonTokenStream(new ListTokenSource(all));
        tokens.fill(); // numbers the tokens in place: all.get(i).getTokenIndex() == i

        NnParser parser = new NnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors(builder, all);
        parser.setErrorHandler(errors);
        // SLL is enough for this grammar and much faster; fall back to LL only on failure,
        // so that the error reported is the one full LL finds.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        NnParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException sll) {
            tokens.seek(0);
            parser.reset();
            errors.clear();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                tree = parser.file();
            } catch (ParseCancellationException ll) {
                Token at = parser.getCurrentToken();
                return failed(errors.first().orElseGet(() -> Diagnostic.at(Code.NN0001, builder.span(at),
                        "unexpected " + SyntaxErrors.describe(at)).build()));
            }
        }
        return new ParseResult(Optional.of(builder.model(tree.model())), List.of());
    }

    private static ParseResult empty(SourceFile file, String what) {
        return failed(Diagnostic.forFile(Code.NN0007, file.path(), "`" + file.path() + "` " + what)
                .note("a .nn file holds one model: `model NAME { input [...] ... loss ... optimizer ... }`")
                .help("start from one of the sample models, for example `models/mlp_small.nn`")
                .build());
    }

    private static ParseResult failed(Diagnostic d) {
        return new ParseResult(Optional.empty(), List.of(d));
    }
}
