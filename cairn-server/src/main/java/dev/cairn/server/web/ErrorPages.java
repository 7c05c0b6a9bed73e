package dev.cairn.server.web;

import dev.cairn.protocol.Problem;

/**
 * Friendly HTML pages for errors a browser runs into (404, 403, 401, 500, a full quota, ...), in the site layout. The
 * HTTP layer's error mapper calls this when the request prefers HTML; API clients keep getting problem+json. Only the
 * problem's public fields are shown (its detail never contains internals). Thread-safe.
 */
public final class ErrorPages {
    private final Pages pages;

    ErrorPages(Pages pages) {
        this.pages = pages;
    }

    /** The whole page for {@code problem} as a visitor sees it. */
    public String render(Problem problem) {
        return render(problem, null);
    }

    /** The whole page for {@code problem}, in the signed-in layout when the request ({@code ctx}) has a live session. */
    public String render(Problem problem, io.javalin.http.Context ctx) {
        String heading = heading(problem);
        Chrome chrome = (ctx == null ? java.util.Optional.<dev.cairn.server.auth.Principal>empty()
                : pages.sessions().signedIn(ctx)).map(p -> pages.chromeFor(p, heading))
                .orElseGet(() -> pages.publicChrome(heading));
        return pages.renderToString("error.jte", chrome, "problem", problem, "heading", heading, "quota",
                quota(problem));
    }

    private static QuotaView quota(Problem problem) {
        if (problem.quotaBytes() == null || problem.usageBytes() == null) {
            return null;
        }
        return new QuotaView(problem.usageBytes(), problem.quotaBytes());
    }

    static String heading(Problem problem) {
        return switch (problem.code()) {
            case "not-found" -> "Page not found";
            case "csrf" -> "This form has expired";
            case "unauthenticated", "token-expired", "token-revoked" -> "Please log in";
            case "account-suspended" -> "Account suspended";
            case "quota-exceeded", "quota-too-small" -> "Storage quota full";
            case "too-many-requests" -> "Too many attempts";
            case "store-unavailable" -> "Storage temporarily unavailable";
            default -> problem.status() >= 500 ? "Something went wrong"
                    : problem.status() == 403 ? "Not allowed" : problem.title();
        };
    }
}
