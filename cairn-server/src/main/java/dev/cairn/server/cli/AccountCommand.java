package dev.cairn.server.cli;

import dev.cairn.server.Units;
import dev.cairn.server.account.Account;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn server account add|list|suspend|unsuspend|set-quota|set-plan|delete|password}. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Manage accounts.")
final class AccountCommand {
    @ParentCommand
    ServerCommand root;

    @Mixin
    CommonOptions common;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an account; the password is read from standard input.")
    int add(@Parameters(paramLabel = "NAME") String name, @Option(names = "--email", required = true) String email,
            @Option(names = "--password-stdin", required = true, description = "Read the password from stdin.")
            boolean passwordStdin, @Option(names = "--admin") boolean admin, @Mixin CommonOptions local)
            throws IOException {
        String password = readPassword();
        return Admin.with(root, levels(local), core -> {
            Account a = core.accounts().create(name, email, password, admin);
            root.out.println("created account " + a.name() + " <" + a.email() + ">" + (a.admin() ? " (admin)" : ""));
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List accounts with status, plan, quota and usage (sizes in KiB/MiB/GiB; --json: exact "
                    + "bytes, quotaBytes null when unlimited).")
    int list(@Option(names = "--json", description = "One JSON array, sizes in bytes.") boolean json,
            @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, levels(local), core -> {
            var accounts = core.accounts().list();
            if (json) {
                Admin.printJson(root.out, accounts.stream().map(a -> {
                    var m = new java.util.LinkedHashMap<String, Object>();
                    m.put("name", a.name());
                    m.put("email", a.email());
                    m.put("status", a.status().wireName());
                    m.put("admin", a.admin());
                    m.put("plan", a.plan());
                    m.put("quotaBytes", a.quotaBytes());
                    m.put("storedBytes", a.storedBytes());
                    return m;
                }).toList());
                return;
            }
            root.out.printf("%-32s %-10s %-6s %-12s %12s %12s  %s%n", "NAME", "STATUS", "ADMIN", "PLAN", "QUOTA",
                    "STORED", "EMAIL");
            for (Account a : accounts) {
                root.out.printf("%-32s %-10s %-6s %-12s %12s %12s  %s%n", a.name(), a.status().wireName(),
                        a.admin() ? "yes" : "no", a.plan(), Units.humanQuota(a.quotaBytes()),
                        Units.human(a.storedBytes()), a.email());
            }
        });
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend an account (no logins, no token use; data kept).")
    int suspend(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--reason", paramLabel = "TEXT", description = "Why; shown to the account's owner.")
            String reason, @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, levels(local), core -> root.out.println("suspended "
                + core.accounts().suspend(name, null, reason).name() + (reason == null ? "" : ": " + reason)));
    }

    @Command(name = "unsuspend", mixinStandardHelpOptions = true, description = "Reactivate a suspended account.")
    int unsuspend(@Parameters(paramLabel = "NAME") String name, @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, levels(local), core -> root.out.println("reactivated " + core.accounts().unsuspend(name).name()));
    }

    @Command(name = "set-quota", mixinStandardHelpOptions = true,
            description = "Set the account's quota override: BYTES (e.g. 50GiB), 'unlimited' or 'plan'.")
    int setQuota(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "BYTES") String bytes,
            @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, levels(local), core -> {
            Account a;
            if ("plan".equalsIgnoreCase(bytes)) {
                a = core.accounts().setQuota(name, null);
            } else {
                Long quota = Units.size(bytes);
                a = core.accounts().setQuota(name, quota == null ? Account.UNLIMITED_OVERRIDE : quota);
            }
            root.out.println(a.name() + ": quota " + Admin.bytes(a.quotaBytes()));
        });
    }

    @Command(name = "set-plan", mixinStandardHelpOptions = true,
            description = "Move the account to a plan (see 'cairn server plan').")
    int setPlan(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "PLAN") String plan,
            @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, levels(local), core -> {
            Account a = core.accounts().setPlan(name, plan);
            root.out.println(a.name() + ": plan " + a.plan() + ", quota " + Admin.bytes(a.quotaBytes()));
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete the account; its data is purged after the deletion grace period.")
    int delete(@Parameters(paramLabel = "NAME") String name, @Mixin CommonOptions local) throws IOException {
        return Admin.with(root, levels(local), core -> {
            Account a = core.accounts().requestDeletion(core.accounts().require(name).id());
            root.out.println(a.name() + ": deleted; data purged after " + a.purgeAfter());
        });
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Set a new password, read from standard input.")
    int password(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--password-stdin", required = true) boolean passwordStdin, @Mixin CommonOptions local)
            throws IOException {
        String password = readPassword();
        return Admin.with(root, levels(local), core -> {
            core.accounts().resetPassword(name, password);
            root.out.println(name + ": password changed");
        });
    }

    private String readPassword() throws IOException {
        String line = new BufferedReader(new InputStreamReader(root.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input; pipe it in, e.g. echo \"$PW\" | cairn server account add ...");
        }
        return line;
    }

    private CommonOptions[] levels(CommonOptions local) {
        return new CommonOptions[] {local, common};
    }
}
