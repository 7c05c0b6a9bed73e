package dev.cairn.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/** One entry of the route table: method, Javalin path pattern, the role it needs, and its handler. */
public record Route(HandlerType method, String path, Role role, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }
}
