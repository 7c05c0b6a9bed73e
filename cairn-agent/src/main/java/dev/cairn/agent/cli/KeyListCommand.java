package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.agent.ui.Table;
import dev.cairn.engine.repo.KeyInfo;
import dev.cairn.engine.repo.Keys;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cairn key list}: lists key files; {@code *} marks the one that opened the repository. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the key files; * marks the one in use.")
final class KeyListCommand extends BaseCommand {

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepositoryForReading()) {
            List<KeyInfo> keys = Keys.list(open.store(), open.repo().keyId());
            output().json(keys.stream().map(k -> {
                var doc = JsonOutput.object("id", k.id(), "short_id", k.id().substring(0, 8));
                doc.putAll(JsonOutput.fields(k));
                return doc;
            }).toList());
            Table table = new Table(" ", "ID", "User", "Host", "Created");
            keys.forEach(k -> table.add(k.current() ? "*" : " ", k.id().substring(0, 8), nullToEmpty(k.username()),
                    nullToEmpty(k.hostname()), Formats.time(k.created())));
            if (!output().json()) {
                table.render().forEach(output()::result);
            }
            return ExitCodes.OK;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
