package dev.cairn.server.cli;

import dev.cairn.server.ConfigFile;
import dev.cairn.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds the effective {@link ServerConfig}: defaults, then the config file, then command-line flags. */
final class ConfigResolver {
    private ConfigResolver() {
    }

    static ServerConfig resolve(Map<String, String> env, CommonOptions... levels) {
        Path flagDir = CommonOptions.dataDir(levels);
        Path dataDir = flagDir != null ? flagDir : defaultDataDir(env);
        ServerConfig config = ServerConfig.defaults(dataDir);
        Path file = CommonOptions.config(levels);
        if (file == null && Files.isRegularFile(dataDir.resolve("cairn-server.yaml"))) {
            file = dataDir.resolve("cairn-server.yaml");
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config file " + file + " does not exist");
            }
            config = ConfigFile.apply(file, config, env);
        }
        if (flagDir != null && !flagDir.equals(config.dataDir())) {
            config = new ServerConfig(flagDir, config.listenHost(), config.listenPort(), config.db(), config.store(),
                    config.signup(), config.deleteGrace(), config.accountDeletionGrace(), config.maxObjectBytes(),
                    config.publicUrl(), config.shutdownTimeout(), config.reconcileInterval(), config.passwordHash(),
                    config.mail());
        }
        return config;
    }

    static Path defaultDataDir(Map<String, String> env) {
        String explicit = env.get("CAIRN_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("cairn-server");
    }
}
