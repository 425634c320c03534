package dev.nnc.ir;

/**
 * How a weight tensor starts. {@code scale} is the standard deviation of NORMAL and the
 * limit of UNIFORM; XAVIER and HE derive theirs from fan-in and fan-out at run time.
 */
public record Init(Kind kind, double scale) {
    public enum Kind { ZEROS, NORMAL, UNIFORM, XAVIER, HE }

    public static final Init ZEROS = new Init(Kind.ZEROS, 0);
    public static final Init XAVIER = new Init(Kind.XAVIER, 0);
    public static final Init HE = new Init(Kind.HE, 0);

    @Override
    public String toString() {
        return switch (kind) {
            case NORMAL -> "normal(" + scale + ")";
            case UNIFORM -> "uniform(" + scale + ")";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
