package dev.nnc.codegen;

import javax.lang.model.SourceVersion;
import java.util.Set;

/**
 * The Java class name of a model: its name with a capital first letter, or that name plus
 * {@code Model} where the plain name would break Java code: a keyword ({@code class}), or a
 * type of {@code java.lang}. A class {@code String} or {@code Math} in a package would shadow
 * {@code java.lang.String} or {@code Math} for every other class of that package (same-package
 * types win over the implicit {@code java.lang} import), and the generated classes use them
 * by their simple names.
 */
public final class ClassNames {
    private ClassNames() {}

    /**
     * The public top-level types of {@code java.lang} in JDK 17 (listed from its {@code jrt:/}
     * image), fixed here so that the class name of a model does not depend on the JDK running nnc.
     */
    static final Set<String> JAVA_LANG = Set.of(
            "AbstractMethodError", "Appendable", "ArithmeticException", "ArrayIndexOutOfBoundsException", "ArrayStoreException",
            "AssertionError", "AutoCloseable", "Boolean", "BootstrapMethodError", "Byte", "CharSequence", "Character", "Class",
            "ClassCastException", "ClassCircularityError", "ClassFormatError", "ClassLoader", "ClassNotFoundException", "ClassValue",
            "CloneNotSupportedException", "Cloneable", "Comparable", "Compiler", "Deprecated", "Double", "Enum",
            "EnumConstantNotPresentException", "Error", "Exception", "ExceptionInInitializerError", "Float", "FunctionalInterface",
            "IllegalAccessError", "IllegalAccessException", "IllegalArgumentException", "IllegalCallerException",
            "IllegalMonitorStateException", "IllegalStateException", "IllegalThreadStateException", "IncompatibleClassChangeError",
            "IndexOutOfBoundsException", "InheritableThreadLocal", "InstantiationError", "InstantiationException", "Integer",
            "InternalError", "InterruptedException", "Iterable", "LayerInstantiationException", "LinkageError", "Long", "Math",
            "Module", "ModuleLayer", "NegativeArraySizeException", "NoClassDefFoundError", "NoSuchFieldError",
            "NoSuchFieldException", "NoSuchMethodError", "NoSuchMethodException", "NullPointerException", "Number",
            "NumberFormatException", "Object", "OutOfMemoryError", "Override", "Package", "Process", "ProcessBuilder",
            "ProcessHandle", "Readable", "Record", "ReflectiveOperationException", "Runnable", "Runtime", "RuntimeException",
            "RuntimePermission", "SafeVarargs", "SecurityException", "SecurityManager", "Short", "StackOverflowError",
            "StackTraceElement", "StackWalker", "StrictMath", "String", "StringBuffer", "StringBuilder",
            "StringIndexOutOfBoundsException", "SuppressWarnings", "System", "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal",
            "Throwable", "TypeNotPresentException", "UnknownError", "UnsatisfiedLinkError", "UnsupportedClassVersionError",
            "UnsupportedOperationException", "VerifyError", "VirtualMachineError", "Void");

    public static String forModel(String modelName) {
        String n = Character.toUpperCase(modelName.charAt(0)) + modelName.substring(1);
        return SourceVersion.isName(n) && !JAVA_LANG.contains(n) ? n : n + "Model";
    }
}
