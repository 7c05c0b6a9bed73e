package dev.cairn.agent.cli;

import dev.cairn.export.crypt.Age;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn export keygen --output FILE}: writes a new age identity in the format of {@code age-keygen} (mode 0600,
 * never over an existing file) and prints its recipient, to register on the server.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Make a new age key for onsite copies; prints the public key (age1...) to add on the server.")
final class ExportKeygenCommand extends BaseCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "where to write the key (readable by you only); never overwritten")
    Path output;

    @Override
    protected int execute() throws IOException {
        String[] identity = Age.newIdentity();
        String text = "# created: " + Instant.now() + "\n# public key: " + identity[1] + "\n" + identity[0] + "\n";
        try {
            Files.createFile(output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            context().err().println("error: " + output + " exists; keygen never overwrites a key (it may be the only "
                    + "key to your copies). Choose another file");
            return ExitCodes.USAGE;
        }
        Files.writeString(output, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        output().json(java.util.Map.of("recipient", identity[1], "identityFile", output.toString()));
        if (!output().json()) {
            // like age-keygen: the hint on stderr, so stdout is the recipient alone
            context().err().println("Public key (add it as a recipient on the server's Onsite copy page):");
            output().result(identity[1]);
        }
        return ExitCodes.OK;
    }
}
