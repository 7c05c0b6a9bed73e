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
                root.out.println("account id " + d.accountId() + " repo " + d.repo() + ": drift "
                        + (d.driftBytes() < 0 ? "-" + dev.cairn.server.Units.human(-d.driftBytes())
                        : dev.cairn.server.Units.human(d.driftBytes())) + " (" + d.driftBytes() + " bytes), now "
                        + dev.cairn.server.Units.human(d.storedBytes()));
            }
            root.out.println(drifts.isEmpty() ? "no drift" : drifts.size() + " repositories corrected");
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Per-day metering of an account: stored, ingress, egress, requests (--json: exact bytes).")
    int show(@Parameters(paramLabel = "NAME") String name,
            @picocli.CommandLine.Option(names = "--json", description = "One JSON array, sizes in bytes.") boolean json,
            @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, new CommonOptions[] {local, common}, core -> {
            List<UsageMeter.Day> days = core.meter().days(core.accounts().require(name).id());
            if (json) {
                Admin.printJson(root.out, days);
                return;
            }
            root.out.printf("%-10s %12s %12s %12s %10s%n", "DAY", "STORED", "INGRESS", "EGRESS", "REQUESTS");
            for (UsageMeter.Day d : days) {
                root.out.printf("%-10s %12s %12s %12s %10d%n", d.day(), dev.cairn.server.Units.human(d.storedBytes()),
                        dev.cairn.server.Units.human(d.ingressBytes()), dev.cairn.server.Units.human(d.egressBytes()),
                        d.requests());
            }
        });
    }
}
