package dev.nnc.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file nnc writes (generated classes, checkpoints, run files, build state) is written
 * beside its target, forced to disk and renamed over it: a reader, or a crash at any moment,
 * sees the old file or the new one, never half of one. The temporary file is made with the
 * default permissions (the user's umask), not {@link Files#createTempFile}'s owner-only ones,
 * so the renamed file is as readable as any other the user creates.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** {@code .checkpoint.nnck.0123456789abcdef.tmp}: the temporary file of a write of {@code checkpoint.nnck}. */
    private static String temporaryName(String target, String random) {
        return "." + target + "." + random + ".tmp";
    }

    /**
     * Whether {@code name} is the temporary file of a write of {@code target} (one that a killed write
     * left), as opposed to any other hidden file a user keeps there.
     */
    public static boolean isTemporaryOf(String name, String target) {
        String prefix = "." + target + ".";
        return name.startsWith(prefix) && name.endsWith(".tmp") && name.length() == temporaryName(target, "0".repeat(16)).length()
                && name.substring(prefix.length(), prefix.length() + 16).chars().allMatch(HexFormat::isHexDigit);
    }

    /**
     * Refuses, with the error {@link #write} would meet, a {@code path} that cannot be written: asked before work that
     * takes minutes (a benchmark), whose result should not be lost at the end. Leaves nothing behind: the probe file it
     * makes in the nearest folder that exists is deleted, and no folder is made.
     */
    public static void checkWritable(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Path existing = parent == null ? null : IoReasons.nearestExisting(parent).orElse(null);
        if (existing == null) return;
        if (!Files.isDirectory(existing)) throw new java.nio.file.NotDirectoryException(existing.toString());
        try {
            Files.delete(Files.createTempFile(existing, ".nnc-probe-", ".tmp"));
        } catch (java.nio.file.FileSystemException e) { // said of the folder, not of the probe's made-up name
            throw new java.nio.file.FileSystemException(existing.toString(), null, IoReasons.of(e));
        }
    }

    public static void write(Path path, byte[] bytes) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(temporaryName(path.getFileName().toString(), HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) ch.write(buffer);
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself reaches the disk
            } catch (IOException ignored) {
                // Some file systems cannot sync a directory; the rename is still atomic.
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
