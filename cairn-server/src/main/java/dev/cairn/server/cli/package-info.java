/**
 * {@code cairn server …}: runs the server and administers its data directory (accounts, tokens, plans, invites, usage)
 * for scripting and first setup. {@code --data-dir} and {@code --config} are accepted at every level, before or after a
 * subcommand's own arguments. Errors are printed as one line and mapped to exit codes in {@link dev.cairn.server.cli.ServerCli}.
 */
package dev.cairn.server.cli;
