package dev.cairn.workspace;

import dev.cairn.server.feature.Feature;
import dev.cairn.server.feature.Feature.Job;
import dev.cairn.server.feature.Platform;
import dev.cairn.workspace.files.AttachmentService;
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

    /** The environment variable that sets the size limit of one attached file ({@code 100MiB} unless set; ADR 29). */
    public static final String MAX_ATTACHMENT_SIZE = "CAIRN_MAX_ATTACHMENT_SIZE";
    /** The limit given, or 0: the environment's, read at start. */
    private final long maxAttachmentBytes;

    /**
     * The workspace with the attachment size limit of {@link #MAX_ATTACHMENT_SIZE}, else the default; read when the
     * feature starts, so a malformed value fails {@code cairn server} with its message, not every command.
     */
    public WorkspaceFeature() {
        this.maxAttachmentBytes = 0;
    }

    /** The workspace with {@code maxAttachmentBytes} as the size limit of one attached file. */
    public WorkspaceFeature(long maxAttachmentBytes) {
        if (maxAttachmentBytes < 1) {
            throw new IllegalArgumentException("the attachment size limit must be at least 1 byte");
        }
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** The limit {@code setting} (a size such as {@code 250MiB}) names, the default when null or empty. */
    public static long attachmentLimit(String setting) {
        if (setting == null || setting.isBlank()) {
            return AttachmentService.DEFAULT_MAX_BYTES;
        }
        Long bytes = dev.cairn.server.Units.size(setting.strip());
        if (bytes == null || bytes < 1) {
            throw new IllegalArgumentException(MAX_ATTACHMENT_SIZE + "=" + setting + " is not a size; use e.g. 250MiB");
        }
        return bytes;
    }

    @Override
    public Running start(Platform platform) {
        return new Started(WorkspaceModule.create(platform, maxAttachmentBytes > 0 ? maxAttachmentBytes
                : attachmentLimit(System.getenv(MAX_ATTACHMENT_SIZE))));
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

        /** Uploads no version refers to go a day after they were made (ADR 29); checked every six hours. */
        @Override
        public List<Job> jobs() {
            return List.of(new Job("attachment-collection", java.time.Duration.ofHours(6),
                    () -> module.attachments().collect(java.time.Duration.ofDays(1))));
        }

        @Override
        public void accountPurged(long accountId) throws java.io.IOException {
            module.workspaces().purge(accountId);
            module.attachments().purge(accountId);
        }
    }
}
