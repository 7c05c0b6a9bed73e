package dev.cairn.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Objects;

/**
 * One entry of the route table: method, Javalin path pattern, the role it needs (a platform {@link Role} or a feature's
 * {@link FeatureRole}), and its handler.
 */
public record Route(HandlerType method, String path, RouteRole role, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }
}
