package dev.nnc;

import dev.nnc.common.IoReasons;
import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading .nn files from disk without trusting them: whatever a user points nnc at
 * (a directory, a binary, a huge log, a pipe) ends as one file-level diagnostic, never
 * as an exception. Empty files are passed through: the parser owns that message (NN0007).
 */
public final class Sources {
    /** Larger files are refused before they are decoded; real models are a few KiB. */
    public static final int MAX_BYTES = 1 << 20;

    private static final String EXTENSION = ".nn";

    private Sources() {}

    /** The outcome of reading one path: its text, or why there is none. */
    public sealed interface Loaded permits Loaded.Text, Loaded.Failed {
        record Text(SourceFile file) implements Loaded {}

        record Failed(Diagnostic diagnostic, Reason reason) implements Loaded {}
    }

    public enum Reason {
        MISSING, DIRECTORY, UNREADABLE, NOT_TEXT, TOO_LARGE;

        /** Whether nothing could be read at all, as opposed to content that was read and refused. */
        public boolean unreadable() { return this == MISSING || this == DIRECTORY || this == UNREADABLE; }
    }

    /**
     * The files that {@code nnc check PATH...} will check, and why a directory among the paths gave
     * none (file-level diagnostics of the directory: NN0005 if it could not be listed, NN0010 if it
     * holds no models), so that a JSON or SARIF document can carry them too.
     */
    public record Expansion(List<Path> files, List<Diagnostic> problems) {
        public Expansion {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** Reads one file, reported under the path as given. */
    public static Loaded load(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            return failed(Reason.DIRECTORY, Diagnostic.forFile(Code.NN0005, name, "`" + name + "` is a directory, not a .nn file")
                    .help("`nnc check " + name + "` checks every .nn file under it"));
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, name, path);
        } catch (NoSuchFileException e) {
            if (name.equals("-")) { // a Unix habit; only check's list of files takes it (CheckCommand reads it, not this)
                return failed(Reason.MISSING, Diagnostic.forFile(Code.NN0005, name, "cannot read `-`: only `nnc check` reads a model"
                                + " from standard input")
                        .help("give the model's file, or save the buffer first"));
            }
            if (Files.isSymbolicLink(path)) {
                String target;
                try {
                    target = Files.readSymbolicLink(path).toString();
                } catch (IOException unreadable) {
                    target = "?";
                }
                return failed(Reason.MISSING, Diagnostic.forFile(Code.NN0005, name, "cannot read `" + name
                                + "`: it is a symbolic link to `" + target + "`, which does not exist")
                        .help("point the link at the model, or remove it"));
            }
            return failed(Reason.MISSING, Diagnostic.forFile(Code.NN0005, name, "cannot read `" + name + "`: no such file")
                    .help("check the spelling; paths are relative to the current directory"));
        } catch (AccessDeniedException e) {
            return failed(Reason.UNREADABLE, Diagnostic.forFile(Code.NN0005, name, "cannot read `" + name + "`: permission denied"));
        } catch (IOException e) {
            return unreadable(name, e);
        }
    }

    /**
     * Reads a model from a stream (standard input: an editor's unsaved buffer), reported under
     * {@code name}, with the checks a file gets (size, NUL bytes, UTF-8).
     */
    public static Loaded read(InputStream in, String name) {
        return read(in, name, null);
    }

    /** @param file the file read, whose size a refusal says; {@code null} for a stream */
    private static Loaded read(InputStream in, String name, Path file) {
        byte[] bytes;
        try {
            // One byte past the limit instead of trusting a size: pipes and /dev files have none.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return unreadable(name, e);
        }
        if (bytes.length > MAX_BYTES) return tooLarge(file, name);
        return decode(name, bytes);
    }

    private static Loaded unreadable(String name, IOException e) {
        return failed(Reason.UNREADABLE, Diagnostic.forFile(Code.NN0005, name, "cannot read `" + name + "`: " + reason(e)));
    }

    /**
     * The files named on a command line: a file stands for itself (even without the .nn
     * extension, since the user named it), a directory for every {@code *.nn} under it,
     * recursively and in sorted order. Duplicates are dropped. A directory without any
     * .nn file is a problem: it is almost always the wrong directory.
     */
    public static Expansion expand(List<Path> paths) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                add(path, seen, files);
                continue;
            }
            List<Path> found;
            try {
                found = modelsUnder(path);
            } catch (IOException e) {
                problems.add(Diagnostic.forFile(Code.NN0005, path.toString(), "cannot list directory `" + path + "`: " + reason(e)).build());
                continue;
            }
            if (found.isEmpty()) {
                long hidden = hiddenModels(path);
                problems.add(Diagnostic.forFile(Code.NN0010, path.toString(), "directory `" + path + "` contains no .nn files" + (hidden == 0 ? ""
                        : " but " + (hidden == 1 ? "one" : hidden) + " whose name or folder starts with `.`, which a directory leaves out;"
                        + " name " + (hidden == 1 ? "it" : "them") + " to check " + (hidden == 1 ? "it" : "them"))).build());
            }
            found.forEach(p -> add(p, seen, files));
        }
        return new Expansion(files, problems);
    }

    /**
     * Every {@code *.nn} file under {@code dir}, recursively, in sorted order: what a directory
     * stands for, on the command line and in the Maven plugin. Symbolic links are followed (a
     * linked directory of models counts); a broken link to a .nn file is kept, so that loading
     * it reports it instead of skipping it without a word. Names that start with {@code .} below
     * {@code dir} are skipped, as a shell's {@code *} skips them: an editor's lock or backup
     * ({@code .#mlp.nn}), a hidden folder (.git, .idea).
     */
    public static List<Path> modelsUnder(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes attrs) {
                        return !d.equals(dir) && hidden(d) ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes attrs) {
                        if (!hidden(f) && f.getFileName().toString().endsWith(EXTENSION) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                            found.add(f);
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
        java.util.Collections.sort(found);
        return found;
    }

    /** The .nn files under {@code dir} that {@link #modelsUnder} leaves out for a hidden name; 0 if it cannot tell. */
    private static long hiddenModels(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                    .filter(p -> { for (Path part : dir.relativize(p)) if (part.toString().startsWith(".")) return true; return false; })
                    .count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    private static void add(Path path, Set<Path> seen, List<Path> files) {
        if (seen.add(path.toAbsolutePath().normalize())) files.add(path);
    }

    private static Loaded decode(String name, byte[] bytes) {
        // Text saved as UTF-16 or UTF-32 (some Windows editors) is full of NUL bytes: said as what it is.
        String wide = wideEncoding(bytes);
        if (wide != null) {
            return failed(Reason.NOT_TEXT, Diagnostic.forFile(Code.NN0009, name, "`" + name + "` is " + wide + " text, not UTF-8")
                    .note("it starts with a " + wide + " byte order mark")
                    .help("save it as UTF-8, e.g. `iconv -f " + wide + " -t UTF-8`"));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) return notText(name, "it contains a NUL byte " + where(bytes, i));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            // Located, and shown as an editor would show it (the bad byte as �), so that logs and IDEs link to it;
            // a BOM is left out of the text and its columns, as it is from a file that decodes.
            int start = bom(bytes) ? 3 : 0;
            SourceFile lossy = new SourceFile(name, new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
            int at = new String(bytes, start, in.position() - start, StandardCharsets.UTF_8).length();
            return failed(Reason.NOT_TEXT, Diagnostic.at(Code.NN0009, lossy.span(at, at + 1), "`" + name + "` is not UTF-8 text")
                    .label("not UTF-8")
                    .note("the first byte that is not UTF-8 is " + where(bytes, in.position()))
                    .help("save it as UTF-8 (it may be in Latin-1 or another encoding), or check that it is the file you meant"));
        }
        String text = out.flip().toString();
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a BOM is noise, not source
        return new Loaded.Text(new SourceFile(name, text));
    }

    /** "UTF-32" or "UTF-16" by the byte order mark a file starts with (UTF-32's first, as UTF-16LE's is its prefix), or null. */
    private static String wideEncoding(byte[] b) {
        int[] u = new int[4];
        for (int i = 0; i < 4; i++) u[i] = i < b.length ? b[i] & 0xff : -1;
        if (u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0 || u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) return "UTF-32";
        if (u[0] == 0xFF && u[1] == 0xFE || u[0] == 0xFE && u[1] == 0xFF) return "UTF-16";
        return null;
    }

    private static boolean bom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
    }

    /** "on line 3, column 14 (byte 30)": where a byte is (the text before it is valid UTF-8; a BOM counts in bytes, not columns). */
    private static String where(byte[] bytes, int offset) {
        int line = 1, lineStart = bom(bytes) && offset >= 3 ? 3 : 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // Counted in UTF-16 units, as every location nnc gives (and SARIF's default): the same column as the header's.
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        int column = before.length() + 1;
        return "on line " + line + ", column " + column + " (byte " + offset + ")";
    }

    private static Loaded notText(String name, String why) {
        return failed(Reason.NOT_TEXT, Diagnostic.forFile(Code.NN0009, name, "`" + name + "` is not a text file")
                .note(why)
                .help(".nn files are UTF-8 text; is this the file you meant?"));
    }

    /** @param path the file, whose size is said; {@code null} for a stream (standard input), which has none */
    private static Loaded tooLarge(Path path, String name) {
        String size;
        try {
            size = path != null && Files.isRegularFile(path) ? bytes(Files.size(path)) : "more than " + bytes(MAX_BYTES);
        } catch (IOException e) {
            size = "more than " + bytes(MAX_BYTES);
        }
        return failed(Reason.TOO_LARGE, Diagnostic.forFile(Code.NN0008, name,
                        "`" + name + "` is too large: " + size + ", the limit is " + bytes(MAX_BYTES))
                .note("a .nn file describes a model; even one with weight literals is a few KiB")
                .help("is this the file you meant?"));
    }

    /** {@code 10,485,760 bytes (10.0 MiB)}: exact for tools, rounded for people. */
    static String bytes(long n) {
        String exact = String.format(Locale.ROOT, "%,d bytes", n);
        if (n < 1024) return exact;
        double kib = n / 1024.0;
        String rounded = kib < 1024
                ? String.format(Locale.ROOT, "%.1f KiB", kib)
                : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
        return exact + " (" + rounded + ")";
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemLoopException loop) {
            return "the symbolic link " + loop.getFile() + " leads back into a directory above it (a loop): remove it, or check its directories one by one";
        }
        return IoReasons.of(e);
    }

    private static Loaded failed(Reason reason, Diagnostic.Builder diagnostic) {
        return new Loaded.Failed(diagnostic.build(), reason);
    }
}
