package dev.cairn.workspace;

import dev.cairn.server.auth.LoginThrottle;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.feature.Platform;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.imports.Importer;
import dev.cairn.workspace.mail.InvitationSender;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.records.RecordService;
import dev.cairn.workspace.reports.ReportService;
import dev.cairn.workspace.schema.Purger;
import dev.cairn.workspace.schema.TableService;
import dev.cairn.workspace.schema.Templates;
import dev.cairn.workspace.shares.ShareService;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The records workspace's services over one platform, built together: what its API handlers, pages and tests call.
 * {@code publicUrl} is the server's public URL for links (may be null); {@code random} and {@code clock} are the
 * platform's; {@code attachments} keeps uploaded files in the platform's tenant stores, counted in the quota. Thread-safe.
 */
public record WorkspaceModule(Workspaces workspaces, TableService tables, RecordService records, Templates templates,
        Importer importer, ReportService reports, Purger purger, ShareService shares, InvitationSender invitations,
        String publicUrl, RandomBytes random, InstantSource clock, AttachmentService attachments) {

    /** Builds the workspace's services on the platform's, with the default attachment size limit. */
    public static WorkspaceModule create(Platform p) {
        return create(p, AttachmentService.DEFAULT_MAX_BYTES);
    }

    /** Builds the workspace's services on the platform's; one attached file is at most {@code maxAttachmentBytes}. */
    public static WorkspaceModule create(Platform p, long maxAttachmentBytes) {
        RecordsServices r = RecordsServices.create(p.database(), p.clock(), p.random(), p.spool());
        ShareService shares = new ShareService(p.database().jdbi(), r.reports(), r.workspaces(), p.hasher(),
                new LoginThrottle(p.clock(), 5, Duration.ofMinutes(5)), p.clock(), p.random());
        InvitationSender invitations = new InvitationSender(r.workspaces(), p.mailer(), p.publicUrl(), p.mailTimeout());
        return new WorkspaceModule(r.workspaces(), r.tables(), r.records(), r.templates(), r.importer(), r.reports(),
                r.purger(), shares, invitations, p.publicUrl(), p.random(), p.clock(),
                new AttachmentService(p.database().jdbi(), p.stores(), p.quota(), p.spool(), p.random(), p.clock(),
                        maxAttachmentBytes));
    }
}
