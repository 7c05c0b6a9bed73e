package dev.cairn.server.cli;

import dev.cairn.server.Units;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn server plan set NAME BYTES} and {@code plan list}: plans carry the default quota of their accounts. */
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

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List plans with their quota and number of accounts (--json: exact bytes).")
    int list(@picocli.CommandLine.Option(names = "--json", description = "One JSON array, sizes in bytes.")
            boolean json, @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            var plans = core.accounts().plans();
            if (json) {
                Admin.printJson(root.out, plans);
                return;
            }
            root.out.printf("%-32s %12s %9s%n", "PLAN", "QUOTA", "ACCOUNTS");
            for (var p : plans) {
                root.out.printf("%-32s %12s %9d%n", p.name(), Units.humanQuota(p.quotaBytes()), p.accounts());
            }
        });
    }
}
