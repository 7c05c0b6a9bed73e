package dev.cairn.agent.cli;

import dev.cairn.engine.repo.LockWait;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --retry-lock DURATION} (restic's flag) for the commands that lock: a picocli mixin. */
final class LockOptions {
    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    @Option(names = "--retry-lock", paramLabel = "DURATION",
            description = "if the repository is locked, keep trying for this long (e.g. 30s, 5m, 1h30m; default: fail at once)")
    String retryLock;

    /** The wait the option asks for; a usage error if it does not parse. */
    LockWait lockWait(CommandSpec spec) {
        if (retryLock == null) {
            return LockWait.NONE;
        }
        String s = retryLock.strip();
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != s.length() || s.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--retry-lock takes a duration like 30s, 5m or 1h30m, not '"
                    + retryLock + "'");
        }
        return LockWait.of(total);
    }
}
