package dev.cairn.server.cli;

import dev.cairn.server.ServerCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.function.Consumer;

/** Opens the server's data directory for one admin command (the running server may keep serving meanwhile). */
final class Admin {
    private Admin() {
    }

    static int with(ServerCommand root, CommonOptions[] levels, Consumer<ServerCore> action) throws IOException {
        try (ServerCore core = ServerCore.open(root.config(levels), InstantSource.system(), new SecureRandom()::nextBytes,
                root.features)) {
            action.accept(core);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return 0;
    }

    static String bytes(Long n) {
        return n == null ? "unlimited" : Long.toString(n);
    }
}
