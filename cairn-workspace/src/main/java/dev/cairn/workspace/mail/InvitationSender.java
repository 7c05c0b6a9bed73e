package dev.cairn.workspace.mail;

import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.Mailer;
import dev.cairn.server.mail.OutgoingMail;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.Workspaces;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a workspace invitation and emails its link to the invited address. The invitation is committed first; the
 * email is sent afterwards on a virtual thread, without any database connection, and the caller waits for it at most
 * the mail timeout. A failed or slow send never loses the invitation: the result carries the link and why the email
 * was not sent, for the owner to pass the link on. Thread-safe.
 */
public final class InvitationSender {
    private static final Logger LOG = LoggerFactory.getLogger(InvitationSender.class);
    /** The path of the accept page; the code follows as {@code ?code=}. */
    public static final String ACCEPT_PATH = "/web/invitation";

    private final Workspaces workspaces;
    private final Mailer mailer;
    private final String publicUrl;
    private final Duration wait;

    /**
     * @param publicUrl the server's public URL (links in emails always use it; the server refuses to start with a
     *                  mail relay but without one), or null
     * @param wait      how long {@link #invite} waits for the relay to accept the email
     */
    public InvitationSender(Workspaces workspaces, Mailer mailer, String publicUrl, Duration wait) {
        this.workspaces = workspaces;
        this.mailer = mailer;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip();
        this.wait = wait;
    }

    /** The invitation, its accept link, and whether the email went out (else why not). */
    public record Sent(Workspaces.Invitation invitation, String link, boolean emailSent, String notSentReason) {
    }

    /**
     * Creates the invitation (see {@link Workspaces#invite}) and emails it.
     *
     * @param requestBase {@code scheme://host} the caller reached the server at: the link's base when no public URL is
     *                    configured (then no email is sent, so the link is only shown to the caller)
     */
    public Sent invite(Caller caller, String email, String role, String requestBase) {
        Workspaces.Invitation invitation = workspaces.invite(caller, email, role);
        String link = link(publicUrl != null ? publicUrl : requestBase, invitation.code());
        if (!sendsEmail()) {
            return new Sent(invitation, link, false, Mailer.NOT_CONFIGURED_REASON);
        }
        OutgoingMail mail = InvitationMail.compose(new InvitationMail.Invite(invitation.email(),
                workspaces.name(caller.workspaceId()), caller.accountName(), invitation.role().wireName(), link,
                invitation.expiresAt()));
        String problem = sendBounded(mail);
        if (problem != null) {
            LOG.warn("invitation email for workspace '{}' not sent: {}", caller.workspaceOwner(), problem);
        }
        return new Sent(invitation, link, problem == null, problem);
    }

    /** Sends on a virtual thread and waits at most {@link #wait}; null when sent, else the reason. */
    private String sendBounded(OutgoingMail mail) {
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread.ofVirtual().name("invitation-mail").start(() -> {
            try {
                mailer.send(mail);
                done.complete(null);
            } catch (MailException e) {
                done.complete(e.getMessage());
            } catch (RuntimeException e) {
                done.complete("the email could not be prepared (" + e.getClass().getSimpleName() + ")");
                LOG.error("invitation email failed", e);
            }
        });
        try {
            return done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "the mail relay did not answer within " + wait.toMillis() + " ms (the email may still arrive later)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while sending";
        } catch (ExecutionException e) {
            return "the email could not be sent";
        }
    }

    /** Whether a mail relay is configured (else invitations only show their link). */
    public boolean sendsEmail() {
        return mailer != Mailer.NOT_CONFIGURED;
    }

    static String link(String base, String code) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + ACCEPT_PATH + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }
}
