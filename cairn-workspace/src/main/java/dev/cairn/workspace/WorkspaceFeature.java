package dev.cairn.workspace;

import dev.cairn.server.feature.Feature;
import dev.cairn.server.feature.Platform;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.WebKit;
import dev.cairn.workspace.http.WorkspaceAccess;
import dev.cairn.workspace.http.WorkspaceApi;
import dev.cairn.workspace.web.WorkspaceWeb;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosted records workspace as a feature of the platform: its migrations ({@code db/workspace}), services, API and
 * pages, the "Records" navigation entry, and the removal of an account's workspace when the account is purged.
 */
public final class WorkspaceFeature implements Feature {
    /** Where the workspace's migrations are (V010-V012 were the platform's before the split: same versions, same files). */
    public static final String MIGRATIONS = "classpath:db/workspace";

    @Override
    public String name() {
        return "workspace";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of(MIGRATIONS);
    }

    @Override
    public Running start(Platform platform) {
        return new Started(WorkspaceModule.create(platform));
    }

    /** A started workspace; {@link #module()} gives its services (for tests and later features). */
    public record Started(WorkspaceModule module) implements Running {
        @Override
        public List<Route> routes(WebKit web) {
            WorkspaceAccess.Roles roles = WorkspaceAccess.Roles.over(module.workspaces());
            List<Route> routes = new ArrayList<>(WorkspaceWeb.routes(web, module, roles));
            routes.addAll(WorkspaceApi.routes(module, roles));
            return List.copyOf(routes);
        }

        @Override
        public List<NavLink> navigation() {
            return List.of(WorkspaceWeb.NAV);
        }

        @Override
        public void accountPurged(long accountId) {
            module.workspaces().purge(accountId);
        }
    }
}
