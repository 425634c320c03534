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
}
