package dev.cairn.server.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.cairn.protocol.ApiPaths;
import dev.cairn.server.web.WebUi;
import java.util.List;

/**
 * THE route table: every HTTP route of the server, with the role it needs (a {@link Role}, or a feature's
 * {@link FeatureRole} for the routes features add). Order matters where patterns overlap (Javalin takes the first
 * match): fixed paths first, then the features', the restic catch-all patterns last. A test asserts that every route
 * registered with Javalin carries exactly one role; {@link AccessGuard} denies any that does not.
 */
final class Routes {
    /** Run reports (section 14.1). */
    static final String RUNS = ApiPaths.API_V1 + "/runs";
    /** The account's alert settings (section 14.2). */
    static final String ALERTS = ApiPaths.ACCOUNT + "/alerts";
    /** The OpenAPI 3.1 document of every API route ({@link OpenApi}). */
    static final String OPENAPI = "/api/openapi.json";

    private Routes() {
    }

    /**
     * The whole table: the platform's fixed routes, then the features' routes (in the order given), then the restic
     * REST patterns, which match almost anything with 2-4 segments and so come last.
     */
    static List<Route> table(Handlers h, List<Route> features) {
        List<Route> all = new java.util.ArrayList<>(platform(h));
        all.addAll(features);
        all.addAll(restic(h));
        return List.copyOf(all);
    }

    private static List<Route> platform(Handlers h) {
        return List.of(
                // operations
                new Route(GET, ApiPaths.HEALTHZ, Role.PUBLIC, h.ops()::health),
                new Route(GET, ApiPaths.READYZ, Role.PUBLIC, h.ops()::ready),
                new Route(GET, ApiPaths.METRICS, Role.OPS, h.ops()::metrics),
                new Route(GET, OPENAPI, Role.PUBLIC, h.openApi()::serve),
                // web UI (dev.cairn.server.web): pages, forms (POST + redirect), htmx fragments, static files
                new Route(GET, "/static/{file}", Role.PUBLIC, h.ui().assets()::serve),
                new Route(GET, "/favicon.ico", Role.PUBLIC, h.ui().assets()::favicon),
                new Route(GET, "/login", Role.PUBLIC, h.ui().auth()::loginPage),
                new Route(POST, "/login", Role.PUBLIC, h.ui().auth()::login),
                new Route(GET, "/signup", Role.PUBLIC, h.ui().auth()::signupPage),
                new Route(POST, "/signup", Role.PUBLIC, h.ui().auth()::signUp),
                new Route(POST, "/logout", Role.SESSION_USER, h.ui().auth()::logout),
                new Route(GET, "/", Role.SESSION_USER, h.ui().dashboard()::page),
                new Route(GET, "/dashboard/quota", Role.SESSION_USER, h.ui().dashboard()::quotaFragment),
                new Route(GET, "/tokens", Role.SESSION_USER, h.ui().tokens()::page),
                new Route(POST, "/tokens", Role.SESSION_USER, h.ui().tokens()::create),
                new Route(POST, "/tokens/{id}/revoke", Role.SESSION_USER, h.ui().tokens()::revoke),
                new Route(GET, "/account/password", Role.SESSION_USER, h.ui().account()::passwordPage),
                new Route(POST, "/account/password", Role.SESSION_USER, h.ui().account()::changePassword),
                new Route(POST, "/account/time-zone", Role.SESSION_USER, h.ui().account()::setTimeZone),
                new Route(GET, "/account/delete", Role.SESSION_USER, h.ui().account()::deletePage),
                new Route(POST, "/account/delete", Role.SESSION_USER, h.ui().account()::delete),
                new Route(GET, "/device", Role.SESSION_USER, h.ui().devices()::approvalPage),
                new Route(POST, "/device", Role.SESSION_USER, h.ui().devices()::decide),
                new Route(GET, "/devices", Role.SESSION_USER, h.ui().devices()::listPage),
                new Route(POST, "/devices/{id}/revoke", Role.SESSION_USER, h.ui().devices()::revoke),
                new Route(POST, "/alerts/devices", Role.SESSION_USER, h.ui().alerts()::saveDevice),
                new Route(GET, "/alerts", Role.SESSION_USER, h.ui().alerts()::page),
                new Route(POST, "/alerts", Role.SESSION_USER, h.ui().alerts()::save),
                new Route(POST, "/repositories/{repo}/retention", Role.SESSION_USER, h.ui().dashboard()::setRetention),
                new Route(GET, "/repositories/{repo}", Role.SESSION_USER, h.ui().repository()::page),
                new Route(GET, "/repositories/{repo}/delete", Role.SESSION_USER, h.ui().repository()::deletePage),
                new Route(POST, "/repositories/{repo}/delete", Role.SESSION_USER, h.ui().repository()::delete),
                new Route(GET, "/web/admin", Role.ADMIN, h.ui().admin()::overview),
                new Route(POST, "/web/admin/accounts", Role.ADMIN, h.ui().admin()::createAccount),
                new Route(POST, "/web/admin/plans", Role.ADMIN, h.ui().admin()::definePlan),
                new Route(GET, "/web/admin/accounts", Role.ADMIN, h.ui().admin()::page),
                new Route(POST, "/web/admin/retention", Role.ADMIN, h.ui().admin()::setRetention),
                new Route(POST, "/web/admin/accounts/{name}/suspend", Role.ADMIN, h.ui().admin()::suspend),
                new Route(POST, "/web/admin/accounts/{name}/unsuspend", Role.ADMIN, h.ui().admin()::unsuspend),
                new Route(POST, "/web/admin/accounts/{name}/quota", Role.ADMIN, h.ui().admin()::setQuota),
                new Route(POST, "/web/admin/signup", Role.ADMIN, h.ui().admin()::setSignup),
                new Route(POST, "/web/admin/invites", Role.ADMIN, h.ui().admin()::createInvite),
                // account self-service API
                new Route(POST, ApiPaths.SIGNUP, Role.PUBLIC, h.account()::signUp),
                new Route(POST, ApiPaths.API_V1 + "/session", Role.PUBLIC, h.account()::login),
                new Route(DELETE, ApiPaths.API_V1 + "/session", Role.SESSION_USER, h.account()::logout),
                new Route(GET, ApiPaths.ACCOUNT, Role.ACCOUNT, h.account()::get),
                new Route(DELETE, ApiPaths.ACCOUNT, Role.ACCOUNT, h.account()::delete),
                new Route(PUT, ApiPaths.ACCOUNT_PASSWORD, Role.ACCOUNT, h.account()::changePassword),
                new Route(GET, ApiPaths.ACCOUNT + "/usage", Role.ACCOUNT, h.account()::usage),
                new Route(GET, ApiPaths.TOKENS, Role.ACCOUNT, h.account()::listTokens),
                new Route(POST, ApiPaths.TOKENS, Role.ACCOUNT, h.account()::createToken),
                new Route(DELETE, ApiPaths.TOKEN, Role.ACCOUNT, h.account()::revokeToken),
                // devices (section 12.1)
                new Route(POST, ApiPaths.DEVICE_AUTHORIZE, Role.PUBLIC, h.devices()::authorize),
                new Route(POST, ApiPaths.DEVICE_TOKEN, Role.PUBLIC, h.devices()::token),
                new Route(POST, ApiPaths.DEVICES, Role.ACCOUNT, h.devices()::signIn),
                new Route(GET, ApiPaths.ACCOUNT_DEVICES, Role.ACCOUNT, h.devices()::list),
                new Route(DELETE, ApiPaths.ACCOUNT_DEVICE, Role.ACCOUNT, h.devices()::revoke),
                new Route(DELETE, ApiPaths.DEVICE, Role.STORAGE_READ, h.devices()::signOut),
                // run reports and alerts (section 14)
                new Route(POST, RUNS, Role.STORAGE_READ, h.runs()::post),
                new Route(GET, RUNS, Role.ACCOUNT, h.runs()::list),
                new Route(GET, ALERTS, Role.ACCOUNT, h.alerts()::get),
                new Route(PUT, ALERTS, Role.ACCOUNT, h.alerts()::put),
                new Route(PUT, ALERTS + "/devices/{device}", Role.ACCOUNT, h.alerts()::putDevice),
                new Route(GET, ALERTS + "/deliveries", Role.ACCOUNT, h.alerts()::deliveries),
                // administration
                new Route(GET, ApiPaths.ADMIN_ACCOUNTS, Role.ADMIN, h.admin()::list),
                new Route(POST, ApiPaths.ADMIN_ACCOUNT + "/suspend", Role.ADMIN, h.admin()::suspend),
                new Route(POST, ApiPaths.ADMIN_ACCOUNT + "/unsuspend", Role.ADMIN, h.admin()::unsuspend),
                new Route(PUT, ApiPaths.ADMIN_ACCOUNT + "/quota", Role.ADMIN, h.admin()::setQuota),
                new Route(PUT, ApiPaths.ADMIN_SETTINGS, Role.ADMIN, h.admin()::settings),
                // native object API
                new Route(GET, ApiPaths.REPOS, Role.STORAGE_READ, h.objects()::listRepos),
                new Route(PUT, ApiPaths.REPO, Role.STORAGE_APPEND, h.objects()::createRepo),
                new Route(GET, ApiPaths.OBJECTS, Role.STORAGE_READ, h.objects()::list),
                new Route(HEAD, ApiPaths.OBJECT, Role.STORAGE_READ, h.objects()::get),
                new Route(GET, ApiPaths.OBJECT, Role.STORAGE_READ, h.objects()::get),
                new Route(PUT, ApiPaths.OBJECT, Role.STORAGE_APPEND, h.objects()::put),
                new Route(DELETE, ApiPaths.OBJECT, Role.STORAGE_DELETE, h.objects()::delete),
                // retention lock (section 12.3) and leases (section 12.4)
                new Route(GET, ApiPaths.RETENTION, Role.STORAGE_READ, h.retention()::get),
                new Route(PUT, ApiPaths.RETENTION, Role.ACCOUNT, h.retention()::set),
                new Route(POST, ApiPaths.LEASES, Role.STORAGE_READ, h.leases()::acquire),
                new Route(GET, ApiPaths.LEASES, Role.STORAGE_READ, h.leases()::list),
                new Route(DELETE, ApiPaths.LEASES, Role.STORAGE_DELETE, h.leases()::removeAll),
                new Route(PUT, ApiPaths.LEASE, Role.STORAGE_READ, h.leases()::renew),
                new Route(DELETE, ApiPaths.LEASE, Role.STORAGE_READ, h.leases()::release));
    }

    /** restic REST v2. */
    private static List<Route> restic(Handlers h) {
        return List.of(
                new Route(POST, "/{account}/{repo}", Role.STORAGE_APPEND, h.restic()::createRepo),
                new Route(HEAD, "/{account}/{repo}/config", Role.STORAGE_READ, h.restic()::getConfig),
                new Route(GET, "/{account}/{repo}/config", Role.STORAGE_READ, h.restic()::getConfig),
                new Route(POST, "/{account}/{repo}/config", Role.STORAGE_APPEND, h.restic()::postConfig),
                new Route(DELETE, "/{account}/{repo}/config", Role.STORAGE_DELETE, h.restic()::deleteConfig),
                new Route(GET, "/{account}/{repo}/{type}", Role.STORAGE_READ, h.restic()::list),
                new Route(HEAD, "/{account}/{repo}/{type}/{name}", Role.STORAGE_READ, h.restic()::get),
                new Route(GET, "/{account}/{repo}/{type}/{name}", Role.STORAGE_READ, h.restic()::get),
                new Route(POST, "/{account}/{repo}/{type}/{name}", Role.STORAGE_APPEND, h.restic()::post),
                new Route(DELETE, "/{account}/{repo}/{type}/{name}", Role.STORAGE_DELETE, h.restic()::delete));
    }

    /**
     * {@code routes} plus, for each GET route without a HEAD route of its own, a HEAD route with the same role and
     * handler (Jetty sends the headers of the handler's response without its body), next to the GET route so that the
     * order of overlapping patterns is kept.
     */
    static List<Route> withHeadForGet(List<Route> routes) {
        java.util.Set<String> heads = new java.util.HashSet<>();
        routes.stream().filter(r -> r.method() == HEAD).forEach(r -> heads.add(r.path()));
        List<Route> out = new java.util.ArrayList<>();
        for (Route route : routes) {
            if (route.method() == GET && !heads.contains(route.path())) {
                out.add(new Route(HEAD, route.path(), route.role(), route.handler()));
            }
            out.add(route);
        }
        return List.copyOf(out);
    }

    /** The handler objects the table points into. */
    record Handlers(OpsHandlers ops, WebUi ui, AccountHandlers account, AdminHandlers admin,
            ObjectHandlers objects, ResticHandlers restic, DeviceHandlers devices, RetentionHandlers retention,
            LeaseHandlers leases, RunHandlers runs, AlertHandlers alerts, OpenApi openApi) {
    }
}
