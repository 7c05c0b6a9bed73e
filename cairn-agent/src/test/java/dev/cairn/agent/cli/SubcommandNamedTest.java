package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which subcommand an invocation names (only that one is built), whatever global options come first. */
class SubcommandNamedTest {
    @Test
    void findsTheSubcommandAfterGlobalOptionsAndTheirValues() {
        assertThat(Cli.subcommandNamed(new String[] {"-q", "-r", "/repo", "backup", "/home"})).isEqualTo(BackupCommand.class);
        assertThat(Cli.subcommandNamed(new String[] {"-r", "backup", "init"})).isEqualTo(InitCommand.class);
        assertThat(Cli.subcommandNamed(new String[] {"-qr", "backup", "init"})).isEqualTo(InitCommand.class);
        assertThat(Cli.subcommandNamed(new String[] {"--token-file", "ls", "--repo=x", "snapshots"}))
                .isEqualTo(SnapshotsCommand.class);
        assertThat(Cli.subcommandNamed(new String[] {"key", "list"})).isEqualTo(KeyCommand.class);
    }

    @Test
    void noneWhenTheInvocationNamesNoKnownSubcommand() {
        assertThat(Cli.subcommandNamed(new String[] {"--help"})).isNull();
        assertThat(Cli.subcommandNamed(new String[] {"-r", "/repo", "bakup"})).isNull();
        assertThat(Cli.subcommandNamed(new String[0])).isNull();
    }
}
