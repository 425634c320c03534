package dev.nnc.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash nnc uses: of a model's tokens (the identity checkpoints pin), of MNIST's
 * files (checked against the sums nnc ships), and of the Maven plugin's inputs and outputs.
 */
public final class Sha256 {
    private Sha256() {}

    /** A fresh digest, for content read in pieces. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The hash of a text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of a text's UTF-8 bytes, in lowercase hex. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    /** The hash of a file's bytes as stored, in lowercase hex. */
    public static String hexOf(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
