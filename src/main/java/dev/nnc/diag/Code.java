package dev.nnc.diag;

/**
 * Every diagnostic nnc can emit, with a stable code. Codes are never reused or
 * renumbered: tools and users may match on them.
 *
 * <ul>
 *   <li>NN00xx — reading and parsing a file</li>
 *   <li>NN01xx — shapes</li>
 *   <li>NN02xx — names and arguments</li>
 *   <li>NN03xx — model structure and training</li>
 *   <li>NN05xx — lints (warnings)</li>
 * </ul>
 */
public enum Code {
    // Reading and parsing
    NN0001(Severity.ERROR, "syntax error"),
    NN0002(Severity.ERROR, "unclosed delimiter"),
    NN0003(Severity.ERROR, "invalid character"),
    NN0004(Severity.ERROR, "number out of range"),
    NN0005(Severity.ERROR, "unreadable file"),
    NN0006(Severity.ERROR, "nesting too deep"),
    NN0007(Severity.ERROR, "empty file"),
    NN0008(Severity.ERROR, "file too large"),
    /** Read, but not UTF-8 text (a binary, another encoding): unlike NN0005, the file was there to read. */
    NN0009(Severity.ERROR, "not UTF-8 text"),
    NN0010(Severity.ERROR, "no models in a directory"),

    // Shapes
    NN0101(Severity.ERROR, "channel mismatch"),
    NN0102(Severity.ERROR, "input size mismatch"),
    NN0103(Severity.ERROR, "layer needs a vector"),
    NN0104(Severity.ERROR, "window does not fit"),
    NN0105(Severity.ERROR, "weights literal has the wrong shape"),
    NN0106(Severity.ERROR, "bias literal has the wrong shape"),
    NN0107(Severity.ERROR, "layer needs an image"),
    NN0108(Severity.ERROR, "loss does not fit the output"),
    NN0109(Severity.ERROR, "invalid shape"),
    NN0110(Severity.ERROR, "size too large"),

    // Names and arguments
    NN0201(Severity.ERROR, "unknown layer kind or statement"),
    NN0202(Severity.ERROR, "unknown activation"),
    NN0203(Severity.ERROR, "unknown argument"),
    NN0204(Severity.ERROR, "missing argument"),
    NN0205(Severity.ERROR, "argument has the wrong type"),
    NN0206(Severity.ERROR, "argument out of range"),
    NN0207(Severity.ERROR, "duplicate layer name"),
    NN0208(Severity.ERROR, "duplicate argument"),
    NN0209(Severity.ERROR, "unknown loss"),
    NN0210(Severity.ERROR, "unknown optimizer"),
    NN0211(Severity.ERROR, "unknown initializer"),
    NN0212(Severity.ERROR, "too many arguments"),
    NN0213(Severity.ERROR, "literal not allowed here"),
    NN0214(Severity.ERROR, "name too long"),

    // Model structure and training
    NN0301(Severity.ERROR, "activation cannot be trained"),
    NN0302(Severity.ERROR, "missing statement"),
    NN0303(Severity.ERROR, "duplicate statement"),
    NN0304(Severity.ERROR, "statement out of order"),
    /** Not a checker's error: {@code nnc train}, {@code eval}, {@code predict} and {@code bench} need a model MNIST can feed. */
    NN0305(Severity.ERROR, "model does not fit MNIST"),

    // Lints
    NN0501(Severity.WARNING, "consecutive linear layers"),
    NN0502(Severity.WARNING, "vanishing gradients"),
    NN0503(Severity.WARNING, "softmax trained with mse"),
    NN0504(Severity.WARNING, "window drops input"),
    NN0505(Severity.WARNING, "unusual learning rate"),
    NN0506(Severity.WARNING, "redundant layer"),
    NN0507(Severity.WARNING, "misplaced softmax"),
    NN0508(Severity.WARNING, "activation before a loss on logits"),
    NN0509(Severity.WARNING, "early stopping without a validation split"),
    NN0510(Severity.WARNING, "dropout after the output"),
    NN0511(Severity.WARNING, "leaky ReLU without a leak"),
    NN0512(Severity.WARNING, "hidden weights start at zero"),
    NN0513(Severity.WARNING, "initializer not used"),
    NN0514(Severity.WARNING, "batch too large for the class"),
    NN0515(Severity.WARNING, "training settings in a model that does not train"),
    NN0516(Severity.WARNING, "activation on a squashed input"),
    NN0517(Severity.WARNING, "padding as wide as the window");

    private final Severity severity;
    private final String title;

    Code(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() { return severity; }

    /** A few words naming the kind of problem, for listings such as SARIF rules. */
    public String title() { return title; }
}
