package dev.cairn.agent.cli;

import dev.cairn.agent.daemon.ConfigException;
import dev.cairn.agent.daemon.ConfigLoader;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.daemon.DaemonConfig;
import dev.cairn.agent.daemon.HttpReportSender;
import dev.cairn.agent.daemon.Log;
import dev.cairn.agent.daemon.Outbox;
import dev.cairn.agent.daemon.RepositoryOpener;
import dev.cairn.agent.daemon.SetConfig;
import dev.cairn.agent.remote.Credentials;
import dev.cairn.client.ServerLocation;
import dev.cairn.engine.repo.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code daemon}, {@code status} and {@code run} share: where the config and the state directory are, and the
 * daemon's ports onto the CLI's way of opening repositories ({@link RepositoryAccess}) and finding tokens ({@link Credentials}).
 */
final class DaemonPorts {
    private DaemonPorts() {
    }

    /** {@code --config}, else {@code $XDG_CONFIG_HOME/cairn/daemon.yaml} ({@code ~/.config/cairn/daemon.yaml}). */
    static Path configFile(CliContext context, Path option) {
        return option != null ? option : context.configDirectory().resolve("daemon.yaml");
    }

    /** {@code --state-dir}, else the config's {@code state-dir}, else {@code $XDG_STATE_HOME/cairn} ({@code ~/.local/state/cairn}). */
    static Path stateDir(CliContext context, Path option, DaemonConfig config) {
        if (option != null) {
            return option;
        }
        if (config != null && config.stateDir() != null) {
            return config.stateDir();
        }
        if (context.env("XDG_STATE_HOME") != null) {
            return Path.of(context.env("XDG_STATE_HOME"), "cairn");
        }
        return context.env("HOME") == null ? Path.of(".cairn-state") : Path.of(context.env("HOME"), ".local", "state", "cairn");
    }

    static DaemonConfig load(Path file) throws ConfigException {
        return new ConfigLoader(java.time.ZoneId.systemDefault()).load(file);
    }

    /** The options of a daemon on {@code config} in {@code stateDir}, logging to the command's stderr. */
    static Daemon.Options options(CliContext context, Path config, Path stateDir, boolean signals) {
        return options(context, config, stateDir, signals, Clock.systemUTC());
    }

    static Daemon.Options options(CliContext context, Path config, Path stateDir, boolean signals, Clock clock) {
        return new Daemon.Options(config, stateDir, clock, opener(context), new HttpReportSender(), tokens(context),
                Version.VERSION, Environment.system().hostname(), new Log(context.err(), clock), signals);
    }

    /** Opens a set's repository as {@code cairn -r REPOSITORY --password-file ... backup} would; never prompts. */
    static RepositoryOpener opener(CliContext context) {
        return set -> {
            CliContext quiet = new CliContext(withPassword(context, set), context.in(), context.out(), context.err(), null);
            RepositoryAccess.StoreAccess access = new RepositoryAccess.StoreAccess(false, set.bandwidth().uploadBytesPerSecond(),
                    set.bandwidth().downloadBytesPerSecond());
            OpenRepository o = RepositoryAccess.open(quiet, set.repository(), new Passphrases(quiet, set.passwordFile()), access,
                    new ServerAccess(set.tokenFile(), set.insecureHttp(), "daemon"));
            return new RepositoryOpener.Opened(o.repo(), o);
        };
    }

    /** The environment, with {@code CAIRN_PASSWORD} from the set's {@code password-command} if it has one. */
    private static Map<String, String> withPassword(CliContext context, SetConfig set) throws IOException {
        Map<String, String> env = new HashMap<>(context.env());
        if (set.passwordCommand() != null) {
            env.put(CliContext.PASSWORD_ENV, passwordFromCommand(set.passwordCommand()));
        }
        return env;
    }

    /** The first line {@code command} prints (e.g. {@code secret-tool lookup cairn home}); it must end within a minute with 0. */
    static String passwordFromCommand(String command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(dev.cairn.agent.daemon.Hook.shell(command)).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        p.getOutputStream().close();
        String line;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = in.readLine();
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("password-command '" + command + "' did not finish within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running password-command", e);
        }
        if (p.exitValue() != 0 || line == null || line.isEmpty()) {
            throw new IOException("password-command '" + command + "' printed no passphrase (exit code " + p.exitValue() + ")");
        }
        return line;
    }

    /** A server's token: the set's token-file, else $CAIRN_TOKEN, else {@code cairn login}'s. */
    static Outbox.Tokens tokens(CliContext context) {
        return (server, tokenFile, insecureHttp) -> Credentials.find(ServerLocation.server(server.toString(), insecureHttp),
                tokenFile, context.env(Credentials.TOKEN_ENV), ServerAccess.savedTokens(context)).map(Credentials.Found::token);
    }
}
