package dev.nnc.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data}, shared by the commands that read MNIST (train, eval, bench). */
final class MnistDataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "The folder holding the MNIST files (raw or .gz); else $NNC_DATA, else ~/.cache/nnc/mnist, fetched once if absent.")
    Path dir;
}
