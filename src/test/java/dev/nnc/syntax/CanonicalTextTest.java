package dev.nnc.syntax;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The text a checkpoint pins: tokens only, so comments and layout may change, anything else may not. */
class CanonicalTextTest {
    private static final String MODEL = "model M {\n  input [4]\n  dense h(4 -> 3) relu\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n";

    @Test
    void commentsBlankLinesAndSpacesDoNotCount() {
        String reformatted = "# notes\n\nmodel M {   // the model\n\n    input [ 4 ]\n  /* block */ dense h(4->3) relu\n"
                + "  loss mse\n  optimizer sgd(lr: 0.1)   # default momentum\n}";
        assertEquals(NnSyntax.canonical(MODEL), NnSyntax.canonical(reformatted));
        assertEquals("model M {\ninput [ 4 ]\ndense h ( 4 -> 3 ) relu\nloss mse\noptimizer sgd ( lr : 0.1 )\n}", NnSyntax.canonical(MODEL));
    }

    @Test
    void anythingElseDoes() {
        assertNotEquals(NnSyntax.canonical(MODEL), NnSyntax.canonical(MODEL.replace("lr: 0.1", "lr: 0.2")));
        assertNotEquals(NnSyntax.canonical(MODEL), NnSyntax.canonical(MODEL.replace("relu", "tanh")));
        assertNotEquals(NnSyntax.canonical(MODEL), NnSyntax.canonical(MODEL.replace("  loss mse\n", "  loss mse\n  dropout(0.1)\n")));
    }
}
