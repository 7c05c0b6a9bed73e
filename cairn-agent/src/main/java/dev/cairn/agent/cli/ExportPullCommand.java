package dev.cairn.agent.cli;

import dev.cairn.agent.export.ExportCredentials;
import dev.cairn.client.ServerLocation;
import dev.cairn.agent.export.ExportFailure;
import dev.cairn.agent.export.ExportPuller;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn export pull --server URL --identity FILE --to DIR}: fetches every finished export DIR does not have,
 * checks and decrypts it, and keeps it in its own dated directory (see {@link ExportPuller}).
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Download the server's exports this directory does not have yet; check, decrypt and keep each "
                + "in its own dated directory.")
final class ExportPullCommand extends BaseCommand {
    @Option(names = "--server", paramLabel = "URL", required = true, description = "the cairn server, e.g. https://cairn.example.com")
    URI server;

    @Option(names = "--identity", paramLabel = "FILE", required = true,
            description = "your age key (cairn export keygen or age-keygen wrote it)")
    Path identity;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "the copy directory")
    Path to;

    @Option(names = "--into-repo", paramLabel = "REPO", description = "also back up each export pulled into this cairn "
            + "repository (passphrase: --password-file or CAIRN_PASSWORD), tagged onsite-export and export-N")
    String intoRepo;

    @Override
    protected int execute() throws IOException {
        ServerAccess access = server(); // the global --token-file and --insecure-http, as for repositories
        ExportCredentials credentials = uri -> access.token(context(), ServerLocation.server(uri.toString(),
                access.insecureHttp()));
        String key = identity();
        try (ExportIntoRepo repo = intoRepo == null ? null : new ExportIntoRepo(RepositoryAccess.open(context(),
                intoRepo, passphrases(), access(false), server()))) {
            ExportPuller.Result r = new ExportPuller(server, credentials, key, to, listener(repo),
                    dev.cairn.blob.StreamThrottle.of(access(true).downloadBytesPerSecond())).pull();
            output().json(java.util.Map.of("pulled", r.pulled().stream().map(Path::toString).toList(),
                    "alreadyHad", r.alreadyHad()));
            if (!output().json()) {
                output().result(r.pulled().size() + " export(s) pulled, " + r.alreadyHad() + " already here");
            }
            return ExitCodes.OK;
        } catch (ExportFailure f) {
            return ExportExits.report(context(), f);
        }
    }

    private String identity() throws IOException {
        return Files.readAllLines(identity, StandardCharsets.US_ASCII).stream().map(String::strip)
                .filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst()
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                        identity + " holds no age identity (a line AGE-SECRET-KEY-1...)"));
    }

    private ExportPuller.Listener listener(ExportIntoRepo repo) {
        return new ExportPuller.Listener() {
            @Override
            public void pinned(String key) {
                output().info("trusting the server's signing key " + key + " from now on (compare it with the "
                        + "fingerprint on the server's Onsite copy page)");
            }

            @Override
            public void resumed(long id, long offset) {
                output().info("export " + id + ": resumed the download at byte " + offset);
            }

            @Override
            public void pulled(long id, Path dir) throws IOException {
                output().info("export " + id + ": checked and kept in " + dir);
                if (repo != null) {
                    String snapshot = repo.store(id, dir);
                    output().info("export " + id + ": stored in " + repo.location() + " as snapshot "
                            + snapshot.substring(0, 8) + " (tag " + ExportIntoRepo.TAG + ")");
                }
            }
        };
    }
}
