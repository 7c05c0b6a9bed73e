package dev.cairn.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server keeps accepting connections while every carrier thread of the virtual-thread scheduler is busy (issue 21:
 * a long-running server under load left about one new connection in four waiting for 60 s, the closed ones in
 * CLOSE-WAIT). Javalin's virtual-thread pool ran Jetty's acceptor and selector as virtual threads, so they waited for a
 * carrier like every request: with the carriers taken by CPU-bound work, nothing took connections off the kernel's
 * listen backlog (50), and connections past it were not even established. The acceptor and selector now run on
 * platform threads ({@code HttpApi.threadPool}); requests still run on virtual threads.
 */
class BusyCarriersTest {
    /** More than the listen backlog the server's connector gets (the JDK's default of 50). */
    private static final int CONNECTIONS = 120;

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void connectionsAreAcceptedWhileEveryCarrierIsBusy() throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        AtomicBoolean spin = new AtomicBoolean(true);
        CountDownLatch busy = new CountDownLatch(carriers);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < carriers; i++) { // CPU-bound virtual threads never yield their carrier
            spinners.add(Thread.ofVirtual().start(() -> {
                busy.countDown();
                while (spin.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        List<Socket> sockets = new ArrayList<>();
        int connected = 0;
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("every carrier taken").isTrue();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()), 2_000);
                    connected++;
                } catch (IOException e) {
                    break; // the backlog is full: nothing takes connections off it
                }
            }
        } finally {
            spin.set(false);
            for (Thread t : spinners) {
                t.join();
            }
            for (Socket s : sockets) {
                s.close();
            }
        }

        assertThat(connected).isEqualTo(CONNECTIONS);
    }
}
