package dev.nnc.runtime.data;

/** The four files of MNIST, by their usual names; each may also be stored gzip'd as {@code name.gz}. */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", IdxKind.IMAGES),
    TRAIN_LABELS("train-labels-idx1-ubyte", IdxKind.LABELS),
    TEST_IMAGES("t10k-images-idx3-ubyte", IdxKind.IMAGES),
    TEST_LABELS("t10k-labels-idx1-ubyte", IdxKind.LABELS);

    private final String fileName;
    private final IdxKind kind;

    MnistFile(String fileName, IdxKind kind) {
        this.fileName = fileName;
        this.kind = kind;
    }

    /** The raw file's name, the name the checksums are listed under. */
    public String fileName() {
        return fileName;
    }

    public String gzipName() {
        return fileName + ".gz";
    }

    public IdxKind kind() {
        return kind;
    }
}
