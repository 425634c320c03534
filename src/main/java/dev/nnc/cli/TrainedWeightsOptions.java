package dev.nnc.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --weights} and {@code --vector}, shared by the commands that use trained weights (eval, predict). */
final class TrainedWeightsOptions {
    @Option(names = "--weights", paramLabel = "W", required = true,
            description = "A checkpoint (.nnck) or a run folder of `nnc train` (its weights.nnck, or its checkpoint while it has none).")
    Path weights;

    @Option(names = "--vector", description = "Use the Vector API kernels (jdk.incubator.vector; the nnc launcher adds the JVM flag).")
    boolean vector;
}
