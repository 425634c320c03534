package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.diag.Span;
import dev.nnc.ir.Init;
import dev.nnc.syntax.Ast.Argument;
import dev.nnc.syntax.Ast.Arguments;
import dev.nnc.syntax.Ast.Expr;
import dev.nnc.syntax.Ast.Value;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;

/**
 * Matches written arguments to a {@link Signature}: names, positions, types and ranges.
 * Every problem becomes a diagnostic; binding always completes so checking can go on.
 */
final class Binder {
    private final Diagnostics diagnostics;

    Binder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param owner how the construct reads in a message, e.g. "dense layer `h1`"
     * @param where the span to blame for a missing argument
     */
    Bound bind(Signature sig, Optional<Arguments> args, String owner, Span where) {
        Bound bound = new Bound(sig);
        Map<String, Span> seen = new HashMap<>();
        int position = 0;
        boolean tooManyReported = false;
        List<Argument> items = args.map(Arguments::items).orElse(List.of());
        Argument.Named lastNamed = null;
        java.util.Set<String> suggested = new java.util.HashSet<>();
        boolean fraction = false; // the item is the decimals of the one before
        List<ValueKind> unplaced = new java.util.ArrayList<>(); // the kinds of values reported as having no place to go
        for (int i = 0; i < items.size(); i++) {
            Argument arg = items.get(i);
            if (fraction) {
                decimalCommaAt(items.get(i - 1), (Argument.Positional) arg, owner);
                fraction = false;
                continue;
            }
            // `0,9`: one number with a decimal comma, read as two values. Said once, at the second;
            // the first is not judged on its own (`lr: 0` "must be greater than 0" would be noise).
            // Not `train(64,10,42)`: whole numbers each with a place of their own.
            fraction = i + 1 < items.size() && decimalComma(arg, items.get(i + 1))
                    && (arg instanceof Argument.Named || lastNamed != null || sig.at(position).map(p -> p.type() == Param.Type.REAL).orElse(true)
                        || sig.at(position + 1).isEmpty());
            if (arg instanceof Argument.Positional pos && lastNamed != null) {
                if (!fraction) positionalAfterNamed(pos, lastNamed, sig, owner);
                unplaced.add(ValueKind.of(pos.value()));
                continue;
            }
            if (arg instanceof Argument.Named n) {
                lastNamed = n;
                String name = n.name().text();
                Optional<Param> p = sig.named(name);
                if (p.isEmpty()) {
                    unknownArgument(sig, owner, n, seen.keySet()).ifPresent(suggested::add);
                    continue;
                }
                if (duplicate(seen, name, n.name().span(), owner)) continue;
                if (!fraction) convert(p.get(), n.value(), owner).ifPresent(v -> bound.put(name, v, n.value().span()));
            } else if (arg instanceof Argument.Arrow a) {
                if (!sig.sizes() || position != 0) {
                    Diagnostic.Builder d = Diagnostic.at(Code.NN0205, a.span(), "`in -> out` is not an argument of " + owner)
                            .label("not expected here")
                            .note("only the first argument of `dense` and `conv2d` may state `in -> out`");
                    // The numbers were perhaps channels, perhaps sizes: pooling keeps the one and its window sets the other.
                    if (sig.name().endsWith("pool2d")) {
                        d.note("pooling keeps the channels and divides the height and width by its window: `kernel: 2` halves them");
                    }
                    // `maxpool2d(2 -> 2)`: what it takes instead, not also "needs `kernel`" for the same mistake.
                    sig.params().stream().filter(Param::required).findFirst().ifPresent(p ->
                            d.help("write `" + sig.name() + "(" + p.name() + ": " + example(sig, p) + ")`"));
                    diagnostics.add(d.build());
                    unplaced.add(ValueKind.NUMBER);
                    position++;
                    continue;
                }
                position++;
                if (duplicate(seen, "out", a.span(), owner) || duplicate(seen, "in", a.span(), owner)) continue;
                size(a.from(), owner, "input size").ifPresent(v -> bound.put("in", v, a.from().span()));
                size(a.to(), owner, "output size").ifPresent(v -> bound.put("out", v, a.to().span()));
            } else if (arg instanceof Argument.Positional pos) {
                Optional<Param> p = sig.at(position);
                position++;
                if (p.isEmpty()) {
                    // One error for the values that have no place: the first says what they all may have meant.
                    if (!tooManyReported) tooMany(sig, owner, pos, items);
                    tooManyReported = true;
                    unplaced.add(ValueKind.of(pos.value())); // `conv2d c(4, 3)`: perhaps the kernel, which tooMany's help offers
                    continue;
                }
                if (duplicate(seen, p.get().name(), pos.span(), owner)) continue;
                if (!fraction) convert(p.get(), pos.value(), owner).ifPresent(v -> bound.put(p.get().name(), v, pos.value().span()));
            }
        }
        for (Param p : sig.params()) {
            // `lrr: 0.1` was answered with "did you mean `lr`?"; "needs `lr`" would say it again. A value
            // that found no place (after named ones, or an arrow where none goes) is likely the missing one.
            if (p.required() && !seen.containsKey(p.name()) && !suggested.contains(p.name())
                    && unplaced.stream().noneMatch(kind -> couldBe(p, kind))) {
                missing(sig, owner, where, p);
            }
        }
        return bound;
    }

    /** What a value is, for {@link #couldBe}: a number, a list, a call, `true`/`false`, or another name. */
    private enum ValueKind {
        NUMBER, LIST, CALL, BOOL, NAME;

        static ValueKind of(Value v) {
            if (v instanceof Value.ExprValue) return NUMBER;
            if (v instanceof Value.ListValue) return LIST;
            if (v instanceof Value.Call) return CALL;
            String name = ((Value.Name) v).name().text();
            return name.equals("true") || name.equals("false") ? BOOL : NAME;
        }
    }

    /** Whether a value of {@code kind} could have been meant for {@code p} (then "needs p" would say the same mistake again). */
    private static boolean couldBe(Param p, ValueKind kind) {
        return switch (p.type()) {
            case SIZE, INT, REAL -> kind == ValueKind.NUMBER;
            case WINDOW -> kind == ValueKind.NUMBER || kind == ValueKind.LIST;
            case PAIR -> kind == ValueKind.LIST;
            case BOOL -> kind == ValueKind.BOOL;
            case INIT -> kind == ValueKind.NAME || kind == ValueKind.CALL;
        };
    }

    /** A value after named arguments has no place to go (matched by position it would read as "`lr` is given twice"). */
    private void positionalAfterNamed(Argument.Positional pos, Argument.Named previous, Signature sig, String owner) {
        Optional<Param.Type> pair = sig.named(previous.name().text()).map(Param::type)
                .filter(t -> t == Param.Type.WINDOW || t == Param.Type.PAIR)
                .filter(t -> previous.value() instanceof Value.ExprValue && pos.value() instanceof Value.ExprValue);
        String help = pair.isPresent()
                // `kernel: 3, 3`: a pair written without its brackets.
                ? "a pair is written in brackets: `" + previous.name().text() + ": [" + previous.value().span().text() + ", "
                        + pos.value().span().text() + "]`"
                : "name it (`name: value`), or move it before the named arguments";
        diagnostics.add(Diagnostic.at(Code.NN0205, pos.span(), "a value without a name follows named arguments of " + owner)
                .label("which argument is this?")
                .help(help)
                .build());
    }

    /** Whether {@code second} continues {@code first} as the decimals of one number written with a comma ({@code 0,9}). */
    private static boolean decimalComma(Argument first, Argument second) {
        Value v = first instanceof Argument.Named n ? n.value() : first instanceof Argument.Positional p ? p.value() : null;
        return v != null && second instanceof Argument.Positional next && integerText(v).isPresent()
                && integerText(next.value()).isPresent() && v.span().end() + 1 == next.span().start();
    }

    private void decimalCommaAt(Argument first, Argument.Positional fraction, String owner) {
        Value whole = first instanceof Argument.Named n ? n.value() : ((Argument.Positional) first).value();
        String meant = integerText(whole).orElseThrow() + "." + integerText(fraction.value()).orElseThrow();
        diagnostics.add(Diagnostic.at(Code.NN0205, whole.span().file().span(whole.span().start(), fraction.span().end()),
                        "`" + whole.span().text() + "," + fraction.span().text() + "` is read as two values of " + owner)
                .label("a decimal comma?")
                .help("numbers are written with a decimal point: `" + meant + "`")
                .build());
    }

    /** The text of a value that is a whole number as written, such as {@code 0} or {@code 9}. */
    private static Optional<String> integerText(Value v) {
        return v instanceof Value.ExprValue e && e.expr() instanceof Expr.Number n && n.isInteger() ? Optional.of(n.text()) : Optional.empty();
    }

    private boolean duplicate(Map<String, Span> seen, String name, Span at, String owner) {
        Span first = seen.putIfAbsent(name, at);
        if (first == null) return false;
        diagnostics.add(Diagnostic.at(Code.NN0208, at, "`" + name + "` is given twice to " + owner)
                .label("second value")
                .secondary(first, "first given here")
                .help("remove one of them")
                .build());
        return true;
    }

    /** Reports an unknown argument; returns the argument suggested instead, if any. */
    private Optional<String> unknownArgument(Signature sig, String owner, Argument.Named n, java.util.Set<String> given) {
        String name = n.name().text();
        Diagnostic.Builder b = Diagnostic.at(Code.NN0203, n.name().span(), "unknown argument `" + name + "` for " + owner)
                .label("not an argument of `" + sig.name() + "`");
        // An argument already given is no suggestion: `lr: 0.1, lrr: 0.2` is not a second `lr`.
        Optional<String> suggestion = Names.suggest(name, sig.names()).filter(s -> !given.contains(s));
        if (name.equals("weights") && n.value() instanceof Value.ListValue list) {
            // Values of the weights given as an argument: they follow the layer's line as a literal.
            suggestion = Optional.empty();
            b.help("weight values follow the layer's line, after the parentheses: `weights " + list.span().text() + "`");
        } else if (name.equals("activation") && n.value() instanceof Value.Name act) {
            // Keras's `activation='relu'`: here the activation follows the arguments.
            suggestion = Optional.empty();
            b.help("write the activation after the arguments, as in `" + (sig.name().equals("conv2d") ? "conv2d c(8, kernel: 3)" : sig.name() + " h(8)")
                    + " " + act.name().text() + "`");
        }
        suggestion.ifPresent(s -> b.help("did you mean `" + s + "`?"));
        if (sig.params().isEmpty()) {
            b.note("`" + sig.name() + "` takes no arguments");
        } else {
            b.note("`" + sig.name() + "` takes " + Names.list(sig.names()));
        }
        diagnostics.add(b.build());
        return suggestion;
    }

    private void tooMany(Signature sig, String owner, Argument.Positional pos, List<Argument> items) {
        long count = sig.positionalCount();
        Diagnostic.Builder b = Diagnostic.at(Code.NN0212, pos.span(), "too many arguments for " + owner)
                .label("unexpected argument");
        if (count == 0) {
            b.note("`" + sig.name() + "` takes no positional arguments");
        } else {
            List<String> positional = sig.params().stream().filter(p -> p.position() >= 0).map(Param::name).toList();
            b.note("`" + sig.name() + "` takes " + count + " positional argument" + (count == 1 ? "" : "s")
                    + " (" + String.join(", ", positional) + ")");
        }
        List<String> named = sig.params().stream().filter(p -> p.position() < 0).map(Param::name).toList();
        Optional<Argument> first = items.stream().filter(a -> a instanceof Argument.Positional).findFirst();
        if (pos.value() instanceof Value.Name act && Catalog.ACTIVATIONS.containsKey(act.name().text())) {
            // `dense h(16, relu)`: Keras's activation argument, unnamed (not an output size of `relu`).
            b.help("write the activation after the closing parenthesis: `...) " + act.name().text() + "`");
        } else if (sig.sizes() && first.isPresent() && first.get() != pos && items.indexOf(pos) == 1) {
            // `dense h(784, 32)`: sizes as PyTorch's Linear(784, 32) takes them; the first was read as the output size.
            String in = ((Argument.Positional) first.get()).value().span().text(), out = pos.value().span().text();
            String unit = sig.name().equals("conv2d") ? " channel" : "";
            boolean noKernel = sig.name().equals("conv2d") && items.stream()
                    .noneMatch(a -> a instanceof Argument.Named n && n.name().text().equals("kernel"));
            List<Argument.Positional> extra = items.stream().filter(a -> a instanceof Argument.Positional).map(a -> (Argument.Positional) a)
                    .skip(1).toList();
            if (noKernel && pos.value() instanceof Value.ListValue) {
                // `conv2d c(16, [3, 3])`: the window, unnamed.
                b.help("name the kernel: `" + in + ", kernel: " + out + "`");
            } else if (noKernel && extra.size() == 2) {
                // PyTorch's Conv2d(4, 3, 3): channels in, channels out, kernel.
                String k = extra.get(1).value().span().text();
                b.help("for " + in + " input channel" + (in.equals("1") ? "" : "s") + ", " + out + " output channel" + (out.equals("1") ? "" : "s")
                        + " and a kernel of " + k + " (PyTorch's order), write `" + in + " -> " + out + ", kernel: " + k + "`");
            } else {
                if (noKernel) {
                    // Keras's Conv2D(4, 3): 4 filters of 3×3. PyTorch's Conv2d(4, 3, ...): 4 channels in, 3 out.
                    b.help("for " + in + " output channel" + (in.equals("1") ? "" : "s") + " of " + out + "×" + out + ", write `"
                            + in + ", kernel: " + out + "`");
                }
                b.help("for " + in + " input" + unit + (in.equals("1") ? "" : "s") + " and " + out + " output" + unit
                        + (out.equals("1") ? "" : "s") + ", write `" + in + " -> " + out + (noKernel ? ", kernel: ...`" : "`"));
            }
        } else if (sig.name().equals("conv2d") && pos.value() instanceof Value.ExprValue && items.stream()
                .noneMatch(a -> a instanceof Argument.Named n && n.name().text().equals("kernel"))) {
            b.help("name the kernel: `kernel: " + pos.value().span().text() + "`");
        } else if (!named.isEmpty()) {
            // The named ones not given yet (an arrow gives `in`): `in` is no fix for `dense h(784 -> 16, 5)`.
            java.util.Set<String> given = new java.util.HashSet<>();
            for (Argument a : items) {
                if (a instanceof Argument.Named n) given.add(n.name().text());
                if (a instanceof Argument.Arrow) given.add("in");
            }
            List<String> open = named.stream().filter(n -> !given.contains(n)).toList();
            if (!open.isEmpty()) b.help("the others are named, as `" + open.get(0) + ": ...`" + (open.size() == 1 ? ""
                    : " (" + open.stream().map(n -> "`" + n + "`").collect(java.util.stream.Collectors.joining(", ")) + ")"));
        } else if (sig.name().equals("relu")) b.help("for a slope below 0, use `leaky_relu(alpha: " + pos.value().span().text() + ")`");
        diagnostics.add(b.build());
    }

    private void missing(Signature sig, String owner, Span where, Param p) {
        Diagnostic.Builder b = Diagnostic.at(Code.NN0204, where, owner + " needs " + describe(p))
                .label("`" + p.name() + "` missing");
        if (sig.sizes() && p.name().equals("out")) {
            // In the parentheses as written: `dense(128)` would drop the layer's name, `dense o(128)` could give one it lacks.
            b.help("write the output size in the parentheses, e.g. `(128)`, or `(in -> out)`");
        } else if (p.position() == 0) {
            b.help("write it first, e.g. `" + sig.name() + "(" + example(sig, p) + ")`, or by name: `" + p.name() + ": " + example(sig, p) + "`");
        } else {
            b.help("add `" + p.name() + ": " + example(sig, p) + "`");
        }
        diagnostics.add(b.build());
    }

    private static String describe(Param p) {
        return p.meaning() == null ? "`" + p.name() + "`" : "`" + p.name() + "` (" + p.meaning() + ")";
    }

    private static String example(Signature sig, Param p) {
        return switch (p.type()) {
            case SIZE, INT -> "3";
            case REAL -> p.name().equals("lr") ? "0.01" : "0.5";
            case BOOL -> "true";
            case INIT -> "he";
            case WINDOW -> sig.name().equals("conv2d") ? "3" : "2";
            case PAIR -> "[0.5, 0.5]";
        };
    }

    /** Converts a written value to the parameter's type and checks its range. */
    Optional<Object> convert(Param p, Value value, String owner) {
        Optional<Object> converted = switch (p.type()) {
            case SIZE, INT -> wholeNumber(p, value, owner).map(v -> (Object) v);
            case REAL -> number(p, value, owner).map(v -> (Object) v);
            case BOOL -> bool(p, value, owner);
            case INIT -> init(value, owner);
            case WINDOW -> window(p, value, owner);
            case PAIR -> pair(p, value, owner);
        };
        if (converted.isEmpty() || p.range() == null) return converted;
        Object v = converted.get();
        double d = v instanceof Number n ? n.doubleValue() : v instanceof double[] pair ? pair[1] : Double.NaN;
        if (v instanceof int[] w) d = Math.min(w[0], w[1]);
        if (!Double.isNaN(d) && !p.range().test(d)) {
            Diagnostic.Builder b = Diagnostic.at(Code.NN0206, value.span(),
                            "`" + p.name() + "` of " + owner + " must be " + p.rangeText() + ", found " + value.span().text())
                    .label("out of range");
            if (p.fallback() != null) b.help("leave `" + p.name() + "` out for its default, " + shown(p.fallback()));
            else if (p.meaning() != null && !p.meaning().startsWith("[")) {
                b.help("`" + p.name() + "` is " + p.meaning() + ": give a value " + p.rangeText());
            }
            diagnostics.add(b.build());
            return Optional.empty();
        }
        return converted;
    }

    /** The whole number nearest {@code v}, but not 0 for a value above it (2.5: 3; 0.25: 1; −1.5: −2). */
    private static String wholeNear(BigDecimal v) {
        BigDecimal whole = v.setScale(0, java.math.RoundingMode.HALF_UP);
        return (whole.signum() == 0 && v.signum() > 0 ? BigDecimal.ONE : whole).toPlainString();
    }

    /** A default as it is written in a model: 0.9, 1, true. */
    private static String shown(Object fallback) {
        if (fallback instanceof Double d) return dev.nnc.common.Decimals.of(d);
        if (fallback instanceof double[] pair) return "[" + shown(pair[0]) + ", " + shown(pair[1]) + "]";
        return String.valueOf(fallback);
    }

    private Optional<Long> wholeNumber(Param p, Value value, String owner) {
        if (!(value instanceof Value.ExprValue ev)) {
            wrongType(p, value, owner);
            return Optional.empty();
        }
        return p.type() == Param.Type.SIZE ? size(ev.expr(), owner, what(p)) : integer(ev.expr(), owner, what(p));
    }

    /** How a parameter reads in a message: "the output size of dense layer `h`", "the `epochs` of `train`". */
    private static String what(Param p) {
        return switch (p.name()) {
            case "out" -> "output size";
            case "in" -> "input size";
            default -> "`" + p.name() + "`";
        };
    }

    /** {@code 4 -- 8} or {@code 4 - 8} where a size is wanted: a mistyped {@code 4 -> 8}, not arithmetic anyone means. */
    private static Optional<String> arrowMistyped(Expr e) {
        if (e instanceof Expr.Binary b && b.op() == '-' && b.left() instanceof Expr.Number in) {
            Expr right = b.right() instanceof Expr.Unary u && u.op() == '-' ? u.operand() : b.right();
            if (right instanceof Expr.Number out) return Optional.of(in.text() + " -> " + out.text());
        }
        return Optional.empty();
    }

    /** A size: a positive whole number that fits an int. */
    Optional<Long> size(Expr e, String owner, String what) {
        // Only where `in -> out` could be meant: the sizes of a dense or conv2d layer.
        Optional<String> arrow = what.equals("output size") || what.equals("input size") ? arrowMistyped(e) : Optional.empty();
        if (arrow.isPresent() && e instanceof Expr.Binary b && b.right() instanceof Expr.Unary u) {
            diagnostics.add(Diagnostic.at(Code.NN0205, e.span(), "`" + e.span().text() + "` reads as " + b.left().span().text()
                            + " − (−" + u.operand().span().text() + "), not as an arrow")
                    .label("two minus signs")
                    .help("sizes are written `in -> out`: `" + arrow.get() + "`")
                    .build());
            return Optional.empty();
        }
        Optional<Long> v = integer(e, owner, what);
        if (v.isEmpty()) return v;
        if (v.get() < 1) {
            Diagnostic.Builder d = Diagnostic.at(Code.NN0206, e.span(), "the " + what + " of " + owner + " must be at least 1, found " + v.get())
                    .label("not a usable size");
            d.help(arrow.map(a -> "did you mean `" + a + "`?").orElse("write a whole number of at least 1"));
            diagnostics.add(d.build());
            return Optional.empty();
        }
        if (v.get() > Integer.MAX_VALUE) {
            diagnostics.add(Diagnostic.at(Code.NN0110, e.span(), "the " + what + " of " + owner + " is " + String.format(Locale.ROOT, "%,d", v.get())
                            + ", more than the largest size nnc supports (" + String.format(Locale.ROOT, "%,d", Integer.MAX_VALUE) + ")")
                    .label("too large")
                    .help("use a smaller size: the values of a layer live in one Java array")
                    .build());
            return Optional.empty();
        }
        return v;
    }

    private Optional<Long> integer(Expr e, String owner, String what) {
        BigDecimal v;
        try {
            v = Exprs.eval(e);
        } catch (Exprs.EvalException ex) {
            diagnostics.add(Diagnostic.at(Code.NN0206, ex.where.span(), "cannot evaluate the " + what + " of " + owner + ": " + ex.getMessage())
                    .label(ex.getMessage())
                    .help(ex.help)
                    .build());
            return Optional.empty();
        }
        if (!Exprs.isInteger(v)) {
            diagnostics.add(Diagnostic.at(Code.NN0205, e.span(), "the " + what + " of " + owner + " must be a whole number, found " + v.stripTrailingZeros().toPlainString())
                    .label("not a whole number")
                    .help("write a whole number, e.g. " + wholeNear(v))
                    .build());
            return Optional.empty();
        }
        if (v.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            diagnostics.add(Diagnostic.at(Code.NN0110, e.span(), "the " + what + " of " + owner + " is far too large")
                    .label("does not fit in 64 bits")
                    .note("whole numbers go up to 9,223,372,036,854,775,807, and sizes to 2,147,483,647")
                    .build());
            return Optional.empty();
        }
        return Optional.of(v.longValueExact());
    }

    private Optional<Double> number(Param p, Value value, String owner) {
        if (!(value instanceof Value.ExprValue ev)) {
            wrongType(p, value, owner);
            return Optional.empty();
        }
        return real(ev.expr(), owner, what(p));
    }

    Optional<Double> real(Expr e, String owner, String what) {
        try {
            double d = Exprs.eval(e).doubleValue();
            if (Double.isFinite(d)) return Optional.of(d);
        } catch (Exprs.EvalException ex) {
            diagnostics.add(Diagnostic.at(Code.NN0206, ex.where.span(), "cannot evaluate the " + what + " of " + owner + ": " + ex.getMessage())
                    .label(ex.getMessage())
                    .help(ex.help)
                    .build());
            return Optional.empty();
        }
        diagnostics.add(Diagnostic.at(Code.NN0206, e.span(), "the " + what + " of " + owner + " is too large")
                .label("out of range")
                .build());
        return Optional.empty();
    }

    private Optional<Object> bool(Param p, Value value, String owner) {
        if (value instanceof Value.Name n && (n.name().text().equals("true") || n.name().text().equals("false"))) {
            return Optional.of(n.name().text().equals("true"));
        }
        wrongType(p, value, owner);
        return Optional.empty();
    }

    private static final List<String> INITS = List.of("zeros", "normal", "uniform", "xavier", "he");

    private Optional<Object> init(Value value, String owner) {
        String name;
        Span nameSpan;
        Optional<Arguments> args = Optional.empty();
        if (value instanceof Value.Name n) {
            name = n.name().text();
            nameSpan = n.span();
        } else if (value instanceof Value.Call c) {
            name = c.name().text();
            nameSpan = c.name().span();
            args = Optional.of(c.arguments());
        } else {
            diagnostics.add(Diagnostic.at(Code.NN0205, value.span(), "`init` of " + owner + " must be an initializer, found " + value.span().text())
                    .label("not an initializer")
                    .help("write one of " + Names.list(INITS) + ", e.g. `init: he` or `init: normal(0.01)`")
                    .build());
            return Optional.empty();
        }
        if (!INITS.contains(name)) {
            Diagnostic.Builder b = Diagnostic.at(Code.NN0211, nameSpan, "unknown initializer `" + name + "`")
                    .label("not an initializer")
                    .note("initializers are " + Names.list(INITS));
            Names.suggest(name, INITS).ifPresent(s -> b.help("did you mean `" + s + "`?"));
            diagnostics.add(b.build());
            return Optional.empty();
        }
        String initOwner = "initializer `" + name + "`";
        switch (name) {
            case "normal", "uniform" -> {
                String param = name.equals("normal") ? "std" : "limit";
                Signature sig = Signature.of(name, Param.required(param, Param.Type.REAL, 0,
                                name.equals("normal") ? "the standard deviation" : "values are drawn from [-limit, limit]")
                        .range(Param.POSITIVE.and(Param.WITHIN_FLOAT), "greater than 0, and " + Param.WITHIN_FLOAT_TEXT));
                Bound b = bind(sig, args, initOwner, nameSpan);
                if (!b.has(param)) return Optional.empty();
                return Optional.of(new Init(name.equals("normal") ? Init.Kind.NORMAL : Init.Kind.UNIFORM, b.real(param)));
            }
            default -> {
                bind(Signature.of(name), args, initOwner, nameSpan);
                return Optional.of(switch (name) {
                    case "zeros" -> Init.ZEROS;
                    case "xavier" -> Init.XAVIER;
                    default -> Init.HE;
                });
            }
        }
    }

    private Optional<Object> window(Param p, Value value, String owner) {
        if (value instanceof Value.ExprValue ev && ev.expr() instanceof Expr.Binary product && product.op() == '*'
                && product.left() instanceof Expr.Number h && product.right() instanceof Expr.Number w) {
            // `kernel: 3×3` is read as the product 9, a 9×9 window, where a 3×3 one was almost surely meant.
            String text = value.span().text();
            diagnostics.add(Diagnostic.at(Code.NN0205, value.span(), "`" + p.name() + ": " + text + "` of " + owner
                            + " is the product " + h.value().multiply(w.value()).stripTrailingZeros().toPlainString() + ", not a window of "
                            + h.text() + " by " + w.text())
                    .label("a product")
                    .help("for a window of " + h.text() + " by " + w.text() + " write `" + p.name() + ": [" + h.text() + ", " + w.text() + "]`"
                            + (h.text().equals(w.text()) ? " or `" + p.name() + ": " + h.text() + "`" : ""))
                    .build());
            return Optional.empty();
        }
        if (value instanceof Value.ExprValue ev) {
            return size(ev.expr(), owner, what(p)).map(v -> new int[] {v.intValue(), v.intValue()});
        }
        if (value instanceof Value.ListValue list && list.items().size() == 2
                && list.items().stream().allMatch(v -> v instanceof Value.ExprValue)) {
            Optional<Long> h = size(((Value.ExprValue) list.items().get(0)).expr(), owner, p.name() + " height");
            Optional<Long> w = size(((Value.ExprValue) list.items().get(1)).expr(), owner, p.name() + " width");
            if (h.isEmpty() || w.isEmpty()) return Optional.empty();
            return Optional.of(new int[] {h.get().intValue(), w.get().intValue()});
        }
        wrongType(p, value, owner);
        return Optional.empty();
    }

    private Optional<Object> pair(Param p, Value value, String owner) {
        if (value instanceof Value.ListValue list && list.items().size() == 2
                && list.items().stream().allMatch(v -> v instanceof Value.ExprValue)) {
            Optional<Double> a = real(((Value.ExprValue) list.items().get(0)).expr(), owner, what(p));
            Optional<Double> b = real(((Value.ExprValue) list.items().get(1)).expr(), owner, what(p));
            if (a.isEmpty() || b.isEmpty()) return Optional.empty();
            return Optional.of(new double[] {a.get(), b.get()});
        }
        wrongType(p, value, owner);
        return Optional.empty();
    }

    private void wrongType(Param p, Value value, String owner) {
        Diagnostic.Builder b = Diagnostic.at(Code.NN0205, value.span(),
                        "`" + p.name() + "` of " + owner + " must be " + p.type().words + ", found `" + value.span().text() + "`")
                .label("expected " + p.type().words);
        if (value instanceof Value.ListValue list && list.items().size() == 2 && (p.name().equals("stride") || p.name().equals("padding"))) {
            b.note("only `kernel` may be a pair `[height, width]`" + (p.name().equals("stride") ? " (and a pooling layer's stride)" : "")
                    + "; a convolution's `" + p.name() + "` is the same along both axes");
            String first = list.items().get(0).span().text();
            if (first.equals(list.items().get(1).span().text())) b.help("write `" + p.name() + ": " + first + "`"); // `stride: [2, 2]`
        } else if (p.name().equals("padding") && value instanceof Value.Name n && (n.name().text().equals("same") || n.name().text().equals("valid"))) {
            b.help(n.name().text().equals("same") ? "padding is a number: with stride 1, (kernel − 1)/2 keeps the size, e.g. `padding: 1` for a kernel of 3"
                    : "`valid` is no padding: `padding: 0`, or leave it out");
        } else if (p.name().equals("bias") && value instanceof Value.ListValue) {
            // `bias: [0, 0]`: the values of the bias, which follow the layer's line as a literal.
            b.help("`bias:` says whether the layer has one; its values follow the layer's line: `bias " + value.span().text() + "`");
        } else if (p.type() == Param.Type.WINDOW && value instanceof Value.ListValue) {
            // `kernel: [2, 3, 4]`, `kernel: []`
            b.help("write one size, `" + p.name() + ": 3`, or a pair, `" + p.name() + ": [3, 5]`");
        } else if (p.type() == Param.Type.BOOL) {
            String lower = value.span().text().toLowerCase(Locale.ROOT);
            b.help(lower.equals("true") || lower.equals("false") ? "write it in lowercase: `" + p.name() + ": " + lower + "`"
                    : "write `" + p.name() + ": true` or `" + p.name() + ": false`");
        }
        diagnostics.add(b.build());
    }
}
