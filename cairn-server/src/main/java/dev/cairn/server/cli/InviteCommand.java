package dev.cairn.server.cli;

import dev.cairn.server.account.SignupMode;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn server invite add} and {@code cairn server invite mode open|invite|closed}. */
@Command(name = "invite", mixinStandardHelpOptions = true, description = "Sign-up mode and invite codes.")
final class InviteCommand {
    @ParentCommand
    ServerCommand root;

    @Mixin
    CommonOptions common;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a single-use invite code and print it.")
    int add(@Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> root.out.println(core.accounts().createInvite()));
    }

    @Command(name = "mode", mixinStandardHelpOptions = true,
            description = "Set the sign-up mode: open, invite or closed.")
    int mode(@Parameters(paramLabel = "MODE") String mode, @Mixin CommonOptions local) throws IOException {
        SignupMode parsed = SignupMode.parse(mode);
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            core.accounts().setSignupMode(parsed);
            root.out.println("sign-up: " + parsed.wireName());
        });
    }
}
