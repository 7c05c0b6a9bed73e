package dev.cairn.agent.cli;

import dev.cairn.agent.ui.JsonOutput;
import picocli.CommandLine.Command;

/** {@code cairn version}: the same as {@code --version}, with {@code --json} support. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of cairn.")
final class VersionCommand extends BaseCommand {

    @Override
    protected int execute() {
        output().result(Version.describe());
        output().json(JsonOutput.object("version", Version.VERSION, "java", Runtime.version().toString(),
                "os", System.getProperty("os.name"), "arch", System.getProperty("os.arch")));
        return ExitCodes.OK;
    }
}
