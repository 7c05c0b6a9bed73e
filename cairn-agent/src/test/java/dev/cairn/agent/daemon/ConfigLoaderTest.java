package dev.cairn.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;
    private final ConfigLoader loader = new ConfigLoader(ZoneOffset.UTC);

    private Path write(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("daemon.yaml"), yaml);
    }

    @Test
    void readsTheIssuesShapeAndEveryKey() throws Exception {
        DaemonConfig c = loader.load(write("""
                state-dir: /var/lib/cairn
                report-to: https://backup.example.com
                sets:
                  home:
                    repository: https://backup.example.com/laptop   # or a directory, or s3://...
                    password-file: /etc/cairn/home.pass
                    sources: [/home/me]
                    exclude: ["*.tmp"]
                    schedule: every 1h
                    keep: {last: 10, daily: 7, weekly: 4}
                    bandwidth: {upload: 2MiB, download: 512KiB}
                    hooks: {pre: "pg_dump db > /tmp/db.sql", post: "rm /tmp/db.sql", timeout: 2m}
                  onsite:
                    schedule: "30 2 * * *"
                    export-pull:
                      - {server: https://backup.example.com, identity: /etc/cairn/age.key, to-dir: /srv/copy}
                """));
        assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/cairn"));
        assertThat(c.reportTo()).isEqualTo(URI.create("https://backup.example.com"));
        SetConfig home = c.set("home");
        assertThat(home.name()).isEqualTo("home");
        assertThat(home.sources()).containsExactly(Path.of("/home/me"));
        assertThat(home.exclude()).containsExactly("*.tmp");
        assertThat(home.keep()).isEqualTo(new SetConfig.Keep(10, null, 7, 4, null, null, null));
        assertThat(home.bandwidth().uploadBytesPerSecond()).isEqualTo(2 << 20);
        assertThat(home.bandwidth().downloadBytesPerSecond()).isEqualTo(512 << 10);
        assertThat(home.hooks().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(home.schedule().next(Instant.parse("2026-01-01T10:15:00Z"))).isEqualTo(Instant.parse("2026-01-01T11:15:00Z"));
        assertThat(home.reportedRepository()).isEqualTo("laptop");
        SetConfig onsite = c.set("onsite");
        assertThat(onsite.backsUp()).isFalse();
        assertThat(onsite.exportPull()).containsExactly(new SetConfig.ExportPull(URI.create("https://backup.example.com"),
                Path.of("/etc/cairn/age.key"), Path.of("/srv/copy"), null));
        assertThat(onsite.schedule().next(Instant.parse("2026-01-01T10:15:00Z"))).isEqualTo(Instant.parse("2026-01-02T02:30:00Z"));
        assertThat(onsite.hooks().timeout()).isEqualTo(SetConfig.Hooks.DEFAULT_TIMEOUT);
    }

    @Test
    void aBadScheduleNamesItsLineColumnAndKey() throws Exception {
        Path file = write("""
                sets:
                  home:
                    repository: /srv/repo
                    sources: [/home/me]
                    schedule: every hour
                """);
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + " line 5, column 15 (sets.home.schedule): 'hour' is not a duration")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(5));
    }

    @Test
    void aCronLineWithAnImpossibleFieldIsRefused() throws Exception {
        Path file = write("sets:\n  home:\n    repository: /r\n    sources: [/a]\n    schedule: \"0 25 * * *\"\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 5").hasMessageContaining("sets.home.schedule").hasMessageContaining("not a valid cron line");
    }

    @Test
    void brokenYamlNamesTheLine() throws Exception {
        Path file = write("sets:\n  home:\n    repository: /r\n    sources: [/a\n    schedule: every 1h\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + " line ").satisfies(e -> assertThat(((ConfigException) e).line()).isBetween(4, 6));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThereAre() throws Exception {
        Path file = write("sets:\n  home:\n    repository: /r\n    sources: [/a]\n    schedule: every 1h\n    sorces: [/b]\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 6").hasMessageContaining("unknown key 'sorces'").hasMessageContaining("sources");
    }

    @Test
    void aMissingKeyIsNamedWithTheSet() throws Exception {
        Path file = write("sets:\n  home:\n    repository: /r\n    schedule: every 1h\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2, column 3 (sets.home)").hasMessageContaining("missing key 'sources'");
    }

    @Test
    void pruneDefaultsToWeeklyWithKeepAndCanBeTunedOrTurnedOff() throws Exception {
        String set = "sets:\n  home:\n    repository: /r\n    sources: [/a]\n    schedule: every 1h\n";
        assertThat(loader.load(write(set)).set("home").pruning()).as("no keep, no prune").isNull();
        SetConfig.Prune byDefault = loader.load(write(set + "    keep: {last: 3}\n")).set("home").pruning();
        assertThat(byDefault).isEqualTo(new SetConfig.Prune(Duration.ofDays(7), "5%"));
        assertThat(loader.load(write(set + "    keep: {last: 3}\n    prune: {every: 1d, max-unused: 10%}\n")).set("home").pruning())
                .isEqualTo(new SetConfig.Prune(Duration.ofDays(1), "10%"));
        assertThat(loader.load(write(set + "    keep: {last: 3}\n    prune: never\n")).set("home").pruning()).isNull();

        Path alone = write(set + "    prune: {every: 1d}\n");
        assertThatThrownBy(() -> loader.load(alone)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'prune' frees what 'keep' forgot").hasMessageContaining("line 2");
        Path word = write(set + "    keep: {last: 3}\n    prune: sometimes\n");
        assertThatThrownBy(() -> loader.load(word)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 7").hasMessageContaining("sets.home.prune").hasMessageContaining("'never' or a map");
        Path limit = write(set + "    keep: {last: 3}\n    prune: {max-unused: lots}\n");
        assertThatThrownBy(() -> loader.load(limit)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 7").hasMessageContaining("'max-unused' takes a size");
    }

    @Test
    void aMissingFileSaysHowToGiveOne() {
        assertThatThrownBy(() -> loader.load(tmp.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file").hasMessageContaining("--config");
    }

    @Test
    void durationsAndSizes() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("1h junk")).hasMessageContaining("not a duration");
        assertThat(Durations.bytes("1048576")).isEqualTo(1 << 20);
        assertThat(Durations.bytes("1GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Durations.bytes("fast")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Schedule.parse("every 10s", ZoneOffset.UTC)).hasMessageContaining("shortest interval");
    }
}
