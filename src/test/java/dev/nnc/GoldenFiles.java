package dev.nnc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares output with a committed golden file. Run with {@code -Dnnc.updateGolden=true}
 * (or {@code NNC_UPDATE_GOLDEN=1}) to rewrite the golden files instead; review the diff.
 */
public final class GoldenFiles {
    private GoldenFiles() {}

    public static boolean updating() {
        boolean asked = Boolean.getBoolean("nnc.updateGolden") || "1".equals(System.getenv("NNC_UPDATE_GOLDEN"));
        // CI compares, always: an update flag leaking into its environment would turn every golden test into a no-op.
        if (asked && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("golden files are not rewritten in CI (CI=true): unset NNC_UPDATE_GOLDEN / nnc.updateGolden");
        }
        return asked;
    }

    public static void assertMatches(Path golden, String actual) throws IOException {
        if (updating()) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing; run `mvn test -Dnnc.updateGolden=true` to create it");
        assertEquals(Files.readString(golden), actual,
                golden + " is stale; run `mvn test -Dnnc.updateGolden=true` and review the diff");
    }
}
