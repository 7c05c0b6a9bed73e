/**
 * Terminal and JSON rendering for the CLI: human tables and summaries, JSON documents and JSON-lines events, progress bars,
 * and the engine listener implementations. Everything the user sees passes through {@link dev.cairn.agent.ui.Output}, so
 * the commands never touch {@code System.out}.
 */
package dev.cairn.agent.ui;
