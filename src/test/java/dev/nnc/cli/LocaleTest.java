package dev.nnc.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * nnc's output does not depend on the user's locale. Under a Turkish one, lower-casing "WEIGHT" gives
 * "weıght" (dotless i): `nnc ir` printed `role: weıght` and `function: sıgmoıd` (an environments review).
 */
class LocaleTest {
    private static String run(String language, String country, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.language=" + language, "-Duser.country=" + country,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void theIrReadsTheSameInTurkish() throws IOException, InterruptedException {
        for (String format : new String[] {"yaml", "json"}) {
            String english = Cli.run(Cli.REAL, "ir", "--format", format, "models/activations.nn").out();
            assertEquals(english, run("tr", "TR", "ir", "--format", format, "models/activations.nn"), format);
        }
    }
}
