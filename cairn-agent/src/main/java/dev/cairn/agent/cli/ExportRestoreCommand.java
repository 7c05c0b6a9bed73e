package dev.cairn.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.export.CopyRestorer;
import dev.cairn.agent.export.ExportCredentials;
import dev.cairn.agent.export.ExportFailure;
import dev.cairn.client.ServerLocation;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn export restore DIR_OR_BUNDLE --server URL}: restores the workspace from a copy, showing the diff per
 * table first (see {@link CopyRestorer}); {@code --dry-run} stops after the diff.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore your workspace from a copy: check it, show what would change table by table, then "
                + "apply it all or nothing (--dry-run: only show).")
final class ExportRestoreCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR_OR_BUNDLE", description = "a pulled export's directory, a decrypted bundle (.zip) "
            + "or an encrypted one (.age, with --identity)")
    Path copy;

    @Option(names = "--server", paramLabel = "URL", required = true, description = "the cairn server to restore into")
    URI server;

    @Option(names = "--identity", paramLabel = "FILE", description = "your age key, to decrypt a .age bundle here")
    Path identity;

    @Option(names = "--dry-run", description = "show the diff and change nothing")
    boolean dryRun;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    /** --replace (default) or --merge. */
    static final class Mode {
        @Option(names = "--replace", description = "the workspace becomes exactly the copy (default)")
        boolean replace;

        @Option(names = "--merge", description = "add and update records by id, delete nothing")
        boolean merge;
    }

    @Option(names = "--format", paramLabel = "FORMAT", description = "the format to read: jsonl, sqlite, xml, sql, "
            + "xlsx or csv (default: the one with the most type information the copy has)")
    String format;

    @Option(names = "--other-workspace", description = "the copy is of another workspace (another account or "
            + "server): restore it into this one anyway")
    boolean otherWorkspace;

    @Option(names = "--signing-key", paramLabel = "KEY", description = "the signing key of the server that made the "
            + "copy (default: the key pinned by pull, else this server's)")
    String signingKey;

    @Override
    protected int execute() throws IOException {
        ServerAccess access = server();
        ExportCredentials credentials = uri -> access.token(context(), ServerLocation.server(uri.toString(),
                access.insecureHttp()));
        CopyRestorer.Request request = new CopyRestorer.Request(copy, identity(), format,
                mode.merge ? "merge" : "replace", dryRun, otherWorkspace, signingKey);
        try {
            CopyRestorer.Result r = new CopyRestorer(server, credentials).restore(request, this::show);
            if (r.applied() == null) {
                output().json(Map.of("diff", r.diff(), "applied", false));
                output().result("dry run: nothing was changed");
            } else {
                output().json(Map.of("diff", r.diff(), "applied", true, "seq", r.applied().get("seq").asLong()));
                output().result("restored: the workspace is now at change " + r.applied().get("seq").asLong());
            }
            return ExitCodes.OK;
        } catch (ExportFailure f) {
            return ExportExits.report(context(), f);
        }
    }

    private void show(JsonNode diff) {
        DiffText.lines(diff).forEach(output()::result);
    }

    private String identity() throws IOException {
        if (identity == null) {
            return null;
        }
        return Files.readAllLines(identity, StandardCharsets.US_ASCII).stream().map(String::strip)
                .filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst()
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                        identity + " holds no age identity (a line AGE-SECRET-KEY-1...)"));
    }
}
