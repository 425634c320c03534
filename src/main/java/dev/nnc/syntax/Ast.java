package dev.nnc.syntax;

import dev.nnc.diag.Span;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The abstract syntax tree of a .nn file: immutable records, each with the span of
 * source it came from. Names of layer kinds, activations, losses and optimizers are
 * still plain identifiers here; the checker resolves them.
 */
public final class Ast {
    private Ast() {}

    /** Every node knows where it came from. */
    public sealed interface Node permits Model, Statement, Activation, Literal, Arguments, Argument, Value, Ident {
        Span span();
    }

    public record Ident(String text, Span span) implements Node {}

    public record Model(Ident name, List<Statement> statements, Span span) implements Node {
        public Model { statements = List.copyOf(statements); }
    }

    public sealed interface Statement extends Node permits Input, Loss, Optimizer, Train, Layer {}

    /** {@code input image[1, 28, 28]} */
    public record Input(Optional<Ident> name, Value.ListValue shape, Span span) implements Statement {}

    /** {@code loss softmax_cross_entropy} */
    public record Loss(Ident kind, Optional<Arguments> arguments, Span span) implements Statement {}

    /** {@code optimizer adam(lr: 0.001)} */
    public record Optimizer(Ident kind, Optional<Arguments> arguments, Span span) implements Statement {}

    /** {@code train(batch: 64, epochs: 5)} */
    public record Train(Optional<Arguments> arguments, Span keyword, Span span) implements Statement {}

    /**
     * Any layer line: {@code dense h1(784 -> 128) relu}, {@code flatten}, a lone
     * {@code relu}, {@code dropout(0.2)}, optionally followed by weights/bias literals.
     */
    public record Layer(Ident kind, Optional<Ident> name, Optional<Arguments> arguments,
                        Optional<Activation> activation, List<Literal> literals, Span span) implements Statement {
        public Layer { literals = List.copyOf(literals); }
    }

    /** The activation written after a layer on the same line: {@code leaky_relu(alpha: 0.1)}. */
    public record Activation(Ident kind, Optional<Arguments> arguments, Span span) implements Node {}

    /** {@code weights [[1, 0], [0, 1]]} or {@code bias [0.5, 0]}. */
    public record Literal(Ident which, Value.ListValue value, Span span) implements Node {
        public boolean isWeights() { return which.text().equals("weights"); }
    }

    /** A parenthesized argument list; {@code open} is the span of its {@code (}. */
    public record Arguments(List<Argument> items, Span open, Span span) implements Node {
        public Arguments { items = List.copyOf(items); }
    }

    public sealed interface Argument extends Node permits Argument.Named, Argument.Arrow, Argument.Positional {
        /** {@code lr: 0.01} */
        record Named(Ident name, Value value, Span span) implements Argument {}

        /** {@code 784 -> 128}: the input and output size of a dense or conv layer. */
        record Arrow(Expr from, Expr to, Span span) implements Argument {}

        /** {@code 128} or {@code 0.2} */
        record Positional(Value value, Span span) implements Argument {}
    }

    public sealed interface Value extends Node permits Value.ExprValue, Value.ListValue, Value.Call, Value.Name {
        record ExprValue(Expr expr, Span span) implements Value {}

        record ListValue(List<Value> items, Span span) implements Value {
            public ListValue { items = List.copyOf(items); }
        }

        /** {@code uniform(0.5)} */
        record Call(Ident name, Arguments arguments, Span span) implements Value {}

        /** {@code he}, {@code true} */
        record Name(Ident name, Span span) implements Value {}
    }

    /** Arithmetic on numbers, such as {@code 7*7*64}; evaluated by the checker. */
    public sealed interface Expr permits Expr.Number, Expr.Unary, Expr.Binary {
        Span span();

        /** A numeric literal, kept exactly as written (no overflow at parse time). */
        record Number(String text, BigDecimal value, Span span) implements Expr {
            public boolean isInteger() { return text.chars().allMatch(c -> Character.isDigit(c) || c == '_'); }
        }

        record Unary(char op, Expr operand, Span span) implements Expr {}

        record Binary(char op, Expr left, Expr right, Span span) implements Expr {}
    }
}
