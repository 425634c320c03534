package dev.nnc.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's sample sessions of commands whose output is the same on every machine (check,
 * summary) are what those commands print: a change of a message shows here, not first to a reader.
 */
class ReadmeExamplesTest {
    /** A fenced block whose first line is `$ ./nnc check ...` or `$ ./nnc summary ...`, and the rest of it. */
    private static final Pattern SESSION = Pattern.compile("(?m)^```\\n\\$ \\./nnc ((?:check|summary) [^\\n]+)\\n(.*?)^```$", Pattern.DOTALL);

    @Test
    void theReadmesSessionsAreWhatNncPrints() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = SESSION.matcher(readme);
        List<String> commands = new ArrayList<>();
        Environment fromTheRepository = new Environment(Cli.REAL.compiler(), Map.of("NNC_PROGRAM", "./nnc"), false);
        while (m.find()) {
            commands.add(m.group(1));
            Cli.Run run = Cli.run(fromTheRepository, m.group(1).split(" ")).withoutStackTrace();
            assertEquals(m.group(2), run.out(), "README: ./nnc " + m.group(1));
        }
        assertTrue(commands.size() >= 2, "the README shows a check and a summary: " + commands);
    }
}
