package dev.nnc.syntax;

import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import dev.nnc.syntax.Ast.Argument;
import dev.nnc.syntax.Ast.Arguments;
import dev.nnc.syntax.Ast.Expr;
import dev.nnc.syntax.Ast.Ident;
import dev.nnc.syntax.Ast.Value;
import dev.nnc.syntax.antlr.NnParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Turns a parse tree into AST records. Only called on trees that parsed without error. */
final class AstBuilder {
    private final SourceFile file;
    private final Offsets offsets;

    AstBuilder(SourceFile file, Offsets offsets) {
        this.file = file;
        this.offsets = offsets;
    }

    /** The source text (code points are indexed as in the tokens only for ASCII; check before use). */
    String text() { return file.text(); }

    Ast.Model model(NnParser.ModelContext ctx) {
        List<Ast.Statement> statements = ctx.statement().stream().map(this::statement).toList();
        return new Ast.Model(ident(ctx.name), statements, span(ctx));
    }

    private Ast.Statement statement(NnParser.StatementContext ctx) {
        if (ctx instanceof NnParser.InputStatementContext c) {
            return new Ast.Input(Optional.ofNullable(c.name).map(this::ident), list(c.shape), span(c));
        } else if (ctx instanceof NnParser.LossStatementContext c) {
            return new Ast.Loss(ident(c.kind), arguments(c.arguments()), span(c));
        } else if (ctx instanceof NnParser.OptimizerStatementContext c) {
            return new Ast.Optimizer(ident(c.kind), arguments(c.arguments()), span(c));
        } else if (ctx instanceof NnParser.TrainStatementContext c) {
            return new Ast.Train(arguments(c.arguments()), span(c.TRAIN().getSymbol()), span(c));
        } else if (ctx instanceof NnParser.LayerStatementContext c) {
            NnParser.LayerTailContext tail = c.layerTail();
            Optional<Ast.Activation> activation = Optional.ofNullable(tail == null ? null : tail.activation())
                    .map(a -> new Ast.Activation(ident(a.kind), arguments(a.arguments()), span(a)));
            List<Ast.Literal> literals = c.literal().stream()
                    .map(l -> new Ast.Literal(ident(l.which), list(l.tensor), span(l)))
                    .toList();
            return new Ast.Layer(ident(c.kind),
                    Optional.ofNullable(tail == null ? null : tail.name).map(this::ident),
                    arguments(tail == null ? null : tail.arguments()), activation, literals, span(c));
        }
        throw new IllegalStateException("unexpected statement " + ctx.getClass().getSimpleName());
    }

    private Optional<Arguments> arguments(NnParser.ArgumentsContext ctx) {
        if (ctx == null) return Optional.empty();
        List<Argument> items = ctx.argument().stream().map(this::argument).toList();
        return Optional.of(new Arguments(items, span(ctx.LPAREN().getSymbol()), span(ctx)));
    }

    private Argument argument(NnParser.ArgumentContext ctx) {
        if (ctx instanceof NnParser.NamedArgumentContext c) {
            return new Argument.Named(ident(c.name.getStart()), value(c.value()), span(c));
        } else if (ctx instanceof NnParser.ArrowArgumentContext c) {
            return new Argument.Arrow(expr(c.from), expr(c.to), span(c));
        } else if (ctx instanceof NnParser.PositionalArgumentContext c) {
            return new Argument.Positional(value(c.value()), span(c));
        }
        throw new IllegalStateException("unexpected argument " + ctx.getClass().getSimpleName());
    }

    private Value value(NnParser.ValueContext ctx) {
        if (ctx instanceof NnParser.ExprValueContext c) {
            return new Value.ExprValue(expr(c.expr()), span(c));
        } else if (ctx instanceof NnParser.ListValueContext c) {
            return list(c.list());
        } else if (ctx instanceof NnParser.CallValueContext c) {
            return new Value.Call(ident(c.name), arguments(c.arguments()).orElseThrow(), span(c));
        } else if (ctx instanceof NnParser.NameValueContext c) {
            return new Value.Name(ident(c.name), span(c));
        }
        throw new IllegalStateException("unexpected value " + ctx.getClass().getSimpleName());
    }

    private Value.ListValue list(NnParser.ListContext ctx) {
        return new Value.ListValue(ctx.value().stream().map(this::value).toList(), span(ctx));
    }

    private Expr expr(NnParser.ExprContext ctx) {
        if (ctx instanceof NnParser.NumberExprContext c) {
            String text = c.NUMBER().getText();
            // The lexer only admits well-formed numbers; their size is the checker's business.
            return new Expr.Number(text, new BigDecimal(text.replace("_", "")), span(c));
        } else if (ctx instanceof NnParser.UnaryExprContext c) {
            return new Expr.Unary(c.op.getText().charAt(0), expr(c.expr()), span(c));
        } else if (ctx instanceof NnParser.MulExprContext c) {
            return new Expr.Binary(operator(c.op), expr(c.left), expr(c.right), span(c));
        } else if (ctx instanceof NnParser.AddExprContext c) {
            return new Expr.Binary(operator(c.op), expr(c.left), expr(c.right), span(c));
        } else if (ctx instanceof NnParser.ParenExprContext c) {
            Expr inner = expr(c.expr());
            return inner; // parentheses only group; the span of the inner expression is the useful one
        }
        throw new IllegalStateException("unexpected expression " + ctx.getClass().getSimpleName());
    }

    private static char operator(Token op) {
        String t = op.getText();
        return t.equals("×") ? '*' : t.charAt(0);
    }

    private Ident ident(Token token) {
        return new Ident(token.getText(), span(token));
    }

    Span span(Token token) {
        return file.span(offsets.toChar(token.getStartIndex()), offsets.toChar(token.getStopIndex() + 1));
    }

    /** The span of code points [start, end) of the text ANTLR read. */
    Span span(int startCodePoint, int endCodePoint) {
        return file.span(offsets.toChar(startCodePoint), offsets.toChar(endCodePoint));
    }

    Span span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() == null ? ctx.getStart() : ctx.getStop();
        return file.span(offsets.toChar(ctx.getStart().getStartIndex()), offsets.toChar(stop.getStopIndex() + 1));
    }
}
