/** Operations: metrics wiring and the scheduled background jobs (metering flush, purges, usage reconciliation). */
package dev.cairn.server.ops;
