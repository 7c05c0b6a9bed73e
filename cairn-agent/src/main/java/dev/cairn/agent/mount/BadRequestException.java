package dev.cairn.agent.mount;

/** A request this server will not act on (a bad path, malformed XML, a bad header): answered with 400 and the message. */
final class BadRequestException extends Exception {
    BadRequestException(String message) {
        super(message);
    }
}
