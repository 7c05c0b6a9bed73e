package dev.cairn.server.http;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler for requests its parser refuses, with one change: a request line without an HTTP version is
 * answered 400, not 505. Such a line is not an HTTP/0.9 client (none is left) but a broken request: a raw newline or
 * space in the target ends the line early ({@code GET /tables/a\nb HTTP/1.1}). The client's fault, so a 4xx: no
 * server error is counted and the client is told to fix its request. Every other refusal is Jetty's as before.
 * Thread-safe (no state).
 */
final class BrokenRequestLines extends ErrorHandler {
    static final String MESSAGE = "malformed request line: the target must not contain raw spaces or line breaks "
            + "(percent-encode them) and the line must end with the HTTP version";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (response.getStatus() == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 && withoutVersion(request)) {
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            request.setAttribute(ERROR_STATUS, HttpStatus.BAD_REQUEST_400);
            request.setAttribute(ERROR_MESSAGE, MESSAGE);
            request.setAttribute(ERROR_EXCEPTION, new BadMessageException(MESSAGE)); // its code is the status written
        }
        return super.handle(request, response, callback);
    }

    private static boolean withoutVersion(Request request) {
        Object message = request.getAttribute(ERROR_MESSAGE);
        return message != null && message.toString().contains("HTTP/0.9");
    }
}
