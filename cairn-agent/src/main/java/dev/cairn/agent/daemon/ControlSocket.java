package dev.cairn.agent.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * {@code STATE_DIR/daemon.sock}: the running daemon's control socket (a Unix domain socket, readable and writable by the
 * daemon's user only: the state directory is made 0700). One request per connection, one line each way:
 * {@code run SET} → the run's outcome as a JSON object ({@code set}, {@code status}, {@code message}, {@code start},
 * {@code end}) once the run ends, or {@code {"error": "..."}}.
 */
final class ControlSocket implements AutoCloseable {
    /** The socket's name in the state directory. */
    static final String NAME = "daemon.sock";
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread acceptor;

    private ControlSocket(ServerSocketChannel server, Path path, Function<String, CompletableFuture<SetRunner.Outcome>> runs, Log log) {
        this.server = server;
        this.path = path;
        this.acceptor = Thread.ofPlatform().daemon().name("cairn-daemon-control").start(() -> accept(runs, log));
    }

    /** Listens at {@code stateDir/daemon.sock} (a stale socket file of a dead daemon is replaced: the caller holds the instance lock). */
    static ControlSocket listen(Path stateDir, Function<String, CompletableFuture<SetRunner.Outcome>> runs, Log log) throws IOException {
        Path path = stateDir.resolve(NAME);
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return new ControlSocket(server, path, runs, log);
    }

    private void accept(Function<String, CompletableFuture<SetRunner.Outcome>> runs, Log log) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("cairn-daemon-request").start(() -> serve(client, runs, log));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void serve(SocketChannel client, Function<String, CompletableFuture<SetRunner.Outcome>> runs, Log log) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(client)) {
            String line = in.readLine();
            Map<String, Object> answer = answer(line, runs, log);
            out.write((Outbox.JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.info("control socket: " + e.getMessage());
        }
    }

    private static Map<String, Object> answer(String line, Function<String, CompletableFuture<SetRunner.Outcome>> runs, Log log) {
        if (line == null || !line.startsWith("run ")) {
            return Map.of("error", "unknown request; the daemon understands 'run SET'");
        }
        String set = line.substring(4).strip();
        try {
            log.info(set + ": run requested through the control socket");
            SetRunner.Outcome o = runs.apply(set).get();
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("set", set);
            m.put("status", o.status());
            m.put("message", o.message());
            m.put("start", o.start().toString());
            m.put("end", o.end().toString());
            return m;
        } catch (IllegalArgumentException e) {
            return Map.of("error", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of("error", "interrupted");
        } catch (ExecutionException e) {
            return Map.of("error", String.valueOf(e.getCause().getMessage()));
        }
    }

    /** Sends {@code request} to the daemon of {@code stateDir} and returns its answer (blocks until the run ends). */
    static JsonNode send(Path stateDir, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(stateDir.resolve(NAME)))) {
            ch.write(java.nio.ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the daemon closed the control socket without an answer");
            }
            return Outbox.JSON.readTree(line);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        acceptor.interrupt();
    }
}
