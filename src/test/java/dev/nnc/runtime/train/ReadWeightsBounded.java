package dev.nnc.runtime.train;

import dev.nnc.api.TrainedWeights;

import java.nio.file.Path;

/** Reads a weights file with the api jar's reader in a JVM of its own (a small heap, see TrainedWeightsTest). */
final class ReadWeightsBounded {
    public static void main(String[] args) throws Exception {
        try {
            TrainedWeights.read(Path.of(args[0]), null); // the bytes are read before the network is looked at
        } catch (TrainedWeights.BadWeights e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
