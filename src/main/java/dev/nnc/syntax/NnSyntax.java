package dev.nnc.syntax;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import dev.nnc.syntax.antlr.NnLexer;
import dev.nnc.syntax.antlr.NnParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsing stage: source text in, an AST or syntax diagnostics out. This is the only
 * public door into the package; no ANTLR type crosses it.
 */
public final class NnSyntax {
    /** Deeper nesting of ( and [ than this is refused before parsing (the parser recurses). */
    public static final int MAX_NESTING = 64;

    private NnSyntax() {}

    public static ParseResult parse(SourceFile file) {
        String text = file.text();
        if (text.isBlank()) {
            return failed(Diagnostic.forFile(Code.NN0007, file.path(), "`" + file.path() + "` is empty")
                    .note("a .nn file holds one model: `model NAME { input [...] ... loss ... optimizer ... }`")
                    .help("start from one of the sample models, for example `models/mlp_small.nn`")
                    .build());
        }
        Offsets offsets = new Offsets(text);
        NnLexer lexer = new NnLexer(CharStreams.fromString(text, file.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        AstBuilder builder = new AstBuilder(file, offsets);
        List<Diagnostic> lexical = lexicalProblems(tokens.getTokens(), builder);
        if (!lexical.isEmpty()) return new ParseResult(Optional.empty(), lexical);

        NnParser parser = new NnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors(builder);
        parser.setErrorHandler(errors);
        // SLL is enough for this grammar and much faster; fall back to LL only on failure.
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
                return failed(errors.first().orElseThrow(() -> ll));
            }
        }
        return new ParseResult(Optional.of(builder.model(tree.model())), List.of());
    }

    /** Bad characters, unreadable numbers and runaway nesting, all found before parsing. */
    private static List<Diagnostic> lexicalProblems(List<Token> tokens, AstBuilder builder) {
        List<Diagnostic> out = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case NnLexer.UNKNOWN_CHAR -> out.add(badCharacter(t, builder.span(t)));
                case NnLexer.LPAREN, NnLexer.LBRACK -> {
                    depth++;
                    if (depth == MAX_NESTING + 1) {
                        out.add(Diagnostic.at(Code.NN0006, builder.span(t),
                                        "brackets are nested more than " + MAX_NESTING + " levels deep")
                                .label("nesting level " + depth + " starts here")
                                .note("no .nn construct needs more than a few levels: a weights literal needs two")
                                .help("check for a run of `(` or `[` that was pasted by mistake")
                                .build());
                        return out;
                    }
                }
                case NnLexer.RPAREN, NnLexer.RBRACK -> depth = Math.max(0, depth - 1);
                case NnLexer.NUMBER -> {
                    String text = t.getText().replace("_", "");
                    try {
                        new java.math.BigDecimal(text);
                    } catch (NumberFormatException | ArithmeticException e) {
                        out.add(Diagnostic.at(Code.NN0004, builder.span(t), "the number `" + t.getText() + "` cannot be represented")
                                .label("exponent out of range")
                                .help("write the value with a smaller exponent")
                                .build());
                    }
                }
                default -> { }
            }
            if (out.size() >= 20) break; // a binary file would otherwise produce thousands
        }
        return out;
    }

    private static Diagnostic badCharacter(Token t, Span span) {
        String ch = t.getText();
        int cp = ch.codePointAt(0);
        Diagnostic.Builder b = Diagnostic.at(Code.NN0003, span, "unexpected character " + describe(cp));
        if (Character.isLetter(cp)) {
            b.label("not allowed in a name")
                    .note("names use ASCII letters, digits and `_`, and start with a letter or `_`")
                    .help("spell the name with ASCII letters only");
        } else if (cp == '"' || cp == '\'') {
            b.label("the language has no strings").help("names are written without quotes: `init: he`");
        } else if (cp == ';') {
            b.label("not needed").help("statements end at the end of the line; remove the `;`");
        } else {
            b.label("not part of the .nn language")
                    .help("comments start with `#` or `//`");
        }
        return b.build();
    }

    static String describe(int cp) {
        if (cp < 0x20 || cp == 0x7f) return String.format("U+%04X (a control character)", cp);
        if (cp > 0x7e) return String.format("`%s` (U+%04X)", new String(Character.toChars(cp)), cp);
        return "`" + new String(Character.toChars(cp)) + "`";
    }

    private static ParseResult failed(Diagnostic d) {
        return new ParseResult(Optional.empty(), List.of(d));
    }
}
