/**
 * The picocli commands of {@code cairn}, one class per command. {@link dev.cairn.agent.cli.Cli} is the composition root:
 * it wires the command tree, the output streams and the single place where exceptions become exit codes
 * ({@link dev.cairn.agent.cli.ExitCodes} and {@link dev.cairn.agent.cli.ErrorHandler}). Commands throw; they never catch
 * to print.
 */
package dev.cairn.agent.cli;
