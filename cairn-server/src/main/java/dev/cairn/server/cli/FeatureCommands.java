package dev.cairn.server.cli;

import dev.cairn.server.feature.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Implemented beside {@link Feature} by a feature that adds {@code cairn server} subcommands (billing's {@code invoices},
 * {@code plan add}). Its commands are picocli objects that mix in {@link CommonOptions} and open the data directory
 * through the {@link Session}; the platform adds them before parsing, so the admin command line stays one tree.
 */
public interface FeatureCommands {
    /** The feature's subcommands; a {@code parent} names a platform command to nest under (null: top level). */
    List<Subcommand> commands(Session session);

    /** A picocli command object ({@code @Command}-annotated) and the platform command it goes under, if any. */
    record Subcommand(String parent, Object command) {
    }

    /** What a feature's command uses: the streams, and the data directory opened with this feature started. */
    interface Session {
        PrintStream out();

        InputStream in();

        /**
         * Opens the data directory ({@code local}'s options, then {@code cairn server}'s), starts the features, runs
         * {@code action} with this feature's started instance, closes; returns exit code 0.
         */
        int run(CommonOptions local, Action action) throws IOException;
    }

    /** A command's body. */
    @FunctionalInterface
    interface Action {
        void run(Feature.Running started) throws Exception;
    }
}
