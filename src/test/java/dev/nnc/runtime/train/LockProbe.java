package dev.nnc.runtime.train;

import java.nio.file.Path;

/**
 * A second process for {@link RunFolderTest}: {@code hold DIR} takes a run folder's lock, says "held" and keeps it
 * until its stdin ends, as a training does; {@code probe DIR} prints what {@link RunFolder#inUse} says from outside.
 */
public final class LockProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("probe")) {
            System.out.println(RunFolder.inUse(dir));
            return;
        }
        try (RunFolder folder = RunFolder.open(dir)) {
            folder.lock();
            System.out.println("held");
            System.out.flush();
            System.in.readAllBytes();
        }
    }

    /** {@code java -cp <these classes> LockProbe MODE DIR}, started. */
    static Process start(String mode, Path dir) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), mode, dir.toString()).redirectErrorStream(true).start();
    }
}
