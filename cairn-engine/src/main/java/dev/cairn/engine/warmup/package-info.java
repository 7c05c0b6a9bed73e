/** Warming up the JVM for a first repository open (JSON mapping, the KDF binding) while the caller starts up. */
package dev.cairn.engine.warmup;
