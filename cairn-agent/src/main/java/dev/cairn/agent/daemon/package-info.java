/**
 * {@code cairn daemon}: runs the backup sets of a YAML config on their schedules in one long-lived process (issue 17,
 * ADR 32). The parts: {@link dev.cairn.agent.daemon.ConfigLoader} (the file, with line-numbered errors),
 * {@link dev.cairn.agent.daemon.Schedule} (intervals and cron lines), {@link dev.cairn.agent.daemon.Scheduler} (which set
 * is due; one job per repository at a time; a missed run caught up once), {@link dev.cairn.agent.daemon.SetRunner} (hooks,
 * backup, retention, export pull of one set, on a repository kept open between runs), {@link dev.cairn.agent.daemon.StateFile}
 * (last and next run per set), {@link dev.cairn.agent.daemon.Outbox} (run reports to the server, kept until delivered),
 * {@link dev.cairn.agent.daemon.ControlSocket} ({@code cairn run SET} through the running daemon) and
 * {@link dev.cairn.agent.daemon.Daemon} (the loop, SIGHUP, the instance lock). The CLI opens repositories for it through
 * {@link dev.cairn.agent.daemon.RepositoryOpener}, so this package does not depend on the CLI.
 */
package dev.cairn.agent.daemon;
