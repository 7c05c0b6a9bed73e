package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.NotARepositoryException;
import dev.cairn.engine.repo.RepositoryException;
import dev.cairn.engine.repo.RepositoryLockedException;
import dev.cairn.engine.repo.UnsupportedFormatException;
import dev.cairn.engine.repo.WrongPassphraseException;
import dev.cairn.engine.snapshot.SnapshotNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void mapsEngineExceptions() {
        assertThat(ExitCodes.of(new NotARepositoryException("x"))).isEqualTo(10);
        assertThat(ExitCodes.of(new WrongPassphraseException("x"))).isEqualTo(11);
        assertThat(ExitCodes.of(new RepositoryLockedException("x"))).isEqualTo(12);
        assertThat(ExitCodes.of(new CorruptDataException("x"))).isEqualTo(13);
        assertThat(ExitCodes.of(new UnsupportedFormatException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new SnapshotNotFoundException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new RepositoryException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(1);
    }

    @Test
    void unwrapsConcurrencyWrappers() {
        var wrapped = new CompletionException(new UncheckedIOException(new CorruptDataException("pack 1234 is damaged")));
        assertThat(ExitCodes.of(wrapped)).isEqualTo(13);
        assertThat(ExitCodes.message(wrapped)).isEqualTo("pack 1234 is damaged");
    }

    @Test
    void messagesNameTheFileAndCallBugsInternal() {
        assertThat(ExitCodes.message(new AccessDeniedException("/etc/shadow"))).isEqualTo("/etc/shadow: permission denied");
        assertThat(ExitCodes.message(new IllegalArgumentException("bad value 3; use 4"))).isEqualTo("bad value 3; use 4");
        assertThat(ExitCodes.message(new NullPointerException("x"))).startsWith("internal error: ").contains("--debug");
    }
}
