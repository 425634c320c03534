package dev.nnc.runtime.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes .tgz files for tests, in the header forms {@link TarGz} must read. */
final class TarWriter implements AutoCloseable {
    private final OutputStream out;

    TarWriter(Path tgz) throws IOException {
        // Fastest compression: tests pack all of MNIST and only the format matters.
        this.out = new GZIPOutputStream(Files.newOutputStream(tgz), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** A regular file; a name over 100 characters is split into the ustar prefix and name. */
    TarWriter file(String name, byte[] data) throws IOException {
        String prefix = "";
        if (name.length() > 100) {
            int slash = name.lastIndexOf('/', 155);
            prefix = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        entry(name, prefix, '0', data);
        return this;
    }

    /** GNU style: an 'L' entry holding the long name, then the file under a cut name. */
    TarWriter gnuLongName(String name, byte[] data) throws IOException {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        entry("././@LongLink", "", 'L', n);
        entry(name.substring(0, 99), "", '0', data);
        return this;
    }

    /** pax style: an 'x' entry whose "path" record names the file that follows. */
    TarWriter pax(String name, byte[] data) throws IOException {
        String body = " path=" + name + "\n";
        int length = body.length();
        while (String.valueOf(length).length() + body.length() != length) { // the length counts its own digits
            length = String.valueOf(length).length() + body.length();
        }
        String record = length + body;
        entry("PaxHeader/x", "", 'x', record.getBytes(StandardCharsets.UTF_8));
        entry("cut-name", "", '0', data);
        return this;
    }

    TarWriter directory(String name) throws IOException {
        entry(name, "", '5', new byte[0]);
        return this;
    }

    TarWriter header(byte[] header, byte[] data) throws IOException {
        out.write(header);
        writeData(data);
        return this;
    }

    static byte[] header(String name, String prefix, char type, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0001750");
        put(h, 116, "0001750");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "14541205000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private void entry(String name, String prefix, char type, byte[] data) throws IOException {
        out.write(header(name, prefix, type, data.length));
        writeData(data);
    }

    private void writeData(byte[] data) throws IOException {
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, b.length);
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[1024]);
        out.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
