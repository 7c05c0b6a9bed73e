package dev.cairn.workspace.records;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * API load benchmark (issue 5), not a timed test: runs only with {@code -Dcairn.bench=records} (see bench/records.sh).
 * Starts a real cairn server (SQLite, or PostgreSQL) on a free port, loads {@code cairn.bench.rows} orders into its
 * workspace, then runs {@code cairn.bench.clients} (50) API clients over HTTP, in this JVM, without pauses between
 * requests, for {@code cairn.bench.warmup} (10) seconds that are not measured (JIT, caches) and then
 * {@code cairn.bench.seconds} (60) that are; each client has its own bearer token and its own keep-alive HTTP/1.1
 * connection (Apache HttpClient's classic API: blocking I/O on the client's thread, so the clients, which share the
 * server's CPUs, cost little CPU themselves; the JDK HttpClient used before spent about a fifth of the JVM's CPU and
 * three thread hand-offs per request).
 * Errors are counted from the start. Each client creates a few orders, then loops over a
 * mix of page-1 listings (30 %), single-record GETs (30 %) and PATCHes with If-Match (25 %) of records it owns, creates
 * (10 %) and deletes of its own records (5 %). Any response other than 2xx is an error. Prints per-operation count,
 * p50, p99 and errors as rows of the bench table.
 */
@EnabledIfSystemProperty(named = "cairn.bench", matches = "records")
class RecordsApiLoadBench {
    enum Op { LIST, GET, PATCH, CREATE, DELETE }

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void apiLoad(Dialect dialect) throws Exception {
        OrdersData.assumeSelected(dialect);
        int rows = Integer.getInteger("cairn.bench.rows", 1_000_000);
        int clients = Integer.getInteger("cairn.bench.clients", 50);
        int seconds = Integer.getInteger("cairn.bench.seconds", 60);
        int warmup = Integer.getInteger("cairn.bench.warmup", 10);
        try (TestServer server = WorkspaceServer.start(dir.resolve("server"), c -> dialect == Dialect.POSTGRES
                ? c.withStorage(TestDatabases.postgresUrl(), dir.resolve("store").toString()) : c)) {
            long account = server.account("bench").id();
            var ws = WorkspaceServer.module(server);
            Caller owner = ws.workspaces().resolve(account, "bench", null, false);
            ws.tables().create(owner, OrdersData.table());
            Path csv = OrdersData.csv(rows);
            ws.importer().importCsv(owner, "orders", csv, Map.of(), false);
            Files.delete(csv);
            long from = System.nanoTime() + warmup * 1_000_000_000L;
            long end = from + seconds * 1_000_000_000L;
            List<Client> all = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Client c = new Client(server, server.token("bench", TokenScope.FULL), i, from, end);
                all.add(c);
                threads.add(Thread.ofPlatform().name("bench-client-" + i).start(c::run));
            }
            for (Thread t : threads) {
                t.join();
            }
            print(dialect, all, seconds);
        }
    }

    private static void print(Dialect dialect, List<Client> clients, int seconds) {
        String d = dialect.name().toLowerCase(java.util.Locale.ROOT) + " API, " + clients.size() + " clients";
        long total = 0;
        long errors = 0;
        for (Op op : Op.values()) {
            List<Long> all = new ArrayList<>();
            long failed = 0;
            for (Client c : clients) {
                all.addAll(c.latencies.get(op));
                failed += c.errors.get(op).get();
            }
            all.sort(null);
            total += all.size();
            errors += failed;
            String name = switch (op) {
                case LIST -> "GET page 1 of a filtered, sorted listing";
                case GET -> "GET one record";
                case PATCH -> "PATCH one record (If-Match)";
                case CREATE -> "POST one record";
                case DELETE -> "DELETE one record";
            };
            boolean fast = op == Op.LIST || !all.isEmpty() && all.get(Math.min(all.size() - 1,
                    (int) Math.ceil(all.size() * 0.99) - 1)) <= 100_000_000L;
            RecordsScaleBench.row(d, name, all.size(), pct(all, 50), pct(all, 99), failed + " errors",
                    op == Op.LIST ? "no errors" : "no errors, p99 <= 100 ms", failed == 0 && fast);
        }
        RecordsScaleBench.row(d, "all requests in " + seconds + " s", total, "", "", String.format(
                "%,.0f req/s, %d errors", total / (double) seconds, errors), "no errors", errors == 0);
    }

    private static String pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? "" : RecordsScaleBench.ms(sorted.get(Math.min(sorted.size() - 1,
                (int) Math.ceil(sorted.size() * p / 100.0) - 1)));
    }

    /** One API client: its own token, connection pool, records and random stream. */
    private static final class Client {
        private final URI server;
        private final String auth;
        private final long from;
        private final long end;
        private final Random random;
        private final CloseableHttpClient http;
        private final List<long[]> owned = new ArrayList<>(); // {id, version}
        final Map<Op, List<Long>> latencies = new EnumMap<>(Op.class);
        final Map<Op, AtomicLong> errors = new EnumMap<>(Op.class);
        private int listed;
        private int created;
        private final int number;

        Client(TestServer server, String token, int number, long from, long end) {
            this.from = from;
            this.server = server.uri("/");
            this.http = oneConnectionClient();
            this.auth = "Bearer " + token;
            this.number = number;
            this.end = end;
            this.random = new Random(number);
            for (Op op : Op.values()) {
                latencies.put(op, new ArrayList<>());
                errors.put(op, new AtomicLong());
            }
        }

        void run() {
            for (int i = 0; i < 5; i++) {
                create();
            }
            while (System.nanoTime() < end) {
                int dice = random.nextInt(100);
                if (dice < 30) {
                    list();
                } else if (owned.isEmpty() || dice >= 85 && dice < 95) {
                    create();
                } else if (dice < 60) {
                    get();
                } else if (dice < 85) {
                    patch();
                } else if (owned.size() > 2) {
                    delete();
                } else {
                    create();
                }
            }
            http.close(CloseMode.GRACEFUL);
        }

        private void list() {
            OrdersData.Listing q = OrdersData.listing(listed++ + number);
            StringBuilder path = new StringBuilder(base() + "?limit=50&sort=" + q.sort());
            for (String f : q.filters()) {
                path.append("&filter=").append(URLEncoder.encode(f, StandardCharsets.UTF_8));
            }
            send(Op.LIST, "GET", path.toString(), null);
        }

        private void get() {
            long[] r = owned.get(random.nextInt(owned.size()));
            send(Op.GET, "GET", base() + "/" + r[0], null);
        }

        private void patch() {
            long[] r = owned.get(random.nextInt(owned.size()));
            String body = "{\"items\":" + (1 + random.nextInt(20)) + ",\"status\":\""
                    + OrdersData.STATUSES[random.nextInt(4)] + "\"}";
            String response = send(Op.PATCH, "PATCH", base() + "/" + r[0], body, "If-Match", "\"" + r[1] + "\"");
            if (response != null) {
                r[1] = number(VERSION, response);
            }
        }

        private void create() {
            String body = "{\"number\":\"API-" + number + "-" + created++ + "\",\"customer\":\"Customer "
                    + random.nextInt(5000) + "\",\"status\":\"open\",\"total\":\"" + random.nextInt(10_000)
                    + ".50\",\"items\":" + (1 + random.nextInt(20)) + ",\"placed\":\"2026-11-23\"}";
            String response = send(Op.CREATE, "POST", base(), body);
            if (response != null) {
                owned.add(new long[] {number(ID, response), number(VERSION, response)});
            }
        }

        private void delete() {
            long[] r = owned.remove(random.nextInt(owned.size()));
            send(Op.DELETE, "DELETE", base() + "/" + r[0], null, "If-Match", "\"" + r[1] + "\"");
        }

        private String base() {
            return "/api/v1/workspace/tables/orders/records";
        }

        /** A response as the benchmark keeps it. */
        private record Reply(int status, String body) {
        }

        /**
         * Apache HttpClient's classic (blocking) API with a pool of one connection: each request is written and its
         * response read on this client's thread, kept alive between requests, never retried or redirected.
         */
        private static CloseableHttpClient oneConnectionClient() {
            SocketConfig socket = SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.ofSeconds(30)).build();
            return HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(1).setMaxConnPerRoute(1).setDefaultSocketConfig(socket).build())
                    .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                    .disableContentCompression().build();
        }

        /**
         * Sends, records the latency; returns the body of a 2xx response, else counts an error and returns null.
         *
         * @param headers name, value, name, value, …
         */
        private String send(Op op, String method, String path, String body, String... headers) {
            HttpUriRequestBase request = new HttpUriRequestBase(method, server.resolve(path));
            request.addHeader("Authorization", auth);
            for (int i = 0; i < headers.length; i += 2) {
                request.addHeader(headers[i], headers[i + 1]);
            }
            if (body != null) {
                request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            }
            long start = System.nanoTime();
            try {
                Reply reply = http.execute(request, response -> new Reply(response.getCode(),
                        response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(),
                                StandardCharsets.UTF_8)));
                measure(op, start);
                if (reply.status() / 100 == 2) {
                    return reply.body();
                }
                fail(op, reply.status() + " " + reply.body());
            } catch (Exception e) {
                measure(op, start);
                fail(op, e.toString());
            }
            return null;
        }

        /** Records a latency if the request started after the warm-up. */
        private void measure(Op op, long start) {
            if (start >= from) {
                latencies.get(op).add(System.nanoTime() - start);
            }
        }

        private void fail(Op op, String what) {
            if (errors.get(op).incrementAndGet() <= 3) {
                System.err.println("bench client " + number + " " + op + ": " + what);
            }
        }

        private static long number(Pattern p, String json) {
            Matcher m = p.matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no " + p + " in " + json);
            }
            return Long.parseLong(m.group(1));
        }
    }
}
