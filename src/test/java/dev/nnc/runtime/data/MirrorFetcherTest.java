package dev.nnc.runtime.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mirror on localhost stands in for the real ones, which these machines do not reach. */
class MirrorFetcherTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private volatile long delayMillis;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mnist/", exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
            byte[] body = served.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }

    @Test
    void downloadsTheGzFiles() throws Exception {
        FakeMnist.contents().forEach((f, bytes) -> served.put(f.gzipName(), IdxBytes.gzip(bytes)));
        MirrorFetcher mirror = new MirrorFetcher(base(), SHORT, SHORT);

        Map<MnistFile, Path> got = mirror.fetch(dir, EnumSet.allOf(MnistFile.class));

        for (MnistFile f : MnistFile.values()) {
            assertEquals(dir.resolve(f.gzipName()), got.get(f));
            assertArrayEquals(served.get(f.gzipName()), Files.readAllBytes(got.get(f)));
        }
        assertEquals("MNIST from " + base(), mirror.description());
    }

    @Test
    void aMissingFileIsAnHttpError() {
        MirrorFetcher mirror = new MirrorFetcher(base(), SHORT, SHORT);
        FetchException e = assertThrows(FetchException.class,
                () -> mirror.fetch(dir, EnumSet.of(MnistFile.TEST_LABELS)));
        assertEquals("HTTP 404 for " + base() + "t10k-labels-idx1-ubyte.gz", e.getMessage());
    }

    @Test
    void anUnreachableMirrorFailsCleanly() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/mnist/");
        MirrorFetcher mirror = new MirrorFetcher(nowhere, SHORT, SHORT);
        FetchException e = assertThrows(FetchException.class,
                () -> mirror.fetch(dir, EnumSet.of(MnistFile.TEST_LABELS)));
        assertTrue(e.getMessage().startsWith("cannot download " + nowhere + "t10k-labels-idx1-ubyte.gz: "), e.getMessage());
    }

    @Test
    void anUnknownHostFailsCleanly() {
        MirrorFetcher mirror = new MirrorFetcher(URI.create("http://mnist.invalid/mnist/"), SHORT, SHORT);
        FetchException e = assertThrows(FetchException.class,
                () -> mirror.fetch(dir, EnumSet.of(MnistFile.TEST_LABELS)));
        assertEquals("cannot download http://mnist.invalid/mnist/t10k-labels-idx1-ubyte.gz: cannot resolve the host"
                + " name mnist.invalid", e.getMessage());
    }

    @Test
    void aSlowMirrorTimesOut() {
        served.put("t10k-labels-idx1-ubyte.gz", new byte[10]);
        delayMillis = 1500;
        MirrorFetcher mirror = new MirrorFetcher(base(), SHORT, Duration.ofMillis(500));
        FetchException e = assertThrows(FetchException.class,
                () -> mirror.fetch(dir, EnumSet.of(MnistFile.TEST_LABELS)));
        assertEquals(base() + "t10k-labels-idx1-ubyte.gz did not arrive within 0.5 s", e.getMessage());
    }
}
