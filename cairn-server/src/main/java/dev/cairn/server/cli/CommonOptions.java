package dev.cairn.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} and {@code --config}, mixed into every command; the innermost one given wins. */
public final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Server data directory (default: $CAIRN_DATA_DIR, else ~/.local/share/cairn-server).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: <data-dir>/cairn-server.yaml if it exists). Flags override it.")
    Path config;

    /** Options naming only {@code dataDir} (a default below the user's flags). */
    static CommonOptions ofDataDir(Path dataDir) {
        CommonOptions o = new CommonOptions();
        o.dataDir = dataDir;
        return o;
    }

    /** The first non-null data dir among {@code levels}, innermost first. */
    static Path dataDir(CommonOptions... levels) {
        for (CommonOptions o : levels) {
            if (o != null && o.dataDir != null) {
                return o.dataDir;
            }
        }
        return null;
    }

    static Path config(CommonOptions... levels) {
        for (CommonOptions o : levels) {
            if (o != null && o.config != null) {
                return o.config;
            }
        }
        return null;
    }
}
