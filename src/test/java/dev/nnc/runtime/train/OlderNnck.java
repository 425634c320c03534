package dev.nnc.runtime.train;

import java.nio.charset.StandardCharsets;

/** Today's .nnck bytes turned into what an older format held, for the tests that read older files. */
final class OlderNnck {
    private OlderNnck() {}

    /** The bytes without the architecture hash that version 4 added after the model's hash (the CRC is left as it was). */
    static byte[] withoutArchitecture(byte[] bytes, String modelName) {
        int at = 4 + 2 + 2 + modelName.getBytes(StandardCharsets.UTF_8).length + 32; // magic, version, name, model hash
        byte[] out = new byte[bytes.length - 32];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 32, out, at, bytes.length - at - 32);
        return out;
    }

    /** Today's file as format 3 wrote it: without the architecture, version 3, and its own CRC. */
    static byte[] formatThree(byte[] bytes, String modelName) {
        byte[] v3 = withoutArchitecture(bytes, modelName);
        v3[5] = 3; // the u16 version after the magic
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v3, 0, v3.length - 4);
        java.nio.ByteBuffer.wrap(v3).putInt(v3.length - 4, (int) crc.getValue());
        return v3;
    }
}
