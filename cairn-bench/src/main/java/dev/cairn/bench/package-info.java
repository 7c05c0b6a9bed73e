/**
 * JMH micro-benchmarks. Build {@code cairn-bench/target/benchmarks.jar} with
 * {@code scripts/mvn -pl cairn-bench -am package -DskipTests}; {@code bench/chunker.sh} builds, runs and tabulates the
 * chunker benchmark. Inputs come from {@link dev.cairn.bench.BenchInputs} and are deterministic.
 */
package dev.cairn.bench;
