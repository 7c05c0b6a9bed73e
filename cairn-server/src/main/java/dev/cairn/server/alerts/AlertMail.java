package dev.cairn.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.server.mail.OutgoingMail;

/** Writes the email of an alert message from its payload ({@link Payloads}). Stateless. */
final class AlertMail {
    private AlertMail() {
    }

    static OutgoingMail of(JsonNode payload, String account, String email, String publicUrl, int repeatHours) {
        AlertKind kind = AlertKind.of(payload.path("alert").asText());
        String state = payload.path("state").asText();
        String subject = payload.path("subject").asText("");
        String about = subject.isEmpty() ? "" : " (" + subject + ")";
        String prefix = switch (state) {
            case Payloads.RESOLVED -> "Resolved: ";
            case Payloads.REPEAT -> "Still open: ";
            default -> "";
        };
        StringBuilder text = new StringBuilder("Hello ").append(account).append(",\n\n")
                .append(payload.path("message").asText()).append("\n\n");
        if (!Payloads.RESOLVED.equals(state) && kind.repeats() && repeatHours > 0) {
            text.append("You are reminded every ").append(repeatHours)
                    .append(" hours while this lasts, and told when it is over.\n");
        } else if (!Payloads.RESOLVED.equals(state)) {
            text.append("You are told when this is over.\n");
        }
        String base = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        text.append("Alert settings: ").append(base.isEmpty() ? "the Alerts page of your Cairn server" : base + "/alerts")
                .append("\n\nTime: ").append(payload.path("at").asText()).append('\n');
        return new OutgoingMail(email, "Cairn: " + prefix + kind.title() + about, text.toString());
    }
}
