package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.ir.Shape;
import dev.nnc.syntax.Ast;
import dev.nnc.syntax.Ast.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@code weights [[..]]} or {@code bias [..]} literal against the shape its
 * parameter must have, and flattens it row-major.
 */
final class Literals {
    private final Diagnostics diagnostics;
    private final Binder binder;

    Literals(Diagnostics diagnostics, Binder binder) {
        this.diagnostics = diagnostics;
        this.binder = binder;
    }

    /**
     * @param tensor   e.g. "W^[hidden]"
     * @param expected the parameter's shape, e.g. [3, 2]
     * @param rowsMean what one row is, e.g. "input weights for each of the 3 outputs"
     */
    Optional<List<Double>> check(Ast.Literal literal, String tensor, Shape expected, String layerOwner, String rowsMean) {
        List<Integer> found = new ArrayList<>();
        if (!measure(literal.value(), 0, found, literal)) return Optional.empty();
        if (!found.equals(expected.dims())) {
            String what = literal.isWeights() ? "weights" : "bias";
            Diagnostic.Builder b = Diagnostic.at(literal.isWeights() ? Code.NN0105 : Code.NN0106, literal.value().span(),
                            "the " + what + " literal of " + layerOwner + " is " + bracketed(found) + ", but " + tensor
                                    + " must be " + bracketed(expected.dims()))
                    .label(describe(found));
            if (rowsMean != null) b.note(rowsMean);
            if (found.size() == expected.rank() && found.size() == 2 && found.get(1).equals(expected.dim(1))) {
                int diff = expected.dim(0) - found.get(0);
                b.help(diff > 0 ? "add " + diff + " more row" + (diff == 1 ? "" : "s") + " of " + values(expected.dim(1))
                        : "remove " + (-diff) + " row" + (diff == -1 ? "" : "s"));
            } else {
                b.help(expected.rank() == 1 ? "write " + expected.dim(0) + " value" + (expected.dim(0) == 1 ? "" : "s")
                        + ", e.g. `" + literal.which().text() + " [" + String.join(", ", java.util.Collections.nCopies(Math.min(expected.dim(0), 8), "0"))
                        + (expected.dim(0) > 8 ? ", ..." : "") + "]`"
                        : "write " + bracketed(expected.dims()) + " values, nested " + expected.rank() + " deep");
            }
            diagnostics.add(b.build());
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        return flatten(literal.value(), values, layerOwner, "value in the " + literal.which().text()) ? Optional.of(List.copyOf(values)) : Optional.empty();
    }

    /** Records the length at each depth; reports ragged rows and mixed nesting. */
    private boolean measure(Value.ListValue list, int depth, List<Integer> dims, Ast.Literal literal) {
        int n = list.items().size();
        Code code = literal.isWeights() ? Code.NN0105 : Code.NN0106;
        if (dims.size() == depth) {
            dims.add(n);
        } else if (dims.get(depth) != n) {
            diagnostics.add(Diagnostic.at(code, list.span(),
                            "this row of the " + literal.which().text() + " literal has " + values(n) + ", but the first row has " + dims.get(depth))
                    .label(values(n))
                    .help("every row must have the same length")
                    .build());
            return false;
        }
        boolean nested = n > 0 && list.items().get(0) instanceof Value.ListValue;
        for (Value item : list.items()) {
            if ((item instanceof Value.ListValue) != nested) {
                diagnostics.add(Diagnostic.at(code, item.span(), "the " + literal.which().text() + " literal mixes numbers and lists at the same depth")
                        .label(nested ? "expected a list `[...]`" : "expected a number")
                        .build());
                return false;
            }
            if (nested && !measure((Value.ListValue) item, depth + 1, dims, literal)) return false;
        }
        if (!nested && dims.size() > depth + 1) {
            diagnostics.add(Diagnostic.at(code, list.span(), "the " + literal.which().text() + " literal is nested unevenly")
                    .label("expected a list of lists here")
                    .build());
            return false;
        }
        return true;
    }

    private boolean flatten(Value v, List<Double> out, String owner, String what) {
        if (v instanceof Value.ListValue list) {
            for (Value item : list.items()) if (!flatten(item, out, owner, what)) return false;
            return true;
        }
        if (v instanceof Value.ExprValue e) {
            Optional<Double> d = binder.real(e.expr(), owner, what);
            if (d.isPresent() && !Float.isFinite(d.get().floatValue())) {
                // A float class (the default, and what nnc train runs) would hold Infinity: `Infinityf` in its source.
                diagnostics.add(Diagnostic.at(Code.NN0206, e.span(), "the " + what + " of " + owner + " is beyond a float")
                        .label("out of range")
                        .note("the generated classes hold their parameters as 32-bit floats, whose largest value is about 3.4e38")
                        .build());
                return false;
            }
            d.ifPresent(out::add);
            return d.isPresent();
        }
        diagnostics.add(Diagnostic.at(Code.NN0205, v.span(), "a literal holds numbers, found `" + v.span().text() + "`")
                .label("not a number")
                .build());
        return false;
    }

    private static String bracketed(List<Integer> dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) sb.append('[').append(d).append(']');
        return dims.isEmpty() ? "a single number" : sb.toString();
    }

    private static String values(int n) {
        return n + (n == 1 ? " value" : " values");
    }

    private static String describe(List<Integer> dims) {
        if (dims.size() == 2) return dims.get(0) + " row" + (dims.get(0) == 1 ? "" : "s") + " of " + values(dims.get(1));
        if (dims.size() == 1) return dims.get(0) + " value" + (dims.get(0) == 1 ? "" : "s");
        return bracketed(dims);
    }
}
