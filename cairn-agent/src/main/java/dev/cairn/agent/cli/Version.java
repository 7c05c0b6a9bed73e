package dev.cairn.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The program version, from the build (a filtered resource). */
final class Version {
    static final String VERSION = load();

    private Version() {
    }

    /** {@code cairn 0.1.0 (Java 25, linux/amd64)}. */
    static String describe() {
        return "cairn " + VERSION + " (Java " + Runtime.version().feature() + ", " + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
                + "/" + System.getProperty("os.arch") + ")";
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/cairn/agent/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Answers {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {describe()};
        }
    }
}
