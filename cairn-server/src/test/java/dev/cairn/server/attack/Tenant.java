package dev.cairn.server.attack;

import dev.cairn.server.TestServer;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * One tenant of an attack run with every kind of credential: its name and password, tokens of each scope, one that
 * has expired and one that was revoked, and a logged-in web session (cookie and CSRF token).
 */
public final class Tenant {
    public final String name;
    public final long id;
    public String full;
    public long fullId;
    public String read;
    public String append;
    public String expired;
    public String revoked;
    public String cookie;
    public String csrf;

    Tenant(String name, long id) {
        this.name = name;
        this.id = id;
    }

    public String password() {
        return TestServer.password(name);
    }

    public String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP Basic with the token as the user name and the account name as the password: the swapped form. */
    public String swapped() {
        return "Basic " + Base64.getEncoder().encodeToString((full + ":" + name).getBytes(StandardCharsets.UTF_8));
    }
}
