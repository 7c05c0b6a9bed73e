/**
 * Chains of exports on the reader's side (docs/spec/export-format.md §7): an incremental export names the previous
 * export's manifest digest; {@link dev.cairn.export.chain.Chains} checks the links of the exports of a copy and finds the
 * chain that ends at one; {@link dev.cairn.export.chain.ChainState} rebuilds every table's rows from a full export and
 * its incrementals. Knows neither the workspace nor the server (the agent uses it).
 */
package dev.cairn.export.chain;
