package dev.cairn.server.cli;

import dev.cairn.server.Units;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn server plan set NAME BYTES}: plans carry the default quota of their accounts. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Manage plans (quota per plan).")
final class PlanCommand {
    @ParentCommand
    ServerCommand root;

    @Mixin
    CommonOptions common;

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Create or change a plan: BYTES (e.g. 100GiB) or 'unlimited'.")
    int set(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "BYTES") String bytes,
            @Mixin CommonOptions local) throws IOException {
        Long quota = Units.size(bytes);
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            core.accounts().definePlan(name, quota);
            root.out.println("plan " + name + ": quota " + Admin.bytes(quota));
        });
    }
}
