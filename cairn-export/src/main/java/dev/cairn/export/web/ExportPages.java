package dev.cairn.export.web;

import dev.cairn.export.service.ExportModule;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.WebKit;
import java.util.List;

/** The "Onsite copy" page ({@code /web/export}). */
public final class ExportPages {
    public static final NavLink NAV = new NavLink("export", "Onsite copy", "/web/export", false);

    private ExportPages() {
    }

    public static List<Route> routes(WebKit web, ExportModule module) {
        return List.of();
    }
}
