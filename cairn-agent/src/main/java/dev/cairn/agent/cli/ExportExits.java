package dev.cairn.agent.cli;

import dev.cairn.agent.export.ExportFailure;

/** The exit code and message of a failed export command. */
final class ExportExits {
    private ExportExits() {
    }

    static int report(CliContext context, ExportFailure f) {
        context.err().println("error: " + f.getMessage());
        return switch (f.kind()) {
            case USAGE -> ExitCodes.USAGE;
            case DAMAGED -> ExitCodes.DAMAGED;
            case SERVER, DISK_FULL -> ExitCodes.FATAL;
        };
    }
}
