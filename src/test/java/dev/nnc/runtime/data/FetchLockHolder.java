package dev.nnc.runtime.data;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another nnc downloading MNIST (see MnistLocatorTest): holds the cache's fetch lock, says "held", and keeps it until its stdin ends. */
final class FetchLockHolder {
    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock();
            System.out.println("held");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
