package dev.cairn.agent.mount;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The WebDAV server of {@code cairn mount}: the JDK's HTTP server with a fixed pool of request threads, serving the
 * snapshots given at start and those that appear later ({@link LiveCatalog}). The caller keeps the repository open while
 * the server runs and closes it after {@link #close()}.
 */
public final class DavServer implements AutoCloseable {
    private static final int READ_AHEAD_THREADS = 2;

    private final HttpServer http;
    private final ExecutorService requests;
    private final ExecutorService readAhead;
    private final BlobCache blobs;
    private final LiveCatalog catalog;

    private DavServer(HttpServer http, ExecutorService requests, ExecutorService readAhead, BlobCache blobs, LiveCatalog catalog) {
        this.http = http;
        this.requests = requests;
        this.readAhead = readAhead;
        this.blobs = blobs;
        this.catalog = catalog;
    }

    /**
     * Starts serving {@code snapshots} of {@code repo}, looking for new ones every {@code options.refreshEvery()}
     * ({@link LiveCatalog}); repository failures while serving go to {@code problems} (from request threads).
     *
     * @throws IOException if the address cannot be bound (in use, not local)
     */
    public static DavServer start(Repository repo, List<SnapshotRef> snapshots, MountOptions options, Consumer<String> problems)
            throws IOException {
        dev.cairn.engine.crypto.Aeads.warmUpInBackground(); // as restore does: files are megabytes of AES-GCM per blob
        ExecutorService readAhead = Executors.newFixedThreadPool(READ_AHEAD_THREADS, named("cairn-dav-read-ahead-"));
        BlobCache blobs = new BlobCache(repo, options.cacheBytes(), readAhead, READ_AHEAD_THREADS);
        LiveCatalog catalog = new LiveCatalog(repo, snapshots, options.refreshEvery(), problems);
        Namespace namespace = new Namespace(catalog::current, new Trees(repo, options.cacheBytes() / 4));
        ContentReader content = new ContentReader(repo::index, blobs, options.cacheBytes() / 4);
        Access access = new Access(options.password(), options.listen().loopback());
        HttpServer http;
        try {
            http = HttpServer.create(options.listen().socketAddress(), 0);
        } catch (IOException e) {
            readAhead.shutdownNow();
            catalog.close();
            throw new IOException("cannot listen on " + options.listen().host() + ":" + options.listen().port() + ": "
                    + e.getMessage() + "; choose another --listen address", e);
        }
        ExecutorService requests = Executors.newFixedThreadPool(options.threads(), named("cairn-dav-"));
        http.createContext("/", new DavHandler(namespace, content, access, problems, catalog.reading()));
        http.setExecutor(requests);
        http.start();
        return new DavServer(http, requests, readAhead, blobs, catalog);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The address served (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** Looks for new snapshots now (tests; the server does it every {@code refreshEvery}); whether the list changed. */
    boolean refresh() throws IOException, InterruptedException {
        return catalog.refresh();
    }

    /** Plaintext bytes in the blob cache now (for tests of its bound). */
    long cachedBytes() {
        return blobs.heldBytes();
    }

    /** Stops accepting, lets requests under way finish for up to a second, then stops the threads. */
    @Override
    public void close() {
        catalog.close();
        http.stop(1);
        requests.shutdownNow();
        readAhead.shutdownNow();
    }
}
