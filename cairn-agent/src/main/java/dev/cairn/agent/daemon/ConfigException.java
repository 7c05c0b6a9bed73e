package dev.cairn.agent.daemon;

/** The config file cannot be used; the message names the file, the line and column, and the key (docs/daemon.md). */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    ConfigException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The 1-based line of the problem; 0 when it is not about one place in the file (e.g. the file is missing). */
    public int line() {
        return line;
    }
}
