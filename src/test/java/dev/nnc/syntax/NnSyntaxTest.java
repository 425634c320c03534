package dev.nnc.syntax;

import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import dev.nnc.syntax.Ast.Argument;
import dev.nnc.syntax.Ast.Expr;
import dev.nnc.syntax.Ast.Layer;
import dev.nnc.syntax.Ast.Statement;
import dev.nnc.syntax.Ast.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample models parse, into the trees a reader of the files would expect. */
class NnSyntaxTest {
    private static final Path MODELS = Path.of("models");

    static Stream<Path> sampleModels() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            List<Path> nn = files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
            assertFalse(nn.isEmpty(), "no sample models found in " + MODELS.toAbsolutePath());
            return nn.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleModels")
    void everySampleModelParsesWithoutDiagnostics(Path path) throws IOException {
        ParseResult result = NnSyntax.parse(new SourceFile(path.toString(), Files.readString(path)));
        assertEquals(List.of(), result.diagnostics());
        assertTrue(result.model().isPresent());
    }

    @Test
    void mlpHasTheStatementsOfTheFileInOrder() throws IOException {
        Ast.Model model = parseModel("mlp.nn");
        assertEquals("Mlp", model.name().text());
        assertEquals(List.of("input image", "layer flatten", "layer dense h1 relu", "layer dense h2 relu",
                "layer dense out", "loss softmax_cross_entropy", "optimizer adam", "train"), outline(model));
    }

    @Test
    void cnnHasTheStatementsOfTheFileInOrder() throws IOException {
        assertEquals(List.of("input image", "layer conv2d c1 relu", "layer maxpool2d", "layer conv2d c2 relu",
                        "layer maxpool2d", "layer conv2d c3 relu", "layer flatten", "layer dense fc1 relu",
                        "layer dense fc2", "loss softmax_cross_entropy", "optimizer adam", "train"),
                outline(parseModel("cnn.nn")));
    }

    @Test
    void arrowArgumentHoldsBothSizes() throws IOException {
        Layer h1 = layer(parseModel("mlp.nn"), "h1");
        Argument.Arrow arrow = assertInstanceOf(Argument.Arrow.class, h1.arguments().orElseThrow().items().get(0));
        assertEquals(new BigDecimal("784"), number(arrow.from()));
        assertEquals(new BigDecimal("128"), number(arrow.to()));
        // `  dense h1(784 -> 128) relu` on line 6
        assertSpan(arrow.span(), 6, 12, 6, 22, "784 -> 128");
        assertSpan(h1.arguments().orElseThrow().span(), 6, 11, 6, 23, "(784 -> 128)");
        assertSpan(h1.arguments().orElseThrow().open(), 6, 11, 6, 12, "(");
        assertSpan(h1.span(), 6, 3, 6, 28, "dense h1(784 -> 128) relu");
        assertSpan(h1.activation().orElseThrow().span(), 6, 24, 6, 28, "relu");
    }

    @Test
    void sizeExpressionIsLeftAssociativeMultiplication() throws IOException {
        Layer fc1 = layer(parseModel("cnn.nn"), "fc1");
        Argument.Arrow arrow = assertInstanceOf(Argument.Arrow.class, fc1.arguments().orElseThrow().items().get(0));
        Expr.Binary outer = assertInstanceOf(Expr.Binary.class, arrow.from());
        assertEquals('*', outer.op());
        assertEquals(new BigDecimal("64"), number(outer.right()));
        Expr.Binary inner = assertInstanceOf(Expr.Binary.class, outer.left());
        assertEquals('*', inner.op());
        assertEquals(new BigDecimal("7"), number(inner.left()));
        assertEquals(new BigDecimal("7"), number(inner.right()));
        // `  dense fc1(7*7*64 -> 128) relu` on line 11
        assertSpan(outer.span(), 11, 13, 11, 19, "7*7*64");
        assertSpan(inner.span(), 11, 13, 11, 16, "7*7");
    }

    @Test
    void weightsLiteralSpansLines() throws IOException {
        Layer hidden = layer(parseModel("seed_tiny.nn"), "hidden");
        assertEquals(1, hidden.literals().size());
        Ast.Literal weights = hidden.literals().get(0);
        assertTrue(weights.isWeights());
        List<Value> rows = weights.value().items();
        assertEquals(3, rows.size());
        List<List<BigDecimal>> matrix = rows.stream()
                .map(r -> assertInstanceOf(Value.ListValue.class, r).items().stream().map(NnSyntaxTest::number).toList())
                .toList();
        assertEquals(List.of(List.of(BigDecimal.ONE, BigDecimal.ZERO), List.of(BigDecimal.ONE, BigDecimal.ZERO),
                List.of(BigDecimal.ZERO, BigDecimal.ZERO)), matrix);
        // from `weights` on line 8 to the final `]]` on line 10
        assertSpan(weights.span(), 8, 5, 10, 21, null);
        assertSpan(weights.value().span(), 8, 13, 10, 21, null);
        assertSpan(hidden.span(), 7, 3, 10, 21, null);
        assertSpan(rows.get(2).span(), 10, 14, 10, 20, "[0, 0]");
        // The layer's own arguments are unaffected by the literal below it.
        Argument.Named bias = assertInstanceOf(Argument.Named.class, hidden.arguments().orElseThrow().items().get(1));
        assertEquals("bias", bias.name().text());
        assertEquals("false", assertInstanceOf(Value.Name.class, bias.value()).name().text());
    }

    @Test
    void activationWithArguments() throws IOException {
        Layer c = layer(parseModel("activations.nn"), "c");
        Ast.Activation act = c.activation().orElseThrow();
        assertEquals("leaky_relu", act.kind().text());
        Argument.Named alpha = assertInstanceOf(Argument.Named.class, act.arguments().orElseThrow().items().get(0));
        assertEquals("alpha", alpha.name().text());
        assertEquals(new BigDecimal("0.01"), number(alpha.value()));
        // `  dense c(8) leaky_relu(alpha: 0.01)` on line 8
        assertSpan(act.span(), 8, 14, 8, 37, "leaky_relu(alpha: 0.01)");
        assertSpan(alpha.value().span(), 8, 32, 8, 36, "0.01");
    }

    @Test
    void loneActivationIsALayerStatement() throws IOException {
        Ast.Model model = parseModel("activations.nn");
        Layer relu = model.statements().stream()
                .filter(s -> s instanceof Layer l && l.kind().text().equals("relu"))
                .map(Layer.class::cast).findFirst().orElseThrow();
        assertTrue(relu.name().isEmpty());
        assertTrue(relu.arguments().isEmpty());
        assertTrue(relu.activation().isEmpty());
        assertTrue(relu.literals().isEmpty());
        assertSpan(relu.span(), 10, 3, 10, 7, "relu");
    }

    @Test
    void initializerWithArgumentIsACall() throws IOException {
        Layer hidden = layer(parseModel("regression.nn"), "hidden");
        Argument.Named init = assertInstanceOf(Argument.Named.class, hidden.arguments().orElseThrow().items().get(1));
        assertEquals("init", init.name().text());
        Value.Call call = assertInstanceOf(Value.Call.class, init.value());
        assertEquals("uniform", call.name().text());
        Argument.Positional limit = assertInstanceOf(Argument.Positional.class, call.arguments().items().get(0));
        assertEquals(new BigDecimal("0.5"), number(limit.value()));
        // `  dense hidden(1 -> 4, init: uniform(0.5)) relu` on line 5
        assertSpan(call.span(), 5, 30, 5, 42, "uniform(0.5)");
    }

    @Test
    void normalizeIsAListOfNumbers() throws IOException {
        Ast.Train train = parseModel("cnn.nn").statements().stream()
                .filter(Ast.Train.class::isInstance).map(Ast.Train.class::cast).findFirst().orElseThrow();
        Argument.Named normalize = train.arguments().orElseThrow().items().stream()
                .map(Argument.Named.class::cast).filter(a -> a.name().text().equals("normalize")).findFirst().orElseThrow();
        Value.ListValue list = assertInstanceOf(Value.ListValue.class, normalize.value());
        assertEquals(List.of(new BigDecimal("0.5"), new BigDecimal("0.5")), list.items().stream().map(NnSyntaxTest::number).toList());
        assertSpan(train.keyword(), 16, 3, 16, 8, "train");
    }

    @Test
    void inputShapeWithAndWithoutName() throws IOException {
        Ast.Input named = (Ast.Input) parseModel("cnn.nn").statements().get(0);
        assertEquals("image", named.name().orElseThrow().text());
        assertEquals(List.of(new BigDecimal(1), new BigDecimal(28), new BigDecimal(28)),
                named.shape().items().stream().map(NnSyntaxTest::number).toList());
        assertSpan(named.span(), 3, 3, 3, 25, "input image[1, 28, 28]");
        Ast.Input plain = (Ast.Input) parseModel("mlp_small.nn").statements().get(0);
        assertTrue(plain.name().isEmpty());
    }

    @Test
    void modelSpanCoversBraces() throws IOException {
        Ast.Model model = parseModel("regression.nn");
        assertSpan(model.span(), 2, 1, 10, 2, null);
        assertSpan(model.name().span(), 2, 7, 2, 17, "HousePrice");
    }

    @Test
    void optionalPartsOfALayerCombine() {
        Ast.Model m = parse("""
                model M {
                  dense(10) relu
                  dense h relu
                  dense h2(4) leaky_relu(alpha: 0.2)
                  dropout(0.2)
                  dense out(1 -> 2)
                    weights [[1], [2]]
                    bias [0, 0]
                }
                """);
        assertEquals(List.of("layer dense relu", "layer dense h relu", "layer dense h2 leaky_relu", "layer dropout",
                "layer dense out"), outline(m));
        Layer anonymous = (Layer) m.statements().get(0);
        assertTrue(anonymous.name().isEmpty());
        assertEquals(1, anonymous.arguments().orElseThrow().items().size());
        Layer out = (Layer) m.statements().get(4);
        assertEquals(List.of("weights", "bias"), out.literals().stream().map(l -> l.which().text()).toList());
    }

    @Test
    void numbersKeepTheirTextAndExactValue() {
        Layer l = (Layer) parse("model M {\n  dense h(1_000, a: -2.5e-3, b: .5, c: 99999999999999999999999)\n}\n")
                .statements().get(0);
        List<Argument> items = l.arguments().orElseThrow().items();
        Expr.Number thousand = (Expr.Number) ((Value.ExprValue) ((Argument.Positional) items.get(0)).value()).expr();
        assertEquals("1_000", thousand.text());
        assertEquals(new BigDecimal(1000), thousand.value());
        assertTrue(thousand.isInteger());
        Expr.Unary negative = (Expr.Unary) ((Value.ExprValue) ((Argument.Named) items.get(1)).value()).expr();
        assertEquals('-', negative.op());
        assertEquals(new BigDecimal("2.5e-3"), number(negative.operand()));
        assertEquals(new BigDecimal("0.5"), number(((Argument.Named) items.get(2)).value()));
        assertEquals(new BigDecimal("99999999999999999999999"), number(((Argument.Named) items.get(3)).value()));
    }

    @Test
    void unicodeOperatorsAreNormalized() {
        Layer l = (Layer) parse("model M {\n  dense h(2 × 3 → 4)\n}\n").statements().get(0);
        Argument.Arrow arrow = (Argument.Arrow) l.arguments().orElseThrow().items().get(0);
        assertEquals('*', ((Expr.Binary) arrow.from()).op());
    }

    @Test
    void parenthesesGroupWithoutANode() {
        Layer l = (Layer) parse("model M {\n  dense h((2 + 3) * 4)\n}\n").statements().get(0);
        Expr.Binary times = (Expr.Binary) ((Value.ExprValue) ((Argument.Positional) l.arguments().orElseThrow()
                .items().get(0)).value()).expr();
        assertEquals('*', times.op());
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, times.left());
        assertEquals('+', plus.op());
        assertEquals("2 + 3", plus.span().text());
    }

    @Test
    void newlinesInsideBracketsDoNotEndAStatement() {
        Ast.Model m = parse("""
                model M {
                  optimizer adam(
                    lr: 0.001,
                    beta1: 0.9,
                  )
                  loss mse
                }
                """);
        assertEquals(List.of("optimizer adam", "loss mse"), outline(m));
        Ast.Optimizer adam = (Ast.Optimizer) m.statements().get(0);
        assertEquals(2, adam.arguments().orElseThrow().items().size());
        assertSpan(adam.span(), 2, 3, 5, 4, null);
    }

    @Test
    void oneLineModelAndBlankLinesAndComments() {
        assertEquals(List.of("layer relu"), outline(parse("model M { relu }")));
        Ast.Model m = parse("\n\n# c\nmodel M { // c\n\n  /* block\n comment */ relu  # c\n\n\n  flatten\n}\n\n");
        assertEquals(List.of("layer relu", "layer flatten"), outline(m));
        assertSpan(m.statements().get(0).span(), 7, 13, 7, 17, "relu");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Ast.Model parseModel(String name) throws IOException {
        Path path = MODELS.resolve(name);
        ParseResult r = NnSyntax.parse(new SourceFile(path.toString(), Files.readString(path)));
        assertEquals(List.of(), r.diagnostics());
        return r.model().orElseThrow();
    }

    static Ast.Model parse(String text) {
        ParseResult r = NnSyntax.parse(new SourceFile("test.nn", text));
        assertEquals(List.of(), r.diagnostics());
        return r.model().orElseThrow();
    }

    private static Layer layer(Ast.Model model, String name) {
        return model.statements().stream()
                .filter(s -> s instanceof Layer l && l.name().map(n -> n.text().equals(name)).orElse(false))
                .map(Layer.class::cast).findFirst().orElseThrow(() -> new AssertionError("no layer " + name));
    }

    /** One line per statement: its kind and the names in it. */
    private static List<String> outline(Ast.Model model) {
        return model.statements().stream().map(NnSyntaxTest::outline).toList();
    }

    private static String outline(Statement s) {
        if (s instanceof Ast.Input i) return "input" + i.name().map(n -> " " + n.text()).orElse("");
        if (s instanceof Ast.Loss l) return "loss " + l.kind().text();
        if (s instanceof Ast.Optimizer o) return "optimizer " + o.kind().text();
        if (s instanceof Ast.Train) return "train";
        Layer l = (Layer) s;
        return "layer " + l.kind().text() + l.name().map(n -> " " + n.text()).orElse("")
                + l.activation().map(a -> " " + a.kind().text()).orElse("");
    }

    private static BigDecimal number(Value v) {
        return number(assertInstanceOf(Value.ExprValue.class, v).expr());
    }

    private static BigDecimal number(Expr e) {
        return assertInstanceOf(Expr.Number.class, e).value();
    }

    /** Checks line, column, end line and end column (exclusive: just after the last character), and the text when given. */
    static void assertSpan(Span span, int line, int column, int endLine, int endColumn, String text) {
        assertEquals(line + ":" + column + "-" + endLine + ":" + endColumn,
                span.line() + ":" + span.column() + "-" + span.endLine() + ":" + span.endColumn(),
                "span of `" + span.text() + "`");
        if (text != null) assertEquals(text, span.text());
    }
}
