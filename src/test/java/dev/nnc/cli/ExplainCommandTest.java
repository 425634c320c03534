package dev.nnc.cli;

import dev.nnc.diag.Code;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {
    @Test
    void printsThePageOfACodeAsDiagnosticsWriteItOrShorter() {
        for (String written : new String[] {"NN0102", "nn0102", "102"}) {
            Cli.Run run = Cli.run(Cli.REAL, "explain", written).withoutStackTrace();
            assertEquals(ExitCodes.OK, run.exit(), run.err());
            assertTrue(run.out().startsWith("# NN0102: input size mismatch\n\n"), run.out());
            assertTrue(run.out().contains("```nn\n"), "with its examples: " + run.out());
        }
    }

    @Test
    void withoutACodeListsThemAll() {
        Cli.Run run = Cli.run(Cli.REAL, "explain").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit());
        assertEquals(Code.values().length, run.out().lines().count(), run.out());
        assertTrue(run.out().contains("NN0102  error    input size mismatch\n"), run.out());
        assertTrue(run.out().contains("NN0501  warning  consecutive linear layers\n"), run.out());
        assertEquals("(nnc explain NN0102 shows the page of a code)\n", run.err());
    }

    @Test
    void anUnknownCodeIsAUsageError() {
        Cli.Run run = Cli.run(Cli.REAL, "explain", "E0308").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("nnc: `E0308` is not a diagnostic code of nnc; codes look like NN0102 (`nnc explain` lists them all)\n", run.err());
    }
}
