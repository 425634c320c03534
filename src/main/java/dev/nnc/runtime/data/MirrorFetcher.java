package dev.nnc.runtime.data;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Downloads the four .gz files over HTTPS from one of the usual MNIST mirrors. */
public final class MirrorFetcher implements MnistFetcher {
    /** The mirrors torchvision and TensorFlow use; both serve the original .gz files. */
    public static final List<URI> MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final Duration connectTimeout;
    private final Duration timeout;

    public MirrorFetcher(URI base) {
        this(base, CONNECT_TIMEOUT, TIMEOUT);
    }

    /** {@code base} ends with '/': the files' names are resolved against it. */
    public MirrorFetcher(URI base, Duration connectTimeout, Duration timeout) {
        this.base = base;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    @Override
    public String description() {
        return "MNIST from " + base;
    }

    @Override
    public Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws FetchException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        Map<MnistFile, Path> fetched = new EnumMap<>(MnistFile.class);
        for (MnistFile f : wanted) {
            URI uri = base.resolve(f.gzipName());
            Path target = dir.resolve(f.gzipName());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "nnc")
                    .GET().build();
            try {
                HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
                if (response.statusCode() != 200) {
                    throw new FetchException("HTTP " + response.statusCode() + " for " + uri);
                }
            } catch (HttpConnectTimeoutException e) {
                throw new FetchException("no connection to " + uri.getHost() + " within "
                        + Text.duration(connectTimeout), e);
            } catch (HttpTimeoutException e) {
                throw new FetchException(uri + " did not arrive within " + Text.duration(timeout), e);
            } catch (IOException e) {
                throw new FetchException("cannot download " + uri + ": " + reason(e, uri), e);
            }
            fetched.put(f, target);
        }
        return fetched;
    }

    /** java.net.http often throws ConnectException without a message; the cause has the words. */
    private static String reason(Throwable e, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "cannot resolve the host name " + uri.getHost();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
