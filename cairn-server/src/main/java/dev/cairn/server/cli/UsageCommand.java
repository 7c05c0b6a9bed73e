package dev.cairn.server.cli;

import dev.cairn.server.quota.UsageMeter;
import dev.cairn.server.storage.StorageMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn server usage reconcile} and {@code cairn server usage show NAME}. */
@Command(name = "usage", mixinStandardHelpOptions = true, description = "Storage usage and metering.")
final class UsageCommand {
    @ParentCommand
    ServerCommand root;

    @Mixin
    CommonOptions common;

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = "Recount stored bytes from the store, correct the ledger, report drift.")
    int reconcile(@Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            List<StorageMaintenance.Drift> drifts;
            try {
                drifts = core.maintenance().reconcile();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (StorageMaintenance.Drift d : drifts) {
                root.out.println("account id " + d.accountId() + " repo " + d.repo() + ": drift " + d.driftBytes()
                        + " bytes, now " + d.storedBytes());
            }
            root.out.println(drifts.isEmpty() ? "no drift" : drifts.size() + " repositories corrected");
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Per-day metering of an account: stored, ingress, egress bytes, requests.")
    int show(@Parameters(paramLabel = "NAME") String name, @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            root.out.printf("%-10s %15s %15s %15s %10s%n", "DAY", "STORED", "INGRESS", "EGRESS", "REQUESTS");
            for (UsageMeter.Day d : core.meter().days(core.accounts().require(name).id())) {
                root.out.printf("%-10s %15d %15d %15d %10d%n", d.day(), d.storedBytes(), d.ingressBytes(),
                        d.egressBytes(), d.requests());
            }
        });
    }
}
