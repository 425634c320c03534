package dev.nnc.runtime.data;

import java.util.List;

/** The two kinds of IDX file MNIST is made of, by magic number and dimension names. */
public enum IdxKind {
    IMAGES(0x00000803, "images", List.of("count", "rows", "columns")),
    LABELS(0x00000801, "labels", List.of("count"));

    private final int magic;
    private final String noun;
    private final List<String> dimNames;

    IdxKind(int magic, String noun, List<String> dimNames) {
        this.magic = magic;
        this.noun = noun;
        this.dimNames = dimNames;
    }

    /** Unsigned bytes (type 0x08) and the number of dimensions, as the file's first int32. */
    public int magic() {
        return magic;
    }

    public int dimensions() {
        return dimNames.size();
    }

    /** The magic number and one int32 per dimension. */
    public int headerBytes() {
        return 4 + 4 * dimensions();
    }

    String noun() {
        return noun;
    }

    /** One of them: "image", "label". */
    String item() {
        return noun.substring(0, noun.length() - 1);
    }

    List<String> dimNames() {
        return dimNames;
    }
}
