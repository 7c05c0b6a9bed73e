package dev.cairn.server.web;

import dev.cairn.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What every page handler shares, the platform's and the features' alike: the template renderer, the asset paths,
 * the session bridge, the main navigation, and the layout model built from the signed-in principal. Thread-safe.
 */
public final class Pages {
    private final Views views;
    private final Assets assets;
    private final SessionBridge sessions;
    private final BooleanSupplier signupOpen;
    private final List<NavLink> nav;

    /**
     * @param signupOpen whether self-service sign-up is possible now (not closed by the admin)
     * @param nav        the main navigation of signed-in pages, in order
     */
    Pages(Views views, Assets assets, SessionBridge sessions, BooleanSupplier signupOpen, List<NavLink> nav) {
        this.views = views;
        this.assets = assets;
        this.sessions = sessions;
        this.signupOpen = signupOpen;
        this.nav = List.copyOf(nav);
    }

    /** The same pages rendering the templates a feature's build generated into {@code templatePackage}. */
    public Pages withTemplates(String templatePackage) {
        return new Pages(new Views(templatePackage), assets, sessions, signupOpen, nav);
    }

    public SessionBridge sessions() {
        return sessions;
    }

    public Principal principal(Context ctx) {
        return sessions.principal(ctx);
    }

    /** The layout model for a signed-in page; {@code current} is the key of its navigation entry, or null. */
    public Chrome chrome(Context ctx, String title, String current) {
        Principal p = sessions.principal(ctx);
        return new Chrome(title, p.accountName(), p.admin(), p.csrfToken(), current, nav, assets.paths(), false);
    }

    /** The layout model for {@code p}'s view of a page outside the navigation (an error page). */
    Chrome chromeFor(Principal p, String title) {
        return new Chrome(title, p.accountName(), p.admin(), p.csrfToken(), null, nav, assets.paths(), false);
    }

    /** The layout model for a page shown to anyone (login, sign-up, error pages). */
    public Chrome publicChrome(String title) {
        return new Chrome(title, null, false, null, null, nav, assets.paths(), signupOpen.getAsBoolean());
    }

    /** Renders {@code template} with {@code chrome} plus the given parameters (key, value, key, value, ...). */
    public void render(Context ctx, int status, String template, Chrome chrome, Object... keyValues) {
        views.write(ctx, status, template, params(chrome, keyValues));
    }

    public String renderToString(String template, Chrome chrome, Object... keyValues) {
        return views.render(template, params(chrome, keyValues));
    }

    /** A fragment for htmx (no layout, no chrome). */
    public void fragment(Context ctx, String template, Object... keyValues) {
        views.write(ctx, 200, template, params(null, keyValues));
    }

    /** Redirect-after-POST: 303 so the browser follows with GET and a reload does not resubmit. */
    public static void seeOther(Context ctx, String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    /** Whether htmx sent the request (it then swaps the response into the page instead of navigating). */
    public static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    private static Map<String, Object> params(Chrome chrome, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("template parameters come in key/value pairs");
        }
        Map<String, Object> params = new HashMap<>();
        if (chrome != null) {
            params.put("chrome", chrome);
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return params;
    }
}
