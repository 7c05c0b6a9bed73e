/**
 * Outgoing email: the narrow {@link dev.cairn.server.mail.Mailer} (SMTP through a configured relay, or nothing when no
 * relay is configured), its settings, and the invitation email that the workspace owner's invitations send (ADR 0018).
 * Nothing here touches the database; sending runs after the caller's transaction committed.
 */
package dev.cairn.server.mail;
