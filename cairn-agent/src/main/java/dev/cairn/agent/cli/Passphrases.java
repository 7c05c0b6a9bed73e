package dev.cairn.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where passphrases come from, in order: {@code --password-file}, {@code $CAIRN_PASSWORD}, then a prompt on the terminal
 * (asked twice when a new passphrase is chosen). Without any of them the command fails and says how to give one.
 */
final class Passphrases {
    private final CliContext context;
    private final Path file;
    /** Where the last passphrase came from, in the user's words, for the hint of a wrong one; null before one was read. */
    private String source;

    Passphrases(CliContext context, Path file) {
        this.context = context;
        this.file = file;
    }

    /** The passphrase of an existing repository. */
    char[] existing() throws IOException {
        return file != null ? readFile(file) : fromEnvOrPrompt("enter passphrase for the repository: ", false);
    }

    /**
     * {@code e} with a hint that names only where the passphrase came from: the file, {@code $CAIRN_PASSWORD}, or the
     * prompt (a passphrase typed at the prompt never mentions the variable).
     */
    dev.cairn.engine.repo.WrongPassphraseException wrong(dev.cairn.engine.repo.WrongPassphraseException e) {
        String hint = switch (source == null ? "" : source) {
            case "file" -> "check the first line of " + file + " and try again";
            case "env" -> "check CAIRN_PASSWORD and try again";
            case "prompt" -> "run the command again and type it carefully (it is case-sensitive)";
            default -> "try again";
        };
        return new dev.cairn.engine.repo.WrongPassphraseException(e.getMessage() + "; " + hint, e);
    }

    /** A new passphrase for {@code init}: asked twice on a terminal; must not be empty. */
    char[] chosen() throws IOException {
        char[] p = file != null ? readFile(file) : fromEnvOrPrompt("enter passphrase for the new repository: ", true);
        return requireNotEmpty(p, "the passphrase");
    }

    /** The new passphrase of {@code key add}: from {@code newFile}, else asked twice on a terminal. */
    char[] added(Path newFile) throws IOException {
        if (newFile != null) {
            return requireNotEmpty(readFile(newFile), "the new passphrase");
        }
        if (context.console() == null) {
            throw new IllegalArgumentException("no new passphrase: give --new-password-file FILE, or run on a terminal to be asked");
        }
        return requireNotEmpty(prompt("enter the new passphrase: ", true), "the new passphrase");
    }

    private char[] fromEnvOrPrompt(String question, boolean confirm) {
        String env = context.env(CliContext.PASSWORD_ENV);
        if (env != null) {
            source = "env";
            return env.toCharArray();
        }
        if (context.console() == null) {
            throw new IllegalArgumentException("no passphrase: give --password-file FILE, set CAIRN_PASSWORD, or run on a terminal to be asked");
        }
        source = "prompt";
        return prompt(question, confirm);
    }

    private char[] prompt(String question, boolean confirm) {
        char[] first = read(question);
        if (confirm) {
            char[] second = read("enter the passphrase again: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (!same) {
                throw new IllegalArgumentException("the passphrases do not match; nothing was changed, try again");
            }
        }
        return first;
    }

    private char[] read(String question) {
        char[] p = context.console().readPassword("%s", question);
        if (p == null) {
            throw new IllegalArgumentException("no passphrase entered (end of input)");
        }
        return p;
    }

    private char[] readFile(Path path) throws IOException {
        source = "file";
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
    }

    private static char[] requireNotEmpty(char[] p, String what) {
        if (p.length == 0) {
            throw new IllegalArgumentException(what + " is empty; choose a non-empty one");
        }
        return p;
    }
}
