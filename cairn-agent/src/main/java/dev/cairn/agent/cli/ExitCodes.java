package dev.cairn.agent.cli;

import dev.cairn.agent.ui.ErrorMessages;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.NotARepositoryException;
import dev.cairn.engine.repo.RepositoryLockedException;
import dev.cairn.engine.repo.WrongPassphraseException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * The exit codes of {@code cairn}, and the one mapping from an exception to a code and a message. Scripts rely on these
 * numbers: never renumber, only add.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FATAL = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;
    public static final int NO_REPOSITORY = 10;
    public static final int WRONG_PASSPHRASE = 11;
    public static final int LOCKED = 12;
    public static final int DAMAGED = 13;
    public static final int SIGNED_OUT = 14;
    public static final int QUOTA_EXCEEDED = 15;

    /** The list shown under "Exit codes:" in every {@code --help}, as picocli {@code code:description} pairs. */
    static final List<String> HELP = List.of(
            "0:success",
            "1:fatal error (the message says why; --debug adds the stack trace)",
            "2:usage error (bad option or argument, no repository given)",
            "3:backup finished but some items could not be read (the snapshot is partial), or restore finished with errors",
            "10:repository does not exist",
            "11:wrong passphrase",
            "12:repository is locked by another process",
            "13:check found errors, or stored data is damaged",
            "14:signed out of the server (wrong, revoked or expired token, or none): run cairn login https://HOST",
            "15:the account's quota on the server is full (the message says how full and what to do)");

    private ExitCodes() {
    }

    /** The exit code for a failure that ended a command. */
    public static int of(Throwable e) {
        if (find(e, dev.cairn.client.SignedOutException.class) != null) {
            return SIGNED_OUT;
        }
        if (find(e, dev.cairn.client.QuotaExceededException.class) != null) {
            return QUOTA_EXCEEDED;
        }
        if (find(e, dev.cairn.client.LeaseLostException.class) != null) {
            return LOCKED;
        }
        return switch (unwrap(e)) {
            case NotARepositoryException x -> NO_REPOSITORY;
            case WrongPassphraseException x -> WRONG_PASSPHRASE;
            case RepositoryLockedException x -> LOCKED;
            case CorruptDataException x -> DAMAGED;
            case CommandLine.ParameterException x -> USAGE;
            case dev.cairn.agent.daemon.ConfigException x -> USAGE;
            default -> FATAL;
        };
    }

    /** The one-line message for the user. Expected failures say what to do; anything else is reported as an internal error. */
    static String message(Throwable e) {
        Throwable cause = unwrap(e);
        if (outOfMemory(e)) {
            return OUT_OF_MEMORY;
        }
        String nativeLibrary = NativeLibraryFailure.describe(e, NativeLibraryFailure.tempDirectory());
        if (nativeLibrary != null) {
            return nativeLibrary; // before the IOException branch: the pack saver wraps the Error in one
        }
        Throwable server = find(e, dev.cairn.client.ServerProblemException.class);
        if (server != null && !(cause instanceof RepositoryLockedException)) {
            return server.getMessage(); // the server's own words (quota, append-only, signed out, lease lost)
        }
        if (cause instanceof java.io.IOException || cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof UnsupportedOperationException || cause instanceof dev.cairn.agent.daemon.ConfigException) {
            return ErrorMessages.describe(cause);
        }
        return "internal error: " + cause + "; run with --debug for the stack trace and please report it";
    }

    static final String OUT_OF_MEMORY = "cairn ran out of memory (its heap is capped to keep the process small); run it again "
            + "with more, e.g. CAIRN_JAVA_OPTS='-XX:+UseSerialGC -Xmx1g'. Nothing that was committed is affected";

    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The first throwable of type {@code type} in {@code e}'s cause chain, or null. */
    static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** Strips the wrappers that concurrency and streams add around the real failure. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
