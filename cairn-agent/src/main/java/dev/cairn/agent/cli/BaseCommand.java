package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Output;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the global options, the output, and opening the repository. A command implements
 * {@link #execute()} and returns an exit code from {@link ExitCodes}, or throws; {@link ErrorHandler} maps what it throws.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Output output;

    /**
     * Runs the command. A {@link LinkageError} (a native library that could not be unpacked: a full temp directory, a
     * low {@code ulimit -f}) is handed to {@link ErrorHandler} wrapped, since picocli passes only exceptions to it: it
     * escaped as "Exception in thread main" with a stack trace (the reliability harness, issue 21).
     */
    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (LinkageError e) {
            throw new java.util.concurrent.ExecutionException(e); // ExitCodes.unwrap strips it again
        }
    }

    /** Runs the command; returns the exit code. */
    protected abstract int execute() throws Exception;

    final CairnCommand root() {
        return (CairnCommand) spec.root().userObject();
    }

    final CliContext context() {
        return root().context();
    }

    final Output output() {
        if (output == null) {
            CliContext c = context();
            output = new Output(c.out(), c.err(), root().json, root().quiet, c.terminal());
        }
        return output;
    }

    /** Opens the repository named by {@code -r} or the environment, asking for the passphrase as needed. */
    final OpenRepository openRepository() throws IOException {
        return RepositoryAccess.open(context(), location(), passphrases(), access(false), server());
    }

    /**
     * As {@link #openRepository()}, for commands that only read: the store refuses any change, so a bug in a read
     * command can never alter the repository.
     */
    final OpenRepository openRepositoryForReading() throws IOException {
        return RepositoryAccess.open(context(), location(), passphrases(), access(true), server());
    }

    /** How to reach a repository on a cairn server: the credential options and this command's name (for leases). */
    final ServerAccess server() {
        return new ServerAccess(root().tokenFile, root().insecureHttp, spec.name());
    }

    final RepositoryAccess.StoreAccess access(boolean readOnly) {
        return new RepositoryAccess.StoreAccess(readOnly, RepositoryAccess.bytesPerSecond(root().limitUpload,
                "--limit-upload", spec), RepositoryAccess.bytesPerSecond(root().limitDownload, "--limit-download", spec));
    }

    final String location() {
        return RepositoryAccess.location(context(), root().repo, spec);
    }

    final Passphrases passphrases() {
        return new Passphrases(context(), root().passwordFile);
    }
}
