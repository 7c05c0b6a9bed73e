package dev.cairn.server.account;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of account names and emails. Account names appear in URLs, so their syntax is strict. */
public final class AccountNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    /** Names that collide with the server's own top-level paths. */
    private static final Set<String> RESERVED = Set.of("api", "account", "healthz", "readyz", "metrics",
            "login", "logout", "signup", "static", "assets", "web", "ui", "tokens", "dashboard", "favicon.ico", "share");

    private AccountNames() {
    }

    /**
     * Returns {@code name} if valid.
     *
     * @throws ServiceException {@code invalid-name} saying the rule
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw new ServiceException(ErrorCode.INVALID_NAME, "account name '" + name + "' is invalid: use 2-32 "
                    + "characters a-z, 0-9 and '-', starting with a letter or digit (reserved words such as 'api' "
                    + "and 'admin' are not allowed)");
        }
        return name;
    }

    /** Whether {@code name} is a syntactically valid account name (for URL checks without exceptions). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** The normalised (lower-case, trimmed) email if it follows {@link EmailAddresses}; {@code bad-request} otherwise. */
    public static String requireValidEmail(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EmailAddresses.isValid(e)) {
            throw ServiceException.badRequest("'" + abbreviate(email) + "' is not an email address; give one such as "
                    + "name@example.com");
        }
        return e;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Passwords need at least 10 characters (and at most 1024, to bound hashing work). */
    public static String requireValidPassword(String password) {
        if (password == null || password.length() < 10 || password.length() > 1024) {
            throw ServiceException.badRequest("password must be 10-1024 characters long");
        }
        return password;
    }
}
