package dev.cairn.server.web;

/**
 * What a feature's pages build on: the platform's {@link Pages} (layout, navigation, session; {@link
 * Pages#withTemplates} for the feature's own templates), the session bridge, the CSRF token of pages shown without a
 * session, and the static files. Thread-safe.
 */
public record WebKit(Pages pages, SessionBridge sessions, LoginCsrf loginCsrf, Assets assets) {
}
