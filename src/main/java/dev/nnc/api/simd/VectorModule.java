package dev.nnc.api.simd;

/**
 * Whether this JVM was started with the incubating Vector API. The other classes of this
 * package need it; this one never touches it, so that a class generated with
 * {@code --vector} can say what is missing instead of failing on
 * {@code NoClassDefFoundError: jdk/incubator/vector/FloatVector}.
 */
public final class VectorModule {
    private VectorModule() {}

    public static final String NAME = "jdk.incubator.vector";

    public static boolean available() {
        return ModuleLayer.boot().findModule(NAME).isPresent();
    }

    /**
     * Refuses to go on without the module, naming the generated class and the JVM flag. The
     * first static field of every {@code --vector} class calls this, before its kernels load.
     */
    public static boolean require(String generatedClass) {
        if (!available()) {
            throw new IllegalStateException(generatedClass + " was generated with --vector and needs the JVM flag `--add-modules "
                    + NAME + "` (on the java command line, in surefire's argLine, in MAVEN_OPTS or JDK_JAVA_OPTIONS for"
                    + " exec:java), or generate it again without --vector");
        }
        return true;
    }
}
