package dev.cairn.protocol;

/**
 * The paths of the native API (version 1) and of the operational endpoints. Path segments that carry names (repository,
 * object kind, object id) are never percent-encoded by clients because their syntax only allows URL-safe characters.
 */
public final class ApiPaths {
    public static final String API_V1 = "/api/v1";
    public static final String SIGNUP = API_V1 + "/signup";
    public static final String ACCOUNT = API_V1 + "/account";
    public static final String ACCOUNT_PASSWORD = ACCOUNT + "/password";
    public static final String TOKENS = ACCOUNT + "/tokens";
    public static final String TOKEN = TOKENS + "/{id}";
    public static final String REPOS = API_V1 + "/repos";
    public static final String REPO = REPOS + "/{repo}";
    public static final String OBJECTS = REPO + "/objects/{kind}";
    public static final String OBJECT = OBJECTS + "/{id}";
    public static final String DEVICE_AUTHORIZE = API_V1 + "/device/authorize";
    public static final String DEVICE_TOKEN = API_V1 + "/device/token";
    /** {@code DELETE}: the presenting token revokes itself ({@code cairn logout}). */
    public static final String DEVICE = API_V1 + "/device";
    /** {@code POST}: the scripted sign-in of a device with the account's password. */
    public static final String DEVICES = API_V1 + "/devices";
    public static final String ACCOUNT_DEVICES = ACCOUNT + "/devices";
    public static final String ACCOUNT_DEVICE = ACCOUNT_DEVICES + "/{id}";
    public static final String RETENTION = REPO + "/retention";
    public static final String LEASES = REPO + "/leases";
    public static final String LEASE = LEASES + "/{id}";
    public static final String ADMIN_ACCOUNTS = API_V1 + "/admin/accounts";
    public static final String ADMIN_ACCOUNT = ADMIN_ACCOUNTS + "/{name}";
    public static final String ADMIN_SETTINGS = API_V1 + "/admin/settings";
    /** The records workspace (the caller's own, or the one header {@code X-Cairn-Workspace} names). */
    public static final String WORKSPACE = API_V1 + "/workspace";
    public static final String WS_TABLES = WORKSPACE + "/tables";
    public static final String WS_TABLE = WS_TABLES + "/{table}";
    public static final String WS_RECORDS = WS_TABLE + "/records";
    public static final String WS_RECORD = WS_RECORDS + "/{id}";
    public static final String WS_MEMBERS = WORKSPACE + "/members";
    public static final String WS_INVITES = WORKSPACE + "/invites";
    public static final String WS_TEMPLATES = WORKSPACE + "/templates";
    public static final String WS_REPORTS = WORKSPACE + "/reports";
    public static final String WS_REPORT = WS_REPORTS + "/{report}";
    public static final String WS_SHARES = WORKSPACE + "/shares";
    public static final String WS_SHARE = WS_SHARES + "/{share}";

    public static final String HEALTHZ = "/healthz";
    public static final String READYZ = "/readyz";
    public static final String METRICS = "/metrics";

    private ApiPaths() {
    }

    /** The path of one repository's objects of one kind ({@code kindDir} is a blob kind's directory name). */
    public static String objects(String repo, String kindDir) {
        return REPOS + "/" + repo + "/objects/" + kindDir;
    }

    /** The path of one object. */
    public static String object(String repo, String kindDir, String id) {
        return objects(repo, kindDir) + "/" + id;
    }
}
