package dev.cairn.server.cli;

import dev.cairn.protocol.TokenCreated;
import dev.cairn.protocol.TokenInfo;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.Units;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn server token add|list|revoke}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens of an account.")
final class TokenCommand {
    @ParentCommand
    ServerCommand root;

    @Mixin
    CommonOptions common;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an API token and print it (it is shown only once).")
    int add(@Parameters(paramLabel = "ACCOUNT") String account,
            @Option(names = "--scope", required = true, description = "read, append or full") String scope,
            @Option(names = "--name", required = true, paramLabel = "LABEL") String label,
            @Option(names = "--expires", paramLabel = "WHEN", description = "an ISO instant or a duration such as 90d")
            String expires, @Mixin CommonOptions local) throws IOException {
        TokenScope parsedScope = TokenScope.parse(scope);
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            long id = core.accounts().require(account).id();
            TokenCreated t = core.tokens().create(id, label, parsedScope, expiry(expires));
            root.out.println(t.token());
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List an account's tokens (never their secrets).")
    int list(@Parameters(paramLabel = "ACCOUNT") String account, @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            root.out.printf("%-6s %-24s %-7s %-22s %-22s %s%n", "ID", "NAME", "SCOPE", "EXPIRES", "LAST USED", "STATE");
            for (TokenInfo t : core.tokens().list(core.accounts().require(account).id())) {
                root.out.printf("%-6d %-24s %-7s %-22s %-22s %s%n", t.id(), t.name(), t.scope().wireName(),
                        t.expiresAt() == null ? "never" : t.expiresAt(), t.lastUsedAt() == null ? "never" : t.lastUsedAt(),
                        t.revokedAt() == null ? "active" : "revoked");
            }
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
    int revoke(@Parameters(paramLabel = "ACCOUNT") String account, @Parameters(paramLabel = "ID") long id,
            @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            core.tokens().revoke(core.accounts().require(account).id(), id);
            root.out.println("revoked token " + id);
        });
    }

    static Instant expiry(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.now().plus(Units.duration(text));
        }
    }
}
