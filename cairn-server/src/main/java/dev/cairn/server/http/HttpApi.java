package dev.cairn.server.http;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.PasswordConfirmation;
import dev.cairn.server.auth.DeviceService;
import dev.cairn.server.lease.LeaseService;
import dev.cairn.server.storage.RetentionLocks;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.SessionService;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.quota.UsageMeter;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.storage.RepoRegistry;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.ViewerZone;
import dev.cairn.server.web.WebKit;
import dev.cairn.server.web.WebUi;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HTTP front: builds the Javalin app from {@link Routes}, with the guard, the error mapper, request
 * metrics and the access log. Requests run on virtual threads. Not restartable: {@link #start} once, {@link #stop} once.
 */
public final class HttpApi {
    private static final Logger ACCESS = LoggerFactory.getLogger("cairn.access");
    private static final Duration RESPONSE_TAIL = Duration.ofSeconds(5);
    /** A request's header must be complete this long after its first byte, or its connection is closed. */
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    /**
     * Request bodies that arrive slower than this, over the time the server waited for them beyond a 5 s grace, are
     * refused ({@link BodyRate}: 400, connection closed). Low enough that a real client's pause (a slow disk, a busy
     * CPU) never trips it: after 4 KiB it may stall for 21 s; a drip of a few bytes a second is cut off within 6 s.
     */
    static final long MIN_BODY_BYTES_PER_SECOND = 256;
    /**
     * Bytes a connection reads from its socket at once (Jetty's default is 8 KiB): an upload's body reaches the handler
     * in pieces of at most this size, and every piece is a wake-up of the handler's thread and a write into the store
     * (ADR 60). Taken from Jetty's buffer pool only while a request is being read.
     */
    static final int INPUT_BUFFER_BYTES = 64 * 1024;
    /** Jetty's own threads (acceptor, selector, housekeeping); requests run on virtual threads, outside this bound. */
    private static final int MAX_PLATFORM_THREADS = 32;

    private final Javalin app;
    /** Counts requests until their response is completely written (a handler that returned may still be writing). */
    private final GracefulHandler responses = new GracefulHandler();
    private final InFlight inFlight = new InFlight(responses::getCurrentRequestCount);
    private final List<RegisteredRoute> registered = new CopyOnWriteArrayList<>();
    private final PrometheusMeterRegistry metrics;
    private final SlowClients slowClients = new SlowClients(HEADER_DEADLINE);
    private final AccountService accounts;
    /** Where {@link #start} listens; read when Javalin builds the connector. */
    private volatile String listenHost;
    private volatile int listenPort;

    /** A route as Javalin registered it, with the roles it carries (for the route-table test). */
    public record RegisteredRoute(String method, String path, Set<RouteRole> roles) {
    }

    /**
     * Everything the HTTP layer calls into; {@code featureNav} and {@code featureRoutes} are what the plugged-in
     * features add (navigation entries; routes built on the web kit).
     */
    public record Services(AccountService accounts, TokenService tokens, SessionService sessions,
            ObjectService objects, RepoRegistry repos, UsageMeter meter, RandomBytes random,
            PrometheusMeterRegistry metrics, BooleanSupplier ready, boolean secureCookies, InstantSource clock,
            Duration accountDeletionGrace, List<NavLink> featureNav,
            java.util.function.Function<WebKit, List<Route>> featureRoutes, DeviceService devices,
            RetentionLocks retention, LeaseService leases, String publicUrl,
            dev.cairn.server.alerts.Monitoring monitoring) {
    }

    public HttpApi(Services s) {
        this.metrics = s.metrics();
        this.accounts = s.accounts();
        SessionCookies cookies = new SessionCookies(s.sessions(), s.secureCookies());
        PasswordConfirmation passwords = new PasswordConfirmation(s.accounts());
        Authenticator authenticator = new Authenticator(s.accounts(), s.tokens(), s.sessions());
        WebUi ui = new WebUi(new WebUi.Services(s.accounts(), s.tokens(), s.repos(), new WebBridge(cookies,
                authenticator), s.random(),
                s.clock(), s.accountDeletionGrace(), s.featureNav(), s.devices(), s.retention(), passwords,
                s.monitoring(), s.objects(), s.meter(), s.ready()));
        Routes.Handlers handlers = new Routes.Handlers(new OpsHandlers(() -> !inFlight.isDraining()
                && s.ready().getAsBoolean(), s.metrics()),
                ui,
                new AccountHandlers(s.accounts(), s.tokens(), s.meter(), cookies, s.retention()),
                new AdminHandlers(s.accounts(), s.retention()),
                new ObjectHandlers(s.objects(), s.repos()), new ResticHandlers(s.objects()),
                new DeviceHandlers(s.devices(), s.tokens(), s.accounts(), s.publicUrl()),
                new RetentionHandlers(s.retention(), passwords), new LeaseHandlers(s.leases()),
                new RunHandlers(s.monitoring().runs()),
                new AlertHandlers(s.monitoring().alerts(), s.monitoring().settings()), new OpenApi());
        List<Route> featureRoutes = s.featureRoutes().apply(ui.kit());
        AccessGuard guard = new AccessGuard(authenticator, s.meter());
        ErrorMapper errors = new ErrorMapper(s.metrics(), ui::writeErrorPage);
        this.app = Javalin.create(config -> configure(config, Routes.table(handlers, featureRoutes), guard, errors));
    }

    private void configure(JavalinConfig config, List<Route> routes, AccessGuard guard, ErrorMapper errors) {
        config.concurrency.useVirtualThreads = true;
        config.jetty.threadPool = threadPool();
        config.startup.showJavalinBanner = false;
        responses.setHandler(new NoMethodOverride());
        config.jetty.modifyServer(server -> {
            server.setHandler(responses); // Javalin nests its servlet context inside
            server.setErrorHandler(new BrokenRequestLines());
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setInputBufferSize(INPUT_BUFFER_BYTES);
        });
        config.jetty.modifyServletContextHandler(context -> context.addFilter(
                new org.eclipse.jetty.ee10.servlet.FilterHolder(new BodyRate(MIN_BODY_BYTES_PER_SECOND, System::nanoTime)),
                "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
        config.jetty.addConnector((server, http) -> { // HTTP/1.1 whose status lines may carry a handler's reason
            var connector = new org.eclipse.jetty.server.ServerConnector(server, ReasonPhrases.connectionFactory(http));
            connector.setHost(listenHost);
            connector.setPort(listenPort);
            return connector;
        });
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.http.prefer405over404 = true;
        config.events.handlerAdded(meta -> {
            if (meta.getHttpMethod().isHttpMethod()) {
                registered.add(new RegisteredRoute(meta.getHttpMethod().name(), meta.getPath(),
                        Set.copyOf(meta.getRoles())));
            }
        });
        config.routes.beforeMatched(guard::check);
        for (Route route : Routes.withHeadForGet(routes)) {
            if (route.role() == null) {
                config.routes.addHttpHandler(route.method(), route.path(), counted(route.handler()));
            } else {
                config.routes.addHttpHandler(route.method(), route.path(), counted(route.handler()), route.role());
            }
        }
        config.routes.after(UnreadBodies::drainOrClose);
        config.routes.exception(Exception.class, errors::handle);
        config.routes.exception(io.javalin.http.HttpResponseException.class, errors::handleJavalin);
        config.routes.error(404, ctx -> unmatched(ctx, errors, ErrorCode.NOT_FOUND, "no such resource: " + ctx.path()));
        config.routes.error(405, ctx -> unmatched(ctx, errors, ErrorCode.METHOD_NOT_ALLOWED, ctx.method()
                + " is not allowed on " + ctx.path()));
        config.requestLogger.http(this::logRequest);
    }

    /**
     * Jetty's acceptor and selector on platform threads, requests on virtual threads. Javalin's own virtual-thread pool
     * runs the acceptor and the selector as virtual threads too: they then wait for a carrier like every request, and
     * while the carriers are busy (CPU-bound uploads, a native call that pins its carrier) no connection is accepted or
     * read: past the kernel's listen backlog (50) new connections are not even established, and connections the
     * clients closed stay in CLOSE-WAIT (issue 21; {@code BusyCarriersTest}). Jetty's {@code QueuedThreadPool} with a virtual-threads executor is Jetty's own
     * set-up for virtual threads.
     */
    static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_PLATFORM_THREADS, 4, 60_000);
        pool.setName("cairn-http");
        pool.setVirtualThreadsExecutor(java.util.concurrent.Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("cairn-http-request-", 0).factory()));
        return pool;
    }

    /** Counts the request in flight and runs it in the signed-in reader's time zone ({@link ViewerZone}). */
    private Handler counted(Handler handler) {
        return ctx -> {
            inFlight.enter();
            try {
                ViewerZone.call(readerZone(ctx), () -> {
                    handler.handle(ctx);
                    return null;
                });
            } finally {
                inFlight.exit();
            }
        };
    }

    /**
     * The zone of a web session's account (one read per page); null (UTC) for tokens, the restic protocol and visitors,
     * whose answers carry no formatted times.
     */
    private java.time.ZoneId readerZone(io.javalin.http.Context ctx) {
        Principal p = Requests.principalOrNull(ctx);
        if (p == null || p.via() != Principal.Via.SESSION) {
            return null;
        }
        return accounts.timeZone(p.accountId()).flatMap(ViewerZone::parse).orElse(null);
    }

    /**
     * Javalin's own 404/405 (no route, wrong method) as problems (or error pages for browsers); responses that matched
     * a route and were already written by a handler or the error mapper stay as they are.
     */
    private static void unmatched(Context ctx, ErrorMapper errors, ErrorCode code, String detail) {
        String type = ctx.res().getContentType();
        boolean noRoute = ctx.endpoints().matchedHttpEndpoint() == null;
        if (noRoute || type == null || !(type.startsWith("application/problem+json") || type.startsWith("text/html"))) {
            errors.handleStatus(ctx, code, detail);
        }
    }

    private void logRequest(Context ctx, Float millis) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        Timer.builder("cairn.http.requests").tag("method", ctx.method().name()).tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode())).publishPercentiles(0.5, 0.99)
                .register(metrics).record(Duration.ofNanos((long) (millis * 1_000_000)));
        if (!ACCESS.isInfoEnabled()) {
            return; // the line is only built when it is written
        }
        Principal p = Requests.principalOrNull(ctx);
        ACCESS.info("{} {} {} {}ms tenant={}", ctx.method().name(), Requests.loggablePath(ctx), ctx.statusCode(),
                String.format(java.util.Locale.ROOT, "%.1f", millis), p == null ? "-" : p.accountName());
    }

    /** Starts listening; port 0 picks a free one ({@link #port()}). */
    public void start(String host, int port) {
        this.listenHost = host;
        this.listenPort = port;
        app.start(host, port);
        slowClients.watch(app.jettyServer().server().getConnectors());
    }

    public int port() {
        return app.port();
    }

    public InFlight inFlight() {
        return inFlight;
    }

    /** Every route Javalin registered, in order. */
    public List<RegisteredRoute> registeredRoutes() {
        return List.copyOf(registered);
    }

    /** Drains running requests for up to {@code timeout} (and their responses for 5 s more), then stops the server. */
    public void stop(Duration timeout) throws InterruptedException {
        int left = inFlight.drain(timeout, RESPONSE_TAIL);
        if (left > 0) {
            LoggerFactory.getLogger(HttpApi.class).warn("stopping with {} requests still running after {}", left, timeout);
        }
        app.stop();
        slowClients.close();
    }
}
