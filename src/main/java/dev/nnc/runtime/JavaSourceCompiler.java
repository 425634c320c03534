package dev.nnc.runtime;

import com.palantir.javapoet.JavaFile;
import dev.nnc.api.Network;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles generated sources in memory with the JDK's own javac (javax.tools) and loads
 * them, so that {@code nnc train} and the tests need no build step and no temp files.
 */
public final class JavaSourceCompiler {
    private JavaSourceCompiler() {}

    /** The compiled classes: binary name to bytecode, and a loader that defines them. */
    public record Compiled(Map<String, byte[]> classFiles, ClassLoader loader) {
        public Class<?> load(String binaryName) {
            try {
                return loader.loadClass(binaryName);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no compiled class " + binaryName, e);
            }
        }

        /** A new instance of a generated network class, for batches of up to {@code maxBatch}. */
        public <T extends Network> T newNetwork(String binaryName, Class<T> type, int maxBatch) {
            try {
                return type.cast(load(binaryName).getConstructor(int.class).newInstance(maxBatch));
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof OutOfMemoryError oom) throw oom;
                if (e.getCause() instanceof IllegalArgumentException tooLarge && maxBatch > 1) {
                    // The class's own check: maxBatch × a buffer's values per sample must fit an int; no heap would help.
                    throw new BatchTooLarge("a batch of " + String.format(Locale.ROOT, "%,d", maxBatch) + " is too large for "
                            + binaryName.substring(binaryName.lastIndexOf('.') + 1) + ": " + tooLarge.getMessage()
                            + "; use a smaller batch");
                }
                throw new IllegalStateException("cannot instantiate " + binaryName + ": " + e.getCause(), e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + binaryName + ": " + e, e);
            }
        }
    }

    /** The JVM is a JRE: an environment to fix, not a bug in nnc. */
    public static final class NoJavaCompiler extends RuntimeException {
        NoJavaCompiler(String message) { super(message); }
    }

    /** A batch so large that a buffer of the class would be longer than a Java array: a usage error. */
    public static final class BatchTooLarge extends RuntimeException {
        BatchTooLarge(String message) { super(message); }
    }

    /** Generated code that does not compile is a bug in nnc, not in the user's model. */
    public static final class CompilationFailed extends RuntimeException {
        CompilationFailed(String message) { super(message); }
    }

    /**
     * A model too big for one Java class: a method over 64 KB of bytecode, or more constants
     * than a class file holds. Not a bug, a limit of the JVM; the model must be smaller.
     */
    public static final class ClassTooLarge extends RuntimeException {
        ClassTooLarge(String message) { super(message); }
    }

    public static Compiled compile(List<JavaFile> files) {
        return compile(files, false);
    }

    /** {@code vector}: the files use the Vector API kernels ({@code dev.nnc.api.simd}), so javac needs their module. */
    public static Compiled compile(List<JavaFile> files, boolean vector) {
        List<JavaFileObject> sources = files.stream().map(JavaFile::toJavaFileObject).collect(Collectors.toList());
        return compile(sources, vector, "the generated code did not compile (a bug in nnc)");
    }

    /** A user's own source: a generated class they edited. Its errors are theirs (with their file and line). */
    public static final class SourceDoesNotCompile extends RuntimeException {
        SourceDoesNotCompile(String message) { super(message); }
    }

    /**
     * Compiles one Java source a user wrote or edited ({@code name}: its file name, for messages),
     * against nnc's API and, if it imports them, the Vector API kernels.
     */
    public static Compiled compileSource(String name, String text) {
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + name.replace('\\', '/')), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) { return text; }

            @Override
            public String getName() { return name; }

            // A copy saved under another name (MlpBroken.java holding class Mlp) compiles all the same.
            @Override
            public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) { return kind == JavaFileObject.Kind.SOURCE; }
        };
        try {
            return compile(List.of(source), text.contains("jdk.incubator.vector") || text.contains("dev.nnc.api.simd"),
                    name + " does not compile");
        } catch (CompilationFailed e) {
            throw new SourceDoesNotCompile(e.getMessage());
        }
    }

    private static Compiled compile(List<JavaFileObject> sources, boolean vector, String failure) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new NoJavaCompiler("no Java compiler in this runtime (" + System.getProperty("java.home")
                    + "): nnc needs a JDK, not a JRE; point JAVA_HOME at a JDK 17 or later");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager memory = new MemoryFileManager(standard);
        List<String> options = new ArrayList<>(List.of("-classpath", apiLocation(), "-proc:none", "-g", "-nowarn", "-Xlint:none",
                "--release", "17"));
        if (vector) options.addAll(List.of("--add-modules", Kernels.MODULE));
        // javac's own output (it reports its crashes there, an OutOfMemoryError among them) is kept, not printed.
        java.io.StringWriter javacOutput = new java.io.StringWriter();
        boolean ok;
        try {
            ok = javac.getTask(javacOutput, memory, diagnostics, options, null, sources).call();
        } finally {
            try {
                memory.close(); // the standard manager's open jars; the class files stay in memory.outputs
            } catch (java.io.IOException e) {
                // Nothing was written through it; a failed close loses nothing.
            }
        }
        if (!ok && javacOutput.toString().contains("java.lang.OutOfMemoryError")) {
            throw new OutOfMemoryError("Java heap space, while compiling the generated class");
        }
        if (!ok) {
            List<String> limits = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ROOT))
                    .filter(m -> m.contains("code too large") || m.contains("too many constants"))
                    .distinct().toList();
            if (!limits.isEmpty()) {
                throw new ClassTooLarge("the model is too large for one Java class (javac: " + String.join("; ", limits)
                        + "): a method holds at most 64 KB of bytecode and a class 65,535 constants; use fewer layers,"
                        + " or fewer distinct values in weight literals (load trained weights instead)");
            }
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .limit(10)
                    .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                            + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            throw new CompilationFailed(failure + ":\n" + errors);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        memory.outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
        return new Compiled(Map.copyOf(classes), new MemoryClassLoader(classes, JavaSourceCompiler.class.getClassLoader()));
    }

    /** Where the runtime API is, as a classpath entry for javac: the jar or classes directory. */
    private static String apiLocation() {
        try {
            return Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return System.getProperty("java.class.path", "") + File.pathSeparator;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();

        MemoryFileManager(JavaFileManager fileManager) {
            super(fileManager);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    outputs.put(className, out);
                    return out;
                }
            };
        }
    }

    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = new LinkedHashMap<>(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** For callers that only need the sources' class names. */
    public static List<String> binaryNames(List<JavaFile> files) {
        List<String> names = new ArrayList<>();
        for (JavaFile f : files) {
            names.add(f.packageName().isEmpty() ? f.typeSpec().name() : f.packageName() + "." + f.typeSpec().name());
        }
        return names;
    }
}
