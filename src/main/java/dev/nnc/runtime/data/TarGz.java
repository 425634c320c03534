package dev.nnc.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of tar to take named files out of a .tgz such as {@code npm pack} writes:
 * ustar headers (name and prefix), GNU long names and pax paths; everything else is
 * skipped. Files are matched by their base name and written under that name only, so no
 * path in the archive decides where anything is written.
 */
final class TarGz {
    private TarGz() {}

    private static final int BLOCK = 512;

    /** Writes each regular file whose base name is wanted into {@code dir}; returns name to path. */
    static Map<String, Path> extract(Path tgz, Set<String> wanted, Path dir) throws IOException {
        Map<String, Path> found = new HashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
             InputStream in = new GZIPInputStream(file, 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readBlock(in, header)) {
                if (isZero(header)) {
                    break; // the end-of-archive marker
                }
                checkHeaderSum(header);
                long size = size(header);
                char type = (char) header[156];
                switch (type) {
                    case 'L' -> longName = cString(readEntry(in, size), 0, (int) size); // GNU: the next entry's name
                    case 'x' -> longName = paxPath(readEntry(in, size), longName);
                    case '0', '\0', '7' -> {
                        String name = baseName(longName != null ? longName : ustarName(header));
                        longName = null;
                        if (wanted.contains(name) && !found.containsKey(name)) {
                            Path target = dir.resolve(name);
                            try (OutputStream out = Files.newOutputStream(target)) {
                                copy(in, out, size);
                            }
                            found.put(name, target);
                        } else {
                            skip(in, size);
                        }
                        skipPadding(in, size);
                    }
                    default -> {
                        longName = null;
                        skip(in, size);
                        skipPadding(in, size);
                    }
                }
            }
        }
        return found;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false; // an archive without its end marker: accept what was there
        }
        if (n < BLOCK) {
            throw new EOFException("the tar archive ends inside a header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header's own checksum: the sum of its bytes with the checksum field read as spaces. */
    private static void checkHeaderSum(byte[] h) throws IOException {
        long stored = octal(h, 148, 8);
        long unsigned = 0, signed = 0; // some old tars summed signed bytes
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += i >= 148 && i < 156 ? ' ' : h[i];
        }
        if (stored != unsigned && stored != signed) {
            throw new IOException("not a tar archive, or a damaged one: a header's checksum is wrong");
        }
    }

    private static long size(byte[] h) throws IOException {
        if ((h[124] & 0x80) != 0) { // GNU base-256 for sizes of 8 GiB and more
            long size = 0;
            for (int i = 125; i < 136; i++) {
                size = (size << 8) | (h[i] & 0xff);
            }
            return size;
        }
        return octal(h, 124, 12);
    }

    private static long octal(byte[] h, int at, int length) throws IOException {
        long value = 0;
        for (int i = at; i < at + length; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (value > 0) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("not a tar archive, or a damaged one: a header holds a bad number");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** A pax header's "path" record, else the name it was given. */
    private static String paxPath(byte[] records, String otherwise) {
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return otherwise;
    }

    private static String cString(byte[] b, int at, int length) {
        int end = at;
        while (end < at + length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static String baseName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static byte[] readEntry(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("a tar extended header of " + size + " bytes is not plausible");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("the tar archive ends inside an entry");
        }
        skipPadding(in, size);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the tar archive ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        copy(in, OutputStream.nullOutputStream(), size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        skip(in, padding);
    }
}
