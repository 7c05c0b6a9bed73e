package dev.cairn.agent.cli;

import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code cairn cat TYPE [ID]}: prints a stored object as decrypted JSON, for debugging and curiosity. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print a repository object as decrypted JSON.",
                "TYPE is config, snapshot ID (or 'latest'), index ID, key ID or tree ID; IDs may be unique prefixes, trees need the full id."})
final class CatCommand extends BaseCommand {
    private static final List<String> TYPES = List.of("config", "snapshot", "index", "key", "tree");

    @Parameters(index = "0", paramLabel = "TYPE", description = "config | snapshot | index | key | tree")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "object id or unique prefix (not for config)")
    String id;

    @Override
    protected int execute() throws Exception {
        String kind = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(kind)) {
            throw new ParameterException(spec.commandLine(), "unknown TYPE '" + type + "'; use one of " + String.join(", ", TYPES));
        }
        if (kind.equals("config") != (id == null)) {
            throw new ParameterException(spec.commandLine(), kind.equals("config") ? "config takes no ID" : kind + " needs an ID");
        }
        try (OpenRepository open = openRepositoryForReading()) {
            output().raw(JsonOutput.pretty(load(open, kind)));
            return ExitCodes.OK;
        }
    }

    private byte[] load(OpenRepository open, String kind) throws IOException {
        Repository repo = open.repo();
        return switch (kind) {
            case "config" -> repo.loadUnpacked(BlobKind.CONFIG, "config");
            case "snapshot" -> repo.loadUnpacked(BlobKind.SNAPSHOT, Snapshots.resolve(repo, id, Snapshots.ALL).id());
            case "index" -> repo.loadUnpacked(BlobKind.INDEX, unique(repo, BlobKind.INDEX));
            case "key" -> open.store().getAll(BlobName.of(BlobKind.KEY, unique(repo, BlobKind.KEY)));
            default -> repo.loadBlob(BlobType.TREE, parseTreeId());
        };
    }

    private String unique(Repository repo, BlobKind kind) throws IOException {
        String prefix = id.toLowerCase(Locale.ROOT);
        List<String> matches = repo.list(kind).stream().filter(n -> n.startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no " + kind.dirName() + " object matches '" + id + "'"
                    : "'" + id + "' matches " + matches.size() + " " + kind.dirName() + " objects; give more digits");
        }
        return matches.get(0);
    }

    private BlobId parseTreeId() {
        try {
            return BlobId.parse(id.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tree ids must be given in full (64 hex digits), as 'cairn cat snapshot ID' shows them", e);
        }
    }
}
