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

    /** The session a feature's commands use: {@code index} is the feature's place in the composition root's list. */
    static FeatureCommands.Session session(ServerCommand root, int index) {
        return new FeatureCommands.Session() {
            @Override
            public java.io.PrintStream out() {
                return root.out;
            }

            @Override
            public java.io.InputStream in() {
                return root.in;
            }

            @Override
            public int run(CommonOptions local, FeatureCommands.Action action) throws IOException {
                return with(root, new CommonOptions[] {local}, core -> {
                    try {
                        action.run(core.features().get(index));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
            }
        };
    }

    /** A quota for people: {@code unlimited}, or IEC units with the exact bytes ({@code 50.0 GiB (53687091200 bytes)}). */
    static String bytes(Long n) {
        return n == null ? "unlimited" : dev.cairn.server.Units.human(n) + " (" + n + " bytes)";
    }

    /** Writes {@code value} as indented JSON (the {@code --json} output of the admin commands). */
    static void printJson(java.io.PrintStream out, Object value) {
        try {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
