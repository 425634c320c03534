package dev.nnc.runtime.data;

import java.nio.file.Path;

/** The MNIST training and test sets, read from verified files. */
public record Mnist(MnistFiles files, Dataset train, Dataset test) {
    /**
     * Reads the four files and checks each against its SHA-256 before use. A file that is
     * damaged or is not the MNIST file gets an error whose advice fits where it was found.
     */
    public static Mnist read(MnistFiles files, Checksums sums) throws DataException {
        Dataset train = pair(files, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, sums);
        Dataset test = pair(files, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS, sums);
        return new Mnist(files, train, test);
    }

    /** The test pair only, checked the same way. */
    public static Dataset readTest(MnistFiles files, Checksums sums) throws DataException {
        return pair(files, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS, sums);
    }

    private static Dataset pair(MnistFiles files, MnistFile images, MnistFile labels, Checksums sums)
            throws DataException {
        IdxFile imageFile = verified(files, images, sums);
        IdxFile labelFile = verified(files, labels, sums);
        return Dataset.of(imageFile, labelFile);
    }

    static IdxFile verified(MnistFiles files, MnistFile file, Checksums sums) throws DataException {
        Path path = files.path(file);
        try {
            IdxFile idx = Idx.read(path, file.kind());
            sums.verify(file, idx);
            return idx;
        } catch (DataException e) {
            // A file that cannot be read is a matter of permissions, not a bad copy to replace: its own help stays.
            throw e.kind() == DataException.Kind.UNREADABLE ? e : e.withHelp(files.source().helpFor(path));
        }
    }
}
